"""The support organisation's own resources, for its staff only (`rules.is_organisation_staff`, through each app's
staff-only access functions): support requests and cases, the system's priorities, events and registrations.
Anyone else gets 404, as on the staff pages; the personal data in them goes to no one else."""

from drf_spectacular.utils import extend_schema
from rest_framework import generics

from mobilise.events import access as events_access
from mobilise.support import access as support_access
from mobilise.support.forms_priorities import PriorityFilterForm

from ..base import ApiView
from ..forms import CaseFilter, EventFilter, RegistrationFilter, RequestFilter
from ..serializers_staff import (
    CaseDetailSerializer,
    CaseSerializer,
    EventSerializer,
    PrioritySerializer,
    RegistrationSerializer,
    SupportRequestDetailSerializer,
    SupportRequestSerializer,
)


@extend_schema(tags=["support (staff)"])
class PriorityList(ApiView, generics.ListAPIView):
    """The register of the health and care system's priorities and challenges (staff only)."""

    serializer_class = PrioritySerializer
    filter_form = PriorityFilterForm

    def get_queryset(self):
        return support_access.priorities_for(self.request.user)


@extend_schema(tags=["support (staff)"])
class PriorityDetail(ApiView, generics.RetrieveAPIView):
    serializer_class = PrioritySerializer

    def get_object(self):
        return support_access.get_priority(self.request.user, self.kwargs["priority_pk"])


@extend_schema(tags=["support (staff)"])
class RequestList(ApiView, generics.ListAPIView):
    """Support requests (staff only)."""

    serializer_class = SupportRequestSerializer
    filter_form = RequestFilter

    def get_queryset(self):
        return support_access.requests_for(self.request.user)


@extend_schema(tags=["support (staff)"])
class RequestDetail(ApiView, generics.RetrieveAPIView):
    """One support request, with its themes and the case opened from it (staff only)."""

    serializer_class = SupportRequestDetailSerializer

    def get_object(self):
        return support_access.get_request(self.request.user, self.kwargs["request_pk"])


@extend_schema(tags=["support (staff)"])
class CaseList(ApiView, generics.ListAPIView):
    """Support cases (staff only)."""

    serializer_class = CaseSerializer
    filter_form = CaseFilter

    def get_queryset(self):
        return support_access.cases_for(self.request.user)


@extend_schema(tags=["support (staff)"])
class CaseDetail(ApiView, generics.RetrieveAPIView):
    """One support case, with its advisers (staff only)."""

    serializer_class = CaseDetailSerializer

    def get_object(self):
        return support_access.get_case(self.request.user, self.kwargs["case_pk"])


@extend_schema(tags=["events (staff)"])
class EventList(ApiView, generics.ListAPIView):
    """The webinar programme's events, drafts included (staff only)."""

    serializer_class = EventSerializer
    filter_form = EventFilter

    def get_queryset(self):
        return events_access.events_for(self.request.user)


@extend_schema(tags=["events (staff)"])
class EventDetail(ApiView, generics.RetrieveAPIView):
    serializer_class = EventSerializer

    def get_object(self):
        return events_access.get_event(self.request.user, self.kwargs["event_pk"])


@extend_schema(tags=["events (staff)"])
class RegistrationList(ApiView, generics.ListAPIView):
    """The event's registrations, cancelled ones included (staff only)."""

    serializer_class = RegistrationSerializer
    filter_form = RegistrationFilter

    def get_queryset(self):
        event = events_access.get_event(self.request.user, self.kwargs["event_pk"])
        return events_access.registrations_of(self.request.user, event)


@extend_schema(tags=["events (staff)"])
class RegistrationDetail(ApiView, generics.RetrieveAPIView):
    serializer_class = RegistrationSerializer

    def get_object(self):
        event = events_access.get_event(self.request.user, self.kwargs["event_pk"])
        return events_access.get_registration(self.request.user, event, self.kwargs["registration_pk"])
