"""The library's forms: the editor, review, archive, starting from an output, and the public filters."""

from typing import Any

from django import forms
from django.db.models import QuerySet

from mobilise.core import forms as core_forms
from mobilise.core.forms import DateField, FilterForm, NHSFormMixin
from mobilise.core.models import User
from mobilise.evaluation.models import ImpactClaim
from mobilise.outputs.models import Kind, Output
from mobilise.projects.models import Project, Theme

from .models import EDITED_FIELDS, CaseStudy, OrganisationType, Region, Support


class CaseStudyForm(NHSFormMixin, forms.ModelForm):
    """A library entry's text and facets. The claims of impact come from its project, once it has one."""

    testimonial_consent_date = DateField(label="Date they consented to be quoted", required=False)
    organisation_types = forms.MultipleChoiceField(
        label="Kinds of organisation involved",
        choices=OrganisationType.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    support_given = forms.MultipleChoiceField(
        label="Support we gave", choices=Support.choices, widget=forms.CheckboxSelectMultiple, required=False
    )
    themes = forms.ModelMultipleChoiceField(
        queryset=Theme.objects.all(), widget=forms.CheckboxSelectMultiple, required=False
    )
    claims = forms.ModelMultipleChoiceField(
        label="Evidence of impact: claims from the project's impact log",
        queryset=ImpactClaim.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text="Each shows on the public page with its level of evidence.",
    )
    change_note = forms.CharField(
        label="What changed (shown in the public change history)",
        max_length=500,
        required=False,
        help_text="For example: Outcome updated with the 2026 screening figures.",
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = CaseStudy
        fields = EDITED_FIELDS
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 3}),
            "what_we_did": forms.Textarea(attrs={"rows": 6}),
            "outcome": forms.Textarea(attrs={"rows": 6}),
            "testimonial": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "summary": "One or two sentences for the library's list and for search engines.",
            "testimonial": "A quote from the project lead. It is published only with their consent recorded below.",
            "testimonial_consent_how": "For example: signed consent form, or email of 2 October 2025",
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        project = self.fields["project"]
        assert isinstance(project, forms.ModelChoiceField)
        project.queryset = Project.objects.order_by("short_title")
        project.required = False
        owner = self.fields["owner"]
        assert isinstance(owner, forms.ModelChoiceField)
        owner.queryset = User.objects.filter(is_active=True, is_adviser=True).order_by("full_name", "email")
        owner.help_text = "Reminded to review it when it has not been reviewed for 12 months."
        instance = self.instance
        if instance.pk:
            self.initial.setdefault("version", instance.version)
            self.initial.setdefault("support_given", [s.support for s in instance.supports.all()])
        if instance.project_id:
            claims = self.fields["claims"]
            assert isinstance(claims, forms.ModelMultipleChoiceField)
            claims.queryset = ImpactClaim.objects.filter(project_id=instance.project_id).prefetch_related("evidence")
            self.initial.setdefault("claims", list(instance.claims.all()))
        else:
            del self.fields["claims"]
        if not (instance.pk and instance.is_public):
            del self.fields["change_note"]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("testimonial_consent_date") and not cleaned.get("testimonial_consent_how"):
            self.add_error("testimonial_consent_how", "Say how they consented")
        if cleaned.get("testimonial_consent_how") and not cleaned.get("testimonial_consent_date"):
            self.add_error("testimonial_consent_date", "Enter the date they consented")
        return cleaned

    def service_fields(self) -> dict[str, Any]:
        fields = {name: self.cleaned_data[name] for name in EDITED_FIELDS if name != "themes"}
        return {**fields, "support_given": self.cleaned_data["support_given"]}


def _output_label(output: Output) -> str:
    return f"{output.project.short_title}: {output.title}"


class FromOutputForm(NHSFormMixin, forms.Form):
    output = forms.ModelChoiceField(
        label="The project's case study to start from",
        queryset=Output.objects.filter(kind=Kind.CASE_STUDY).select_related("project").order_by("project__short_title"),
        error_messages={"required": "Select a case study"},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        output = self.fields["output"]
        assert isinstance(output, forms.ModelChoiceField)
        output.label_from_instance = _output_label  # type: ignore[method-assign,assignment]


class ReviewRequestForm(core_forms.ReviewRequestForm):
    """Send a case study for review by a second adviser, never one of its authors."""

    reviewers_help = "Advisers who did not write it. Each gets an email with a link to the review."


class ArchiveForm(NHSFormMixin, forms.Form):
    notice = forms.CharField(
        label="Why is it archived?",
        help_text="Shown at the top of its page, for example: The service described here closed in March 2027.",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
        error_messages={"required": "Say why it is archived"},
    )


class LibraryFilterForm(FilterForm):
    """The public library's search and facets. A value that does not match a facet is ignored (`ignored` names it
    for a message), so an old or hand-edited link still shows the library."""

    q = forms.CharField(required=False, strip=True)
    theme = forms.ChoiceField(required=False)
    region = forms.ChoiceField(required=False, choices=[("", "Any region"), *Region.choices])
    support = forms.ChoiceField(required=False, choices=[("", "Any support"), *Support.choices])
    organisation = forms.ChoiceField(required=False, choices=[("", "Any"), *OrganisationType.choices])
    year = forms.ChoiceField(required=False)

    LABELS = {"theme": "theme", "region": "region", "support": "type of support", "organisation": "organisation type"}

    lookups = {"region": "region"}

    def __init__(self, data: Any = None, *, themes: list[tuple[int, str]], years: list[int], **kwargs: Any) -> None:
        super().__init__(data, **kwargs)
        theme, year = self.fields["theme"], self.fields["year"]
        assert isinstance(theme, forms.ChoiceField) and isinstance(year, forms.ChoiceField)
        theme.choices = [("", "Any theme"), *((str(pk), name) for pk, name in themes)]
        year.choices = [("", "Any year"), *((str(y), str(y)) for y in years)]

    def ignored(self) -> list[str]:
        """The facets given a value they do not have."""
        self.is_valid()
        return [self.LABELS.get(name, name) for name in self.errors if name != "q"]

    def filter_theme(self, queryset: QuerySet[CaseStudy], theme: str) -> QuerySet[CaseStudy]:
        return queryset.filter(themes__pk=int(theme))

    def filter_support(self, queryset: QuerySet[CaseStudy], support: str) -> QuerySet[CaseStudy]:
        # The support given is rows (SupportGiven), one per kind and entry: found through their (support, entry)
        # index, and never more than one row an entry.
        return queryset.filter(supports__support=support)

    def filter_organisation(self, queryset: QuerySet[CaseStudy], organisation: str) -> QuerySet[CaseStudy]:
        return queryset.filter(organisation_types__icontains=f'"{organisation}"')

    def filter_year(self, queryset: QuerySet[CaseStudy], year: str) -> QuerySet[CaseStudy]:
        return queryset.filter(first_published__year=int(year))
