"""The advisers' side of the front door: the requests that came in and each one's history."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from mobilise.core.paging import paginate

from .. import access


@login_required
def requests(request):
    page, querystring = paginate(request, access.requests_for(request.user), 25, "page")
    return render(request, "support/requests.html", {"page": page, "querystring": querystring, "nav": "support"})


@login_required
def request_detail(request, pk):
    support_request = access.get_request(request.user, pk)
    context = {"support_request": support_request, "history": access.history(support_request), "nav": "support"}
    return render(request, "support/request_detail.html", context)
