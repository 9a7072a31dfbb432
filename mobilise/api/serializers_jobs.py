"""What the API returns for a project's work beyond its plan: interactions and actions (engagement), findings and
outputs (outputs), impact claims (evaluation). People are named by their user id and full name, stakeholders by
their id and name, as in the project's team and stakeholder lists."""

from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from mobilise.engagement.forms import ACTION_ROWS
from mobilise.engagement.models import Action, Interaction, Kind, Status
from mobilise.evaluation.models import Evidence, ImpactClaim
from mobilise.outputs.forms import FindingForm
from mobilise.outputs.models import Finding, Output, Section
from mobilise.stakeholders.models import Attitude


# A person or stakeholder named inside a list's rows: many on a page, so written out directly, at a fraction of the
# cost of walking the (declared, for the schema) fields one by one.
class UserRefSerializer(serializers.Serializer):
    user = serializers.IntegerField(source="pk")
    name = serializers.CharField(source="full_name")

    def to_representation(self, instance: Any) -> dict[str, Any]:
        return {"user": instance.pk, "name": instance.full_name}


class StakeholderRefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()

    def to_representation(self, instance: Any) -> dict[str, Any]:
        return {"id": instance.pk, "name": instance.name}


class ActionSerializer(serializers.ModelSerializer):
    owner = UserRefSerializer(allow_null=True)
    interaction = serializers.IntegerField(source="interaction_id", allow_null=True)
    workshop = serializers.IntegerField(source="workshop_id", allow_null=True)

    class Meta:
        model = Action
        fields = ["id", "description", "owner", "due", "status", "agreed_on", "interaction", "workshop"]


class InteractionSerializer(serializers.ModelSerializer):
    """An interaction in a list (engagement.access.interactions_listed)."""

    stakeholders = StakeholderRefSerializer(many=True, source="stakeholder_list")
    team = UserRefSerializer(many=True, source="team_list")
    workshop = serializers.IntegerField(source="workshop_id", allow_null=True)
    created_by = UserRefSerializer(allow_null=True)

    class Meta:
        model = Interaction
        fields = [
            "id",
            "date",
            "kind",
            "subject",
            "summary",
            "learned",
            "stakeholders",
            "team",
            "workshop",
            "created_by",
            "created",
        ]


class InteractionDetailSerializer(InteractionSerializer):
    stakeholders = StakeholderRefSerializer(many=True)
    team = UserRefSerializer(many=True)
    actions = ActionSerializer(many=True)

    class Meta(InteractionSerializer.Meta):
        fields = [*InteractionSerializer.Meta.fields, "actions"]


class FindingSerializer(serializers.ModelSerializer):
    class Meta:
        model = Finding
        fields = ["id", *FindingForm.Meta.fields, "position"]  # what the team writes, as the page's form asks it


class SectionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Section
        fields = ["heading", "body"]


class OutputSerializer(serializers.ModelSerializer):
    audience = serializers.CharField(source="audience.name")

    class Meta:
        model = Output
        fields = ["id", "kind", "title", "audience", "status", "version", "updated"]


class TestimonialSerializer(serializers.Serializer):
    quote = serializers.CharField()
    by = serializers.CharField()


class OutputDetailSerializer(OutputSerializer):
    """The output's sections, its quote only where the person quoted consented, and, once published, the page
    readers get (the output's HTML export, a standalone document)."""

    findings = serializers.PrimaryKeyRelatedField(many=True, read_only=True)
    sections = SectionSerializer(many=True)
    testimonial = serializers.SerializerMethodField()
    html = serializers.SerializerMethodField()

    class Meta(OutputSerializer.Meta):
        fields = [*OutputSerializer.Meta.fields, "findings", "sections", "testimonial", "html"]

    @extend_schema_field(TestimonialSerializer(allow_null=True))
    def get_testimonial(self, output: Output) -> dict | None:
        return self.context["document"]["testimonial"]

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_html(self, output: Output) -> str | None:
        return self.context["html"]


class EvidenceSerializer(serializers.ModelSerializer):
    """What the evidence is and where it is; not the words of the person quoted, nor who they are."""

    class Meta:
        model = Evidence
        fields = ["id", "kind", "title", "url"]


class ClaimSerializer(serializers.ModelSerializer):
    outcome = serializers.UUIDField(source="outcome.key", allow_null=True, default=None)
    evidence = EvidenceSerializer(many=True)

    class Meta:
        model = ImpactClaim
        fields = ["id", "kind", "title", "reach", "significance", "date", "outcome", "evidence"]


# What a pipeline sends. Types only: the page's form checks the values (api/engagement.py), with its messages.
class NewActionSerializer(serializers.Serializer):
    description = serializers.CharField(max_length=300, error_messages={"blank": "Describe the action"})
    owner = serializers.IntegerField(min_value=1, required=False, allow_null=True, help_text="A user on the team")
    due = serializers.DateField(required=False, allow_null=True)


class StandaloneActionSerializer(NewActionSerializer):
    interaction = serializers.IntegerField(
        min_value=1, required=False, allow_null=True, help_text="The project's interaction it was agreed in"
    )


class AttitudeChangeSerializer(serializers.Serializer):
    stakeholder = serializers.IntegerField(min_value=1, help_text="One of the stakeholders involved")
    attitude = serializers.ChoiceField(choices=Attitude.choices)
    reason = serializers.CharField(max_length=400, required=False, allow_blank=True)


class NewInteractionSerializer(serializers.Serializer):
    """An interaction as the quick log records it: the stakeholders it involved get it as their latest contact,
    the actions agreed in it are added, and a change of attitude is scored on the stakeholder's history."""

    date = serializers.DateField()
    kind = serializers.ChoiceField(choices=Kind.choices)
    subject = serializers.CharField(max_length=200, required=False, allow_blank=True)
    summary = serializers.CharField(help_text="What happened")
    learned = serializers.CharField(required=False, allow_blank=True)
    stakeholders = serializers.ListField(child=serializers.IntegerField(min_value=1), allow_empty=False, max_length=500)
    team = serializers.ListField(
        child=serializers.IntegerField(min_value=1), required=False, max_length=100, help_text="Users on the team"
    )
    actions = serializers.ListField(child=NewActionSerializer(), required=False, max_length=ACTION_ROWS)
    attitude_change = AttitudeChangeSerializer(required=False)


class ActionStatusSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=Status.choices)
