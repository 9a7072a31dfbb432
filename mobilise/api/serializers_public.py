"""What the public API returns: the library's case studies as their public pages show them (the library's
presenters decide the quote, shown only with consent, and each claim's level of evidence)."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from mobilise.library import presenting
from mobilise.library.models import CaseStudy

from .serializers_jobs import TestimonialSerializer


class CaseStudySerializer(serializers.ModelSerializer):
    themes = serializers.SlugRelatedField(many=True, read_only=True, slug_field="name")
    support_given = serializers.SlugRelatedField(source="supports", many=True, read_only=True, slug_field="support")
    url = serializers.SerializerMethodField(help_text="Its page on the site")

    class Meta:
        model = CaseStudy
        fields = [
            "slug",
            "title",
            "summary",
            "themes",
            "region",
            "organisation_types",
            "support_given",
            "first_published",
            "last_reviewed",
            "url",
        ]

    def get_url(self, case_study: CaseStudy) -> str:
        return presenting.public_url(case_study)


class ClaimLevelSerializer(serializers.Serializer):
    kind = serializers.CharField()
    title = serializers.CharField()
    date = serializers.DateField()
    level = serializers.CharField(help_text="Documented, Testimony or Reported")


class CaseStudyDetailSerializer(CaseStudySerializer):
    """An archived entry stays public, as its page does, with its notice."""

    testimonial = serializers.SerializerMethodField()
    claims = serializers.SerializerMethodField()

    class Meta(CaseStudySerializer.Meta):
        fields = [
            *CaseStudySerializer.Meta.fields,
            "what_we_did",
            "outcome",
            "testimonial",
            "claims",
            "status",
            "archive_notice",
        ]

    @extend_schema_field(TestimonialSerializer(allow_null=True))
    def get_testimonial(self, case_study: CaseStudy) -> dict[str, str] | None:
        return presenting.testimonial(case_study)

    @extend_schema_field(ClaimLevelSerializer(many=True))
    def get_claims(self, case_study: CaseStudy) -> list[dict]:
        return [
            {"kind": claim.kind, "title": claim.title, "date": claim.date, "level": level.name}
            for claim, level in presenting.claims(case_study)
        ]
