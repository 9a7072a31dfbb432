"""Middleware of our own: refusing a request body too large to be an honest upload before it is read."""

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


class RequestSizeLimit:
    """A 413 for a request whose declared body is over MAX_REQUEST_BYTES, before Django reads any of it: a 120 MB
    upload used to be read in full before a form's 10 MB check refused it. The reverse proxy should refuse such a
    body even earlier (the README gives its setting)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > settings.MAX_REQUEST_BYTES:
            megabytes = settings.MAX_REQUEST_BYTES // (1024 * 1024)
            response = render(request, "413.html", {"megabytes": megabytes}, status=413)
            response["Connection"] = "close"  # the unread body must not be taken for the next request
            return response
        return self.get_response(request)
