"""What the API returns to the support organisation's staff only: support requests and cases, events and their
registrations. They hold personal data, so every view of them reads through its app's staff-only access functions
(404 for anyone else)."""

from rest_framework import serializers

from mobilise.events.models import Event, Registration
from mobilise.support.forms import FIELDS as REQUEST_FIELDS
from mobilise.support.models import Case, Priority, SupportRequest

from .serializers_directory import OrganisationRefSerializer
from .serializers_jobs import UserRefSerializer


class SupportRequestSerializer(serializers.ModelSerializer):
    assignee = UserRefSerializer(allow_null=True)
    needs = serializers.ListField(child=serializers.CharField())

    class Meta:
        model = SupportRequest
        fields = [
            "id",
            "reference",
            "status",
            "submitted",
            *REQUEST_FIELDS,  # what the requester wrote, as the public form asks it
            "assignee",
            "first_response_at",
            "decided_at",
            "erased_at",
        ]


class SupportRequestDetailSerializer(SupportRequestSerializer):
    themes = serializers.SlugRelatedField(many=True, read_only=True, slug_field="name")
    case = serializers.SerializerMethodField(help_text="The support case opened from it, if any")

    class Meta(SupportRequestSerializer.Meta):
        fields = [*SupportRequestSerializer.Meta.fields, "themes", "case"]

    def get_case(self, support_request: SupportRequest) -> int | None:
        case = getattr(support_request, "case", None)
        return case.pk if case is not None else None


class CaseSerializer(serializers.ModelSerializer):
    request = serializers.IntegerField(source="request_id", allow_null=True)
    idea = serializers.IntegerField(source="idea_id", allow_null=True)
    project = serializers.IntegerField(source="project_id", allow_null=True)
    lead = UserRefSerializer(allow_null=True)

    class Meta:
        model = Case
        fields = ["id", "request", "idea", "project", "lead", "opened", "closed", "outcome", "closing_note"]


class CaseDetailSerializer(CaseSerializer):
    advisers = UserRefSerializer(many=True)

    class Meta(CaseSerializer.Meta):
        fields = [*CaseSerializer.Meta.fields, "advisers"]


class EventSerializer(serializers.ModelSerializer):
    theme = serializers.CharField(source="theme.title")

    class Meta:
        model = Event
        fields = [
            "id",
            "slug",
            "title",
            "theme",
            "start",
            "duration_minutes",
            "format",
            "status",
            "capacity",
            "seats_taken",
            "registration_opens",
            "registration_closes",
            "recording_url",
            "slides_url",
        ]


class RegistrationSerializer(serializers.ModelSerializer):
    access_needs = serializers.ListField(child=serializers.CharField())

    class Meta:
        model = Registration
        fields = [
            "id",
            "name",
            "email",
            "organisation",
            "sector",
            "role",
            "access_needs",
            "access_other",
            "consent_recorded",
            "consent_attendee_list",
            "consent_theme_updates",
            "status",
            "waiting_position",
            "created",
            "cancelled_at",
            "attended",
            "erased_at",
        ]


class PrioritySerializer(serializers.ModelSerializer):
    """A priority of the health and care system: whose it is, its themes, and the request or idea that raised it."""

    organisation = OrganisationRefSerializer(allow_null=True)
    themes = serializers.SlugRelatedField(many=True, read_only=True, slug_field="name")
    request = serializers.IntegerField(source="request_id", allow_null=True)
    idea = serializers.IntegerField(source="idea_id", allow_null=True)

    class Meta:
        model = Priority
        fields = ["id", "title", "description", "organisation", "themes", "raised", "status", "request", "idea"]
