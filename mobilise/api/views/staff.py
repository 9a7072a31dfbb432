"""The support organisation's own resources, for its staff only (`rules.is_organisation_staff`, through each app's
staff-only access functions): support requests and cases, the system's priorities, events and registrations.
Anyone else gets 404, as on the staff pages; the personal data in them goes to no one else."""

from drf_spectacular.utils import extend_schema
from rest_framework import generics

from mobilise.events import access as events_access
from mobilise.support import access as support_access
from mobilise.support.forms_priorities import PriorityFilterForm

from ..base import ApiView, ScopedItem, ScopedList
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
class PriorityList(ScopedList):
    """The register of the health and care system's priorities and challenges (staff only)."""

    serializer_class = PrioritySerializer
    filter_form = PriorityFilterForm
    listed = staticmethod(support_access.priorities_for)


@extend_schema(tags=["support (staff)"])
class PriorityDetail(ScopedItem):
    serializer_class = PrioritySerializer
    fetched = staticmethod(support_access.get_priority)
    lookup_url_kwarg = "priority_pk"


@extend_schema(tags=["support (staff)"])
class RequestList(ScopedList):
    """Support requests (staff only)."""

    serializer_class = SupportRequestSerializer
    filter_form = RequestFilter
    listed = staticmethod(support_access.requests_for)


@extend_schema(tags=["support (staff)"])
class RequestDetail(ScopedItem):
    """One support request, with its themes and the case opened from it (staff only)."""

    serializer_class = SupportRequestDetailSerializer
    fetched = staticmethod(support_access.get_request)
    lookup_url_kwarg = "request_pk"


@extend_schema(tags=["support (staff)"])
class CaseList(ScopedList):
    """Support cases (staff only)."""

    serializer_class = CaseSerializer
    filter_form = CaseFilter
    listed = staticmethod(support_access.cases_for)


@extend_schema(tags=["support (staff)"])
class CaseDetail(ScopedItem):
    """One support case, with its advisers (staff only)."""

    serializer_class = CaseDetailSerializer
    fetched = staticmethod(support_access.get_case)
    lookup_url_kwarg = "case_pk"


@extend_schema(tags=["events (staff)"])
class EventList(ScopedList):
    """The webinar programme's events, drafts included (staff only)."""

    serializer_class = EventSerializer
    filter_form = EventFilter
    listed = staticmethod(events_access.events_for)


@extend_schema(tags=["events (staff)"])
class EventDetail(ScopedItem):
    serializer_class = EventSerializer
    fetched = staticmethod(events_access.get_event)
    lookup_url_kwarg = "event_pk"


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
