"""What every API view shares: conditional GET with an ETag, cursor pagination, and resolving the project once
through the projects app's access layer (404 for outsiders, exactly as on the pages); and the shape of most reads,
a list and an item, each from one access function."""

import hashlib
from collections.abc import Callable, Iterable
from typing import Any, cast

from django import forms
from django.db.models import Model, QuerySet
from django.utils.cache import get_conditional_response, patch_vary_headers
from rest_framework.filters import BaseFilterBackend
from rest_framework.generics import GenericAPIView, ListAPIView, RetrieveAPIView
from rest_framework.pagination import CursorPagination

from mobilise.core.forms import FilterForm
from mobilise.projects import access as project_access
from mobilise.projects.models import Project
from mobilise.projects.rules import EDIT, VIEW


class Cursor(CursorPagination):
    page_size = 50
    max_page_size = 200
    page_size_query_param = "page_size"
    ordering = "pk"


def _parameter_schema(field: forms.Field) -> dict[str, Any]:
    if isinstance(field, forms.ChoiceField):
        choices = cast(Iterable[tuple[Any, Any]], field.choices)  # a form's choices are pairs once it is built
        return {"type": "string", "enum": [str(value) for value, _ in choices if value != ""]}
    if isinstance(field, forms.DateField):
        return {"type": "string", "format": "date"}
    if isinstance(field, forms.IntegerField):
        return {"type": "integer"}
    if isinstance(field, forms.BooleanField):
        return {"type": "boolean"}
    return {"type": "string"}


class FormFilter(BaseFilterBackend):
    """A list's filters are the view's `filter_form` (a core.forms.FilterForm, as on the pages), read from the query
    string; the schema's query parameters are its fields, described by their help text. A value that does not clean
    is ignored, as on the pages."""

    def filter_queryset(self, request, queryset, view):
        form: type[FilterForm] | None = getattr(view, "filter_form", None)
        return queryset if form is None else form(request.query_params).filter_qs(queryset)

    def get_schema_operation_parameters(self, view):
        form: type[FilterForm] | None = getattr(view, "filter_form", None)
        fields = form.base_fields.items() if form is not None else []
        return [
            {
                "name": name,
                "in": "query",
                "required": False,
                "description": str(field.help_text),
                "schema": _parameter_schema(field),
            }
            for name, field in fields
        ]


class ApiView(GenericAPIView):
    pagination_class = Cursor
    filter_backends = [FormFilter]
    filter_form: type[FilterForm] | None = None

    def finalize_response(self, request, response, *args, **kwargs):
        """A successful read carries an ETag of its body; If-None-Match with it gets 304 and no body. The body
        differs by who asks, so the response varies on the credentials."""
        response = super().finalize_response(request, response, *args, **kwargs)
        if request.method in ("GET", "HEAD") and response.status_code == 200:
            response.render()
            response["ETag"] = f'"{hashlib.sha256(response.content).hexdigest()[:40]}"'
            patch_vary_headers(response, ["Authorization", "Cookie"])
            return get_conditional_response(request._request, etag=response["ETag"], response=response)
        return response

    def project(self) -> Project:
        """The project of the URL, if the user may read it (or edit it, for a write)."""
        perm = VIEW if self.request.method in ("GET", "HEAD", "OPTIONS") else EDIT
        if not hasattr(self, "_project"):
            self._project = project_access.get_project(self.request.user, self.kwargs["pk"], perm)
        return self._project


# Most endpoints are a list and an item read by an access function of the owning app, which the endpoint names as a
# staticmethod (the function itself, not bound to the view): `listed` takes what the reads are scoped to and gives the
# queryset, `fetched` takes that and the id in the URL (under `lookup_url_kwarg`) and gives the object or 404. The scope
# is the user (the access function keeps to what they may see) or, with InProject, the URL's project resolved once.
# These bases have comments rather than docstrings: the schema takes an endpoint's description from the first docstring
# up its classes, so a base's would describe every endpoint that has none of its own.


class ScopedRead(ApiView):
    def scope(self) -> Any:
        return self.request.user


class ScopedList(ScopedRead, ListAPIView):
    listed: Callable[[Any], QuerySet[Any]]

    def get_queryset(self):
        return self.listed(self.scope())


class ScopedItem(ScopedRead, RetrieveAPIView):
    fetched: Callable[[Any, Any], Model]

    def get_object(self):
        return self.fetched(self.scope(), self.kwargs[self.lookup_url_kwarg])


class InProject(ScopedRead):
    def scope(self) -> Project:
        return self.project()
