"""Every error the API gives is an RFC 9457 problem: application/problem+json with type, title, status and detail;
a validation problem adds `errors`, each with a JSON pointer into the request body (or the query parameter) and
what is wrong there."""

from http import HTTPStatus
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, JsonResponse
from django.urls import Resolver404
from django.views import defaults
from rest_framework import exceptions, status
from rest_framework.views import exception_handler as drf_exception_handler

CONTENT_TYPE = "application/problem+json"


class Conflict(exceptions.APIException):
    status_code = status.HTTP_409_CONFLICT
    default_detail = "The request conflicts with another one."


class Unprocessable(exceptions.APIException):
    status_code = status.HTTP_422_UNPROCESSABLE_ENTITY
    default_detail = "The request cannot be processed."


def pointers(detail: Any, path: str = "") -> list[dict[str, str]]:
    """ValidationError details (nested dicts and lists of messages) as a flat list of {pointer, detail}."""
    if isinstance(detail, dict):
        return [e for key, value in detail.items() for e in pointers(value, f"{path}/{key}")]
    if isinstance(detail, list) and detail and all(isinstance(item, str) for item in detail):
        return [{"pointer": path, "detail": str(item)} for item in detail]
    if isinstance(detail, list):
        return [e for i, value in enumerate(detail) for e in pointers(value, f"{path}/{i}")]
    return [{"pointer": path, "detail": str(detail)}]


def problem(status_code: int, detail: str, **extra: Any) -> dict[str, Any]:
    return {
        "type": "about:blank",
        "title": HTTPStatus(status_code).phrase,
        "status": status_code,
        "detail": detail,
        **extra,
    }


def exception_handler(exc, context):
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied(str(exc) or None)  # its message says how to be allowed
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, exceptions.ValidationError):
        errors = pointers(exc.detail if isinstance(exc.detail, dict | list) else [exc.detail])
        body = problem(response.status_code, "The request is not valid: see errors.", errors=errors)
    else:
        detail = exc.detail if isinstance(exc, exceptions.APIException) else str(exc)
        body = problem(response.status_code, str(detail))
    response.data = body
    response.content_type = CONTENT_TYPE
    return response


def not_found(request, exception):
    """The site's 404: an address under /api/ that matches nothing is answered with a problem document (the API's
    clients read JSON; its views answer their own 404s so); anything else, the account pages under /api/ too, with
    the page."""
    if request.path_info.startswith("/api/") and isinstance(exception, Resolver404):
        body = problem(status.HTTP_404_NOT_FOUND, "There is nothing at this address.")
        return JsonResponse(body, status=status.HTTP_404_NOT_FOUND, content_type=CONTENT_TYPE)
    return defaults.page_not_found(request, exception)
