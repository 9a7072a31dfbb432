"""What the API returns. The logic model has no serializer here: it is the planning export's own JSON
(planning.modeldata.serialise); LogicModelSchema only describes that shape for the OpenAPI schema."""

from typing import Any

from rest_framework import serializers

from mobilise.evaluation.models import Actual, Indicator, Period
from mobilise.projects.models import DESCRIBED_BY, Membership, Project
from mobilise.stakeholders.models import Relationship, ScoreChange, Stakeholder

from .serializers_jobs import StakeholderRefSerializer


class TeamMemberSerializer(serializers.ModelSerializer):
    user = serializers.IntegerField(source="user_id")
    name = serializers.CharField(source="user.full_name")

    class Meta:
        model = Membership
        fields = ["user", "name", "role"]


class ProjectSerializer(serializers.ModelSerializer):
    programme = serializers.CharField(source="programme.name", allow_null=True, default=None)
    team = TeamMemberSerializer(many=True, source="team_list")

    class Meta:
        model = Project
        fields = ["id", *DESCRIBED_BY, "team", "updated"]


class ScoreChangeSerializer(serializers.ModelSerializer):
    changed_by = serializers.CharField(source="changed_by.full_name", allow_null=True, default=None)

    class Meta:
        model = ScoreChange
        fields = ["interest", "influence", "impact", "attitude", "reason", "changed_by", "changed_at"]


class StakeholderSerializer(serializers.ModelSerializer):
    name = serializers.CharField()
    kind = serializers.ChoiceField(choices=["person", "organisation", "group"])
    organisation = serializers.SerializerMethodField()
    roles = serializers.SerializerMethodField()

    class Meta:
        model = Stakeholder
        fields = ["id", "name", "kind", "organisation", "interest", "influence", "impact", "attitude", "roles"]

    def get_organisation(self, stakeholder: Stakeholder) -> str | None:
        organisation = stakeholder.person.organisation if stakeholder.person else stakeholder.organisation
        return organisation.name if organisation else None

    def get_roles(self, stakeholder: Stakeholder) -> list[str]:
        return sorted(role.role for role in stakeholder.roles.all())


class StakeholderDetailSerializer(StakeholderSerializer):
    score_history = ScoreChangeSerializer(many=True, source="score_changes")

    class Meta(StakeholderSerializer.Meta):
        fields = [*StakeholderSerializer.Meta.fields, "what_matters", "score_history"]


class ActualSerializer(serializers.ModelSerializer):
    """One value of a period, from a row of evaluation.access.with_values."""

    class Meta:
        model = Actual
        fields = ["dimension", "category", "value"]

    def to_representation(self, instance: dict[str, Any]) -> dict[str, Any]:
        # Hundreds on a page of indicators: written out directly (the value as its field writes it), which costs a
        # tenth of walking the fields one by one.
        return {**instance, "value": self.fields["value"].to_representation(instance["value"])}


class PeriodSerializer(serializers.ModelSerializer):
    actuals = ActualSerializer(many=True, source="values")

    class Meta:
        model = Period
        fields = ["id", "label", "ends", "target", "actuals"]


class IndicatorSerializer(serializers.ModelSerializer):
    element = serializers.UUIDField(source="element.key", allow_null=True, default=None)
    breakdowns = serializers.DictField(child=serializers.ListField(child=serializers.CharField()))
    periods = PeriodSerializer(many=True, source="period_list")

    class Meta:
        model = Indicator
        fields = [
            "id",
            "name",
            "definition",
            "unit",
            "direction",
            "data_source",
            "baseline_value",
            "baseline_date",
            "element",
            "breakdowns",
            "additive",
            "periods",
        ]


class CellSerializer(serializers.Serializer):
    dimension = serializers.CharField(max_length=100)
    category = serializers.CharField(max_length=100)
    value = serializers.CharField(max_length=40, allow_blank=True, help_text="A number; blank clears the value")


class PeriodValuesSerializer(serializers.Serializer):
    period = serializers.CharField(max_length=40, help_text="The period's label, for example 2025 Q1")
    total = serializers.CharField(max_length=40, allow_blank=True, required=False, default="")
    breakdowns = CellSerializer(many=True, required=False, default=list)


class ActualsPushSerializer(serializers.Serializer):
    """Values for one or more periods of an indicator. Each period's values replace what it held, as the form does:
    a cell left out is cleared."""

    periods = PeriodValuesSerializer(many=True, allow_empty=False, max_length=100)


class ElementSchema(serializers.Serializer):
    key = serializers.CharField()
    column = serializers.CharField()
    text = serializers.CharField(allow_blank=True)
    description = serializers.CharField(allow_blank=True)
    position = serializers.IntegerField()
    about = serializers.CharField(allow_null=True)
    about_link = serializers.ListField(child=serializers.CharField(), allow_null=True)


class LinkSchema(serializers.Serializer):
    source = serializers.CharField()
    target = serializers.CharField()
    rationale = serializers.CharField(allow_blank=True)


class LogicModelSchema(serializers.Serializer):
    format = serializers.CharField()
    version = serializers.IntegerField()
    problem = serializers.CharField(allow_blank=True)
    context = serializers.CharField(allow_blank=True)
    population = serializers.CharField(allow_blank=True)
    hints = serializers.DictField(required=False)
    elements = ElementSchema(many=True)
    links = LinkSchema(many=True)


class RelationshipSerializer(serializers.ModelSerializer):
    """Who relates to whom on the map, read as "source kind target" (for example: the ICB funds the trust)."""

    source = StakeholderRefSerializer()
    target = StakeholderRefSerializer()

    class Meta:
        model = Relationship
        fields = ["id", "source", "kind", "target", "note"]
