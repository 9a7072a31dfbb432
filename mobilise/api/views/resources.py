"""The API's resources. Every read goes through the owning app's access layer, every write through its services;
the project is resolved once (ApiView.project), so an outsider gets 404 exactly as on the pages."""

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import generics
from rest_framework.response import Response

from mobilise.evaluation import access as evaluation_access
from mobilise.planning import access as planning_access
from mobilise.projects import access as project_access
from mobilise.stakeholders import access as stakeholder_access

from .. import actuals
from ..base import ApiView, Cursor, InProject, ScopedItem, ScopedList
from ..forms import ProjectFilter, RelationshipFilter
from ..serializers import (
    ActualsPushSerializer,
    IndicatorSerializer,
    LogicModelSchema,
    ProjectSerializer,
    RelationshipSerializer,
    StakeholderDetailSerializer,
    StakeholderSerializer,
)
from ..writes import IDEMPOTENCY_KEY, STILL_UNDER_WAY, idempotent


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
class StakeholderList(InProject, ScopedList):
    """The project's stakeholders with their roles and current scores."""

    serializer_class = StakeholderSerializer
    listed = staticmethod(stakeholder_access.stakeholders)


@extend_schema(tags=["stakeholders"])
class StakeholderDetail(ApiView, generics.RetrieveAPIView):
    """One stakeholder, with the history of its scores."""

    serializer_class = StakeholderDetailSerializer

    def get_object(self):
        stakeholder = stakeholder_access.get_stakeholder(self.project(), self.kwargs["stakeholder_pk"])
        return stakeholder_access.with_score_history(stakeholder)


@extend_schema(tags=["stakeholders"])
class RelationshipList(InProject, ScopedList):
    """The relationships between the project's stakeholders, as its network map draws them."""

    serializer_class = RelationshipSerializer
    filter_form = RelationshipFilter
    listed = staticmethod(stakeholder_access.named_relationships)


class FewAtATime(Cursor):
    """Indicators carry their whole series with every breakdown: thousands of values on a page of the default
    size, so they come ten to a page (fifty at most)."""

    page_size = 10
    max_page_size = 50


@extend_schema(tags=["indicators"])
class IndicatorList(InProject, ScopedList):
    """The project's indicators, each with its periods, targets and actuals (totals and breakdowns)."""

    serializer_class = IndicatorSerializer
    pagination_class = FewAtATime
    listed = staticmethod(evaluation_access.indicator_series)

    def paginate_queryset(self, queryset):
        return evaluation_access.with_values(super().paginate_queryset(queryset))


@extend_schema(tags=["indicators"])
class IndicatorDetail(InProject, ScopedItem):
    serializer_class = IndicatorSerializer
    fetched = staticmethod(evaluation_access.get_indicator_series)
    lookup_url_kwarg = "indicator_pk"


@extend_schema(
    tags=["indicators"],
    parameters=[IDEMPOTENCY_KEY],
    request=ActualsPushSerializer,
    responses={200: IndicatorSerializer, 409: STILL_UNDER_WAY},
)
class ActualsPush(ApiView):
    """Record an indicator's values for one or more periods, all of them or none. Each period's values replace
    what it held, as the values form does; checked as the form checks them."""

    serializer_class = ActualsPushSerializer

    def post(self, request, pk, indicator_pk):
        indicator = evaluation_access.get_indicator(self.project(), indicator_pk)
        incoming = ActualsPushSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)

        def push():
            actuals.push(indicator=indicator, periods=incoming.validated_data["periods"])
            # The indicator as it now stands.
            return 200, IndicatorSerializer(evaluation_access.get_indicator_series(self.project(), indicator_pk)).data

        return idempotent(request, push)
