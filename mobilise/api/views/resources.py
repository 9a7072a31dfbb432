"""The API's resources. Every read goes through the owning app's access layer, every write through its services;
the project is resolved once (ApiView.project), so an outsider gets 404 exactly as on the pages."""

import json

from django.db import IntegrityError, transaction
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import generics
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response

from mobilise.evaluation import access as evaluation_access
from mobilise.planning import access as planning_access
from mobilise.projects import access as project_access
from mobilise.stakeholders import access as stakeholder_access

from .. import access, actuals, services
from ..base import ApiView, Cursor
from ..forms import ProjectFilter
from ..problems import Conflict, Unprocessable
from ..serializers import (
    ActualsPushSerializer,
    IndicatorSerializer,
    LogicModelSchema,
    ProjectSerializer,
    StakeholderDetailSerializer,
    StakeholderSerializer,
)


@extend_schema(tags=["projects"])
class ProjectList(ApiView, generics.ListAPIView):
    """The projects you may see, with their teams."""

    serializer_class = ProjectSerializer
    filter_form = ProjectFilter

    def get_queryset(self):
        return project_access.with_team(project_access.projects_for(self.request.user))


@extend_schema(tags=["projects"])
class ProjectDetail(ApiView, generics.RetrieveAPIView):
    """One project, with its team."""

    serializer_class = ProjectSerializer

    def get_object(self):
        visible = project_access.with_team(project_access.projects_for(self.request.user))
        return get_object_or_404(visible, pk=self.kwargs["pk"])


@extend_schema(tags=["logic model"], responses=LogicModelSchema)
class LogicModel(ApiView):
    """The project's logic model: elements and links, in the same JSON as the logic model's export."""

    def get(self, request, pk):
        return Response(planning_access.data(planning_access.model_of(self.project())))


@extend_schema(tags=["stakeholders"])
class StakeholderList(ApiView, generics.ListAPIView):
    """The project's stakeholders with their roles and current scores."""

    serializer_class = StakeholderSerializer

    def get_queryset(self):
        return stakeholder_access.stakeholders(self.project())


@extend_schema(tags=["stakeholders"])
class StakeholderDetail(ApiView, generics.RetrieveAPIView):
    """One stakeholder, with the history of its scores."""

    serializer_class = StakeholderDetailSerializer

    def get_object(self):
        return stakeholder_access.get_stakeholder(self.project(), self.kwargs["stakeholder_pk"])


class FewAtATime(Cursor):
    """Indicators carry their whole series with every breakdown: thousands of values on a page of the default
    size, so they come ten to a page (fifty at most)."""

    page_size = 10
    max_page_size = 50


@extend_schema(tags=["indicators"])
class IndicatorList(ApiView, generics.ListAPIView):
    """The project's indicators, each with its periods, targets and actuals (totals and breakdowns)."""

    serializer_class = IndicatorSerializer
    pagination_class = FewAtATime

    def get_queryset(self):
        return evaluation_access.indicators(self.project())


@extend_schema(tags=["indicators"])
class IndicatorDetail(ApiView, generics.RetrieveAPIView):
    serializer_class = IndicatorSerializer

    def get_object(self):
        return evaluation_access.get_indicator(self.project(), self.kwargs["indicator_pk"])


IDEMPOTENCY_KEY = OpenApiParameter(
    "Idempotency-Key",
    str,
    OpenApiParameter.HEADER,
    description="Any unique text up to 255 characters. A retry with the same key and body gets the first answer; "
    "the same key with a different body is refused (422).",
)


@extend_schema(
    tags=["indicators"],
    parameters=[IDEMPOTENCY_KEY],
    request=ActualsPushSerializer,
    responses={200: IndicatorSerializer, 409: OpenApiResponse(description="The same key is being used at once")},
)
class ActualsPush(ApiView):
    """Record an indicator's values for one or more periods, all of them or none. Each period's values replace
    what it held, as the values form does; checked as the form checks them."""

    serializer_class = ActualsPushSerializer

    def post(self, request, pk, indicator_pk):
        indicator = evaluation_access.get_indicator(self.project(), indicator_pk)
        key = request.headers.get("Idempotency-Key")
        incoming = ActualsPushSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        if key is None:
            actuals.push(indicator=indicator, periods=incoming.validated_data["periods"])
            return Response(self._answer(indicator_pk))
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
                actuals.push(indicator=indicator, periods=incoming.validated_data["periods"])
                body = self._answer(indicator_pk)
                services.remember_response(user=request.user, key=key, fingerprint=fingerprint, status=200, body=body)
        except IntegrityError:
            raise Conflict("A request with this Idempotency-Key is under way. Try again shortly.") from None
        return Response(body)

    def _answer(self, indicator_pk):
        """The indicator as it now stands, as plain JSON (it is stored for a retry)."""
        indicator = evaluation_access.get_indicator(self.project(), indicator_pk)
        return json.loads(JSONRenderer().render(IndicatorSerializer(indicator).data))
