"""The advisers' side of the front door: the triage queue against the service level, each request's record,
assigning it, and moving it on with an email the adviser approves."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from mobilise.core.paging import paginate
from mobilise.projects.models import Theme

from .. import access, rubric, services
from ..forms import AssessmentForm, AssignForm, QueueFilterForm, StatusForm, advisers
from ..messages import NEEDS_REASON, draft
from ..models import OPEN_STATUSES, Status

# Where an open request may go next, in the order the record page offers them: the button, the page's heading.
NEXT = {
    Status.ASSESSING: ("Start assessing", "Start assessing the request"),
    Status.WAITING: ("Ask for more information", "Ask the requester for more information"),
    Status.ACCEPTED: ("Accept", "Accept the request"),
    Status.REDIRECTED: ("Redirect", "Pass the request to another organisation"),
    Status.DECLINED: ("Decline", "Decline the request"),
}


@login_required
def requests(request):
    filters = QueueFilterForm(request.GET)
    queryset = access.with_clock(filters.filter_qs(access.requests_for(request.user)))
    page, querystring = paginate(request, queryset, 25, "page")
    rows = [(r, access.clock(r)) for r in page.object_list]
    context = {
        "page": page,
        "rows": rows,
        "querystring": querystring,
        "filters": filters,
        "values": filters.values,
        "themes": Theme.objects.values_list("pk", "name"),
        "advisers": advisers().values_list("pk", "full_name"),
        "settings_days": settings.SUPPORT_FIRST_RESPONSE_DAYS,
        "nav": "support",
    }
    return render(request, "support/requests.html", context)


@login_required
def request_detail(request, pk):
    support_request = access.get_request(request.user, pk)
    assessments = access.assessments_of(support_request)
    context = {
        "support_request": support_request,
        "assessment": rubric.summary(assessments, rubric.REQUEST_CRITERIA),
        "user_assessed": any(a.assessor_id == request.user.pk for a in assessments),
        "clock": access.clock(support_request),
        "history": access.history(support_request),
        "assign": AssignForm(initial={"assignee": support_request.assignee_id}),
        "next": [(s, names[0]) for s, names in NEXT.items() if s != support_request.status and support_request.is_open],
        "retention_months": settings.RETENTION_MONTHS,
        "nav": "support",
    }
    return render(request, "support/request_detail.html", context)


@login_required
@require_POST
def assign(request, pk):
    support_request = access.get_request(request.user, pk)
    form = AssignForm(request.POST)
    if form.is_valid():
        services.assign(support_request=support_request, assignee=form.cleaned_data["assignee"])
        messages.success(request, "Request assigned.")
    return redirect("support:request", pk=pk)


@login_required
@require_http_methods(["GET", "POST"])
def change_status(request, pk, status):
    support_request = access.get_request(request.user, pk)
    if status not in NEXT or status == support_request.status:
        raise Http404
    if support_request.status not in OPEN_STATUSES:
        messages.error(request, "This request is closed, so its status cannot change.")
        return redirect("support:request", pk=pk)
    subject, body = draft(
        "request",
        status,
        name=support_request.name,
        title=support_request.project_title,
        reference=support_request.reference,
    )
    form = StatusForm(
        request.POST or None,
        initial={"subject": subject, "message": body},
        needs_reason=status in NEEDS_REASON["request"],
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.change_status(support_request=support_request, status=status, by=request.user, **form.cleaned_data)
            messages.success(request, f"{Status(status).label}: the requester has been emailed.")
        except services.RequestClosed:
            messages.error(request, "This request was closed meanwhile, so its status has not changed.")
        return redirect("support:request", pk=pk)
    context = {"support_request": support_request, "form": form, "heading": NEXT[Status(status)][1], "nav": "support"}
    return render(request, "support/change_status.html", context, status=400 if form.is_bound else 200)


@login_required
@require_http_methods(["GET", "POST"])
def assess(request, pk):
    """The signed-in adviser's own needs assessment of the request, made or changed."""
    support_request = access.get_request(request.user, pk)
    mine = next((a for a in access.assessments_of(support_request) if a.assessor_id == request.user.pk), None)
    criteria = rubric.REQUEST_CRITERIA
    initial = AssessmentForm.initial_from(mine.answers if mine else {}, criteria)
    form = AssessmentForm(request.POST or None, initial=initial, criteria=criteria)
    if request.method == "POST" and form.is_valid():
        services.save_assessment(subject=support_request, assessor=request.user, answers=form.answers())
        messages.success(request, "Your assessment is saved.")
        return redirect("support:request", pk=pk)
    context = {"support_request": support_request, "form": form, "nav": "support"}
    return render(request, "support/assess.html", context, status=400 if form.is_bound else 200)


@login_required
@require_http_methods(["GET", "POST"])
def erase(request, pk):
    """Erase the requester's details at their wish: a page that says what goes and what stays, and a button."""
    support_request = access.get_request(request.user, pk)
    if request.method == "POST":
        if services.erase_request(support_request=support_request, by=request.user):
            messages.success(request, "The requester's details have been erased.")
        else:
            messages.info(request, "The requester's details had already been erased.")
        return redirect("support:request", pk=pk)
    return render(request, "support/erase.html", {"support_request": support_request, "nav": "support"})
