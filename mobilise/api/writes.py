"""What every API write shares: the page's own form checks the values (so the API refuses exactly what the form
refuses, with the form's messages), and a POST with an Idempotency-Key is answered once however often it is sent."""

import datetime
import json
from collections.abc import Callable, Mapping
from typing import Any, TypeVar

from django import forms
from django.db import IntegrityError, transaction
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework.exceptions import ValidationError
from rest_framework.renderers import JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.serializers import Serializer

from . import access, services
from .problems import Conflict, Unprocessable

IDEMPOTENCY_KEY = OpenApiParameter(
    "Idempotency-Key",
    str,
    OpenApiParameter.HEADER,
    description="Any unique text up to 255 characters. A retry with the same key and body gets the first answer; "
    "the same key with a different body is refused (422).",
)
STILL_UNDER_WAY = OpenApiResponse(description="A request with the same Idempotency-Key is under way")
F = TypeVar("F", bound=forms.BaseForm)
View = TypeVar("View", bound=Callable[..., Any])


def form_data(values: Mapping[str, Any]) -> dict[str, Any]:
    """Checked JSON values as a browser would post them: text, lists of text, and a date as its day, month and
    year boxes (core.forms.DateInput)."""
    data: dict[str, Any] = {}
    for name, value in values.items():
        if isinstance(value, datetime.date):
            data.update({f"{name}[day]": str(value.day), f"{name}[month]": str(value.month)})
            data[f"{name}[year]"] = str(value.year)
        elif isinstance(value, list | tuple):
            data[name] = [str(item) for item in value]
        elif value is not None:
            data[name] = str(value)
    return data


def checked(form: F, where: Mapping[str, str]) -> F:
    """The form, valid; otherwise a ValidationError naming each problem where it is in the request body (`where`
    maps a form field to its place; a field not named there keeps its name; the form as a whole is
    non_field_errors)."""
    if not form.is_valid():
        problems: dict[str, list[str]] = {}
        for field, messages in form.errors.items():
            place = "non_field_errors" if field == "__all__" else where.get(field, field)
            problems.setdefault(place, []).extend(str(message) for message in messages)
        raise ValidationError(problems)
    return form


def as_json(data: Any) -> Any:
    """A serializer's data as plain JSON values, as it will be stored for a retry."""
    return json.loads(JSONRenderer().render(data))


def creates(incoming: type[Serializer], answer: type[Serializer]) -> Callable[[View], View]:
    """The schema of a POST that creates: the body it takes, 201 with what it made."""
    return extend_schema(parameters=[IDEMPOTENCY_KEY], request=incoming, responses={201: answer, 409: STILL_UNDER_WAY})


def create(
    request: Request, incoming: type[Serializer], answer: type[Serializer], save: Callable[[Any], Any]
) -> Response:
    """Check the body's types, then save (the page's form checks the values) and answer 201 with what was made."""
    body = incoming(data=request.data)
    body.is_valid(raise_exception=True)
    return idempotent(request, lambda: (201, answer(save(body.validated_data)).data))


def idempotent(request: Request, work: Callable[[], tuple[int, Any]]) -> Response:
    """Do the write (`work` returns the status and body) in one transaction. With an Idempotency-Key the answer is
    kept for a day: the same key and body get it again without a second write; the same key with another body is
    refused; two requests with one key at once: the second is told to try again."""
    key = request.headers.get("Idempotency-Key")
    if key is None:
        with transaction.atomic():
            status, body = work()
        return Response(body, status=status)
    if not 1 <= len(key) <= 255:
        raise Unprocessable("The Idempotency-Key must be 1 to 255 characters.")
    fingerprint = services.fingerprint(request.method, request.path, json.dumps(request.data, sort_keys=True))
    earlier = access.remembered(request.user, key)
    if earlier is not None:
        if earlier.fingerprint != fingerprint:
            raise Unprocessable("This Idempotency-Key was used for a different request.")
        return Response(earlier.body, status=earlier.status, headers={"Idempotent-Replayed": "true"})
    try:
        with transaction.atomic():
            status, body = work()
            body = as_json(body)
            services.remember_response(user=request.user, key=key, fingerprint=fingerprint, status=status, body=body)
    except IntegrityError:
        if access.remembered(request.user, key) is not None:
            raise Conflict("A request with this Idempotency-Key is under way. Try again shortly.") from None
        raise Conflict("Another change was saved at the same moment. Try again.") from None
    return Response(body, status=status)
