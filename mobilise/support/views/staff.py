"""The advisers' side of the front door: the triage queue against the service level, each request's record,
assigning it, and moving it on with an email the adviser approves."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from mobilise.core.paging import paginate
from mobilise.engagement import access as engagement_access
from mobilise.projects import access as project_access

from .. import access, services
from ..forms import QueueFilterForm, advisers
from ..models import Status
from . import records

# Where an open request may go next, in the order the record page offers them: the button, the page's heading.
NEXT = {
    Status.ASSESSING: ("Start assessing", "Start assessing the request"),
    Status.WAITING: ("Ask for more information", "Ask the requester for more information"),
    Status.ACCEPTED: ("Accept", "Accept the request"),
    Status.REDIRECTED: ("Redirect", "Pass the request to another organisation"),
    Status.DECLINED: ("Decline", "Decline the request"),
}
REQUEST = records.Kind(
    noun="request",
    person="requester",
    key="support_request",
    url="support:request",
    statuses=Status,
    next=NEXT,
    get=access.get_request,
    history=access.history,
    assign=services.assign,
    change_status=services.change_status,
    erase=services.erase_request,
)


@login_required
@require_http_methods(["GET", "POST"])
def request_from_gap(request, gap_pk):
    """An adviser opens a grant-stage support request from an evidence gap: shown first, made on confirmation."""
    access.require_staff(request.user)
    gap = engagement_access.get_programme_gap(request.user, gap_pk)
    taken = services.gap_taken(gap)
    if request.method == "POST" and not taken:
        try:
            made = services.request_from_gap(insight=gap, by=request.user)
        except services.GapTaken:
            taken = True
        else:
            messages.success(request, f"Support request {made.reference} opened from the evidence gap.")
            return redirect("support:request", pk=made.pk)
    fields = services.gap_fields(gap, request.user)
    return render(
        request,
        "support/request_from_gap.html",
        {"gap": gap, "fields": fields, "taken": taken, "nav": "support"},
        status=409 if taken and request.method == "POST" else 200,
    )


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
        "themes": project_access.theme_choices(),
        "advisers": advisers().values_list("pk", "full_name"),
        "settings_days": settings.SUPPORT_FIRST_RESPONSE_DAYS,
        "nav": "support",
    }
    return render(request, "support/requests.html", context)


@login_required
def request_detail(request, pk):
    support_request = access.get_request(request.user, pk)
    context = records.record_context(request, support_request, REQUEST)
    context.update(clock=access.clock(support_request), nav="support")
    return render(request, "support/request_detail.html", context)
