"""The advisers' side of "Get involved": the ideas queue, each idea's record with its assessments, moving it on
with an answer the adviser approves, and turning an accepted idea into a case, a project or an evidence gap."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from mobilise.core.paging import paginate
from mobilise.projects.services import TeamError

from .. import access, rubric, services, services_ideas
from ..forms import AssessmentForm, AssignForm, StartProjectForm, StatusForm, advisers
from ..forms_ideas import EvidenceGapForm, IdeaFilterForm
from ..messages import NEEDS_REASON, draft
from ..models import IdeaStatus
from ..services import Erased, RequestClosed

# Where an open idea may go next: the button, the page's heading.
NEXT = {
    IdeaStatus.REVIEWING: ("Start the review", "Start reviewing the idea"),
    IdeaStatus.WAITING: ("Ask for more information", "Ask the sender for more information"),
    IdeaStatus.ACCEPTED: ("Accept", "Accept the idea"),
    IdeaStatus.NOT_TAKEN: ("Do not take forward", "Do not take the idea forward"),
}


@login_required
def ideas(request):
    filters = IdeaFilterForm(request.GET)
    queryset = filters.filter_qs(access.ideas_for(request.user))
    page, querystring = paginate(request, queryset, 25, "page")
    context = {
        "page": page,
        "querystring": querystring,
        "filters": filters,
        "values": filters.values,
        "advisers": advisers().values_list("pk", "full_name"),
        "nav": "support",
    }
    return render(request, "support/ideas.html", context)


def _detail(request, idea, status=200, **forms):
    assessments = access.assessments_of(idea)
    outcome_open = idea.status == IdeaStatus.ACCEPTED and not (
        idea.closed_at or idea.project_id or idea.evidence_gap_id or hasattr(idea, "case")
    )
    context = {
        "idea": idea,
        "assessment": rubric.summary(assessments, rubric.IDEA_CRITERIA),
        "user_assessed": any(a.assessor_id == request.user.pk for a in assessments),
        "history": access.idea_history(idea),
        "assign": AssignForm(initial={"assignee": idea.assignee_id}),
        "next": [(s, names[0]) for s, names in NEXT.items() if s != idea.status and idea.is_open],
        "outcome_open": outcome_open and idea.erased_at is None,
        "project_form": StartProjectForm(),
        "gap_form": EvidenceGapForm(user=request.user),
        "retention_months": settings.RETENTION_MONTHS,
        "nav": "support",
        **forms,
    }
    bound = next((f for f in forms.values() if f.is_bound), None)
    return render(request, "support/idea_detail.html", {**context, "form": bound}, status=status)


@login_required
def idea_detail(request, pk):
    return _detail(request, access.get_idea(request.user, pk))


@login_required
@require_POST
def assign(request, pk):
    idea = access.get_idea(request.user, pk)
    form = AssignForm(request.POST)
    if form.is_valid():
        services_ideas.assign(idea=idea, assignee=form.cleaned_data["assignee"])
        messages.success(request, "Idea assigned.")
    return redirect("support:idea", pk=pk)


@login_required
@require_http_methods(["GET", "POST"])
def change_status(request, pk, status):
    idea = access.get_idea(request.user, pk)
    if status not in NEXT or status == idea.status:
        raise Http404
    if not idea.is_open:
        messages.error(request, "This idea is closed, so its status cannot change.")
        return redirect("support:idea", pk=pk)
    subject, body = draft("idea", status, name=idea.name, title=idea.title, reference=idea.reference)
    form = StatusForm(
        request.POST or None,
        initial={"subject": subject, "message": body},
        needs_reason=status in NEEDS_REASON["idea"],
        to="the sender",
    )
    if request.method == "POST" and form.is_valid():
        try:
            services_ideas.change_status(idea=idea, status=status, by=request.user, **form.cleaned_data)
            messages.success(request, f"{IdeaStatus(status).label}: the sender has been emailed.")
        except RequestClosed:
            messages.error(request, "This idea was closed meanwhile, so its status has not changed.")
        return redirect("support:idea", pk=pk)
    context = {"idea": idea, "form": form, "heading": NEXT[IdeaStatus(status)][1], "nav": "support"}
    return render(request, "support/idea_status_change.html", context, status=400 if form.is_bound else 200)


@login_required
@require_http_methods(["GET", "POST"])
def assess(request, pk):
    """The signed-in adviser's own assessment of the idea on the ideas rubric, made or changed."""
    idea = access.get_idea(request.user, pk)
    mine = next((a for a in access.assessments_of(idea) if a.assessor_id == request.user.pk), None)
    criteria = rubric.IDEA_CRITERIA
    initial = AssessmentForm.initial_from(mine.answers if mine else {}, criteria)
    form = AssessmentForm(request.POST or None, initial=initial, criteria=criteria)
    if request.method == "POST" and form.is_valid():
        services.save_assessment(subject=idea, assessor=request.user, answers=form.answers())
        messages.success(request, "Your assessment is saved.")
        return redirect("support:idea", pk=pk)
    context = {"idea": idea, "form": form, "nav": "support"}
    return render(request, "support/idea_assess.html", context, status=400 if form.is_bound else 200)


@login_required
@require_POST
def outcome(request, pk):
    """Turn an accepted idea into a support case, an idea-stage project, or an evidence gap on a chosen project."""
    idea = access.get_idea(request.user, pk)
    action = request.POST.get("action")
    try:
        if action == "case":
            case = services_ideas.make_case(idea=idea, by=request.user)
            messages.success(request, "The idea is now a support case.")
            return redirect("support:case", pk=case.pk)
        if action == "project":
            form = StartProjectForm(request.POST)
            if not form.is_valid():
                return _detail(request, idea, 400, project_form=form)
            try:
                project = services_ideas.make_project(idea=idea, by=request.user, **form.cleaned_data)
            except TeamError as error:
                form.refuse(str(error))
                return _detail(request, idea, 400, project_form=form)
            messages.success(request, f"Project started. {idea.name} is invited to lead it.")
            return redirect("project", pk=project.pk)
        if action == "gap":
            gap_form = EvidenceGapForm(request.POST, user=request.user)
            if not gap_form.is_valid():
                return _detail(request, idea, 400, gap_form=gap_form)
            services_ideas.make_evidence_gap(idea=idea, by=request.user, project=gap_form.cleaned_data["project"])
            messages.success(request, "The idea is now an evidence gap on the project.")
            return redirect("support:idea", pk=pk)
    except services_ideas.NotAccepted:
        messages.error(request, "Only an accepted idea that has not been taken forward yet can become this.")
    except Erased:
        messages.error(request, "The sender's details have been erased, so the idea cannot be taken forward.")
    return redirect("support:idea", pk=pk)


@login_required
@require_http_methods(["GET", "POST"])
def erase(request, pk):
    """Erase the sender's details at their wish: a page that says what goes and what stays, and a button."""
    idea = access.get_idea(request.user, pk)
    if request.method == "POST":
        if services_ideas.erase_idea(idea=idea, by=request.user):
            messages.success(request, "The sender's details have been erased.")
        else:
            messages.info(request, "The sender's details had already been erased.")
        return redirect("support:idea", pk=pk)
    return render(request, "support/idea_erase.html", {"idea": idea, "nav": "support"})
