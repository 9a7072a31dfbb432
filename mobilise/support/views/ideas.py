"""The advisers' side of "Get involved": the ideas queue, each idea's record with its assessments, moving it on
with an answer the adviser approves, and turning an accepted idea into a case, a project or an evidence gap."""

from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from mobilise.core.paging import paginate

from .. import access, services_ideas
from ..forms import StartProjectForm, advisers
from ..forms_ideas import EvidenceGapForm, IdeaFilterForm
from ..models import IdeaStatus
from ..services import Erased
from . import records

# Where an open idea may go next: the button, the page's heading.
NEXT = {
    IdeaStatus.REVIEWING: ("Start the review", "Start reviewing the idea"),
    IdeaStatus.WAITING: ("Ask for more information", "Ask the sender for more information"),
    IdeaStatus.ACCEPTED: ("Accept", "Accept the idea"),
    IdeaStatus.NOT_TAKEN: ("Do not take forward", "Do not take the idea forward"),
}
IDEA = records.Kind(
    noun="idea",
    person="sender",
    key="idea",
    url="support:idea",
    statuses=IdeaStatus,
    next=NEXT,
    get=access.get_idea,
    history=access.idea_history,
    assign=services_ideas.assign,
    change_status=services_ideas.change_status,
    erase=services_ideas.erase_idea,
)


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
    outcome_open = idea.status == IdeaStatus.ACCEPTED and not (
        idea.closed_at or idea.project_id or idea.evidence_gap_id or hasattr(idea, "case")
    )
    context = records.record_context(request, idea, IDEA)
    context.update(
        outcome_open=outcome_open and idea.erased_at is None,
        project_form=StartProjectForm(),
        gap_form=EvidenceGapForm(user=request.user),
    )
    return records.with_forms(request, "support/idea_detail.html", context, status, **forms)


@login_required
def idea_detail(request, pk):
    return _detail(request, access.get_idea(request.user, pk))


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
            project = records.start_project(form, partial(services_ideas.make_project, idea=idea, by=request.user))
            if project is None:
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
