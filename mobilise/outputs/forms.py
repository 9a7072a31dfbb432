from django import forms

from mobilise.core import forms as core_forms
from mobilise.core.forms import DateField, NHSFormMixin
from mobilise.stakeholders.access import stakeholders

from .models import DEFAULT_GRADE, Audience, AudienceKind, Certainty, Finding, Kind


class FindingForm(NHSFormMixin, forms.ModelForm):
    class Meta:
        model = Finding
        fields = [
            "statement",
            "plain_statement",
            "certainty",
            "sources",
            "for_practice",
            "for_commissioning",
            "for_policy",
        ]
        widgets = {name: forms.Textarea(attrs={"rows": 3}) for name in fields if name != "certainty"}
        widgets["certainty"] = forms.RadioSelect

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["certainty"].choices = Certainty.choices
        self.fields["statement"].error_messages["required"] = "Enter the finding"


class AudienceForm(NHSFormMixin, forms.ModelForm):
    class Meta:
        model = Audience
        fields = ["kind", "name", "needs", "preferred_format", "preferred_length", "target_grade", "stakeholders"]
        widgets = {
            "kind": forms.RadioSelect,
            "needs": forms.Textarea(attrs={"rows": 3}),
            "stakeholders": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, project, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = AudienceKind.choices
        self.fields["target_grade"].required = False
        self.fields["target_grade"].min_value = 3
        self.fields["target_grade"].help_text += ". Leave blank for the usual level for this kind of audience."
        self.fields["stakeholders"].queryset = stakeholders(project).order_by("group_name", "organisation__name")
        self.fields["stakeholders"].label = "Stakeholders in this audience"
        self.fields["stakeholders"].required = False

    def clean_target_grade(self):
        grade = self.cleaned_data.get("target_grade")
        if grade is not None and not 3 <= grade <= 18:
            raise forms.ValidationError("Enter a reading level from 3 to 18")
        return grade

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("target_grade") is None and cleaned.get("kind"):
            cleaned["target_grade"] = DEFAULT_GRADE[cleaned["kind"]]
        return cleaned


class NewOutputForm(NHSFormMixin, forms.Form):
    kind = forms.ChoiceField(
        label="What are you writing?",
        choices=Kind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select what you are writing"},
    )
    audience = forms.ModelChoiceField(
        queryset=Audience.objects.none(),
        empty_label="Choose an audience",
        error_messages={"required": "Select the audience"},
    )
    findings = forms.ModelMultipleChoiceField(
        queryset=Finding.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        label="Findings to include",
    )
    title = forms.CharField(max_length=300, error_messages={"required": "Enter a title"})

    def __init__(self, *args, project, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["audience"].queryset = Audience.objects.filter(project=project)
        self.fields["findings"].queryset = Finding.objects.filter(project=project)


class EditorForm(NHSFormMixin, forms.Form):
    """The title and every section of an output, plus the testimonial of a case study."""

    title = forms.CharField(max_length=300, error_messages={"required": "Enter a title"})
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, output, sections, **kwargs):
        super().__init__(*args, **kwargs)
        self.sections = sections
        for s in sections:
            self.fields[f"h{s.pk}"] = forms.CharField(
                label=f"Heading {s.position + 1}",
                max_length=200,
                error_messages={"required": "Enter the section's heading"},
            )
            self.fields[f"b{s.pk}"] = forms.CharField(
                label=s.heading, required=False, widget=forms.Textarea(attrs={"rows": 6})
            )
            self.initial.setdefault(f"h{s.pk}", s.heading)
            self.initial.setdefault(f"b{s.pk}", s.body)
        self.initial.setdefault("title", output.title)
        self.initial.setdefault("version", output.version)
        self.case_study = output.kind == Kind.CASE_STUDY
        if self.case_study:
            self.fields["testimonial"] = forms.CharField(
                label="Testimonial", required=False, widget=forms.Textarea(attrs={"rows": 3})
            )
            self.fields["testimonial_by"] = forms.CharField(
                label="Who is quoted",
                required=False,
                max_length=200,
                help_text="Name and role, as they agreed to be named",
            )
            self.fields["testimonial_consent"] = forms.BooleanField(label="They consented to be quoted", required=False)
            self.fields["testimonial_consent_date"] = DateField(label="Date of consent", required=False)
            for name in ("testimonial", "testimonial_by", "testimonial_consent", "testimonial_consent_date"):
                self.initial.setdefault(name, getattr(output, name))

    def clean(self):
        cleaned = super().clean()
        if self.case_study and cleaned.get("testimonial_consent") and not cleaned.get("testimonial_consent_date"):
            self.add_error("testimonial_consent_date", "Enter the date they gave consent")
        return cleaned

    def bodies(self):
        return {s.pk: (self.cleaned_data[f"h{s.pk}"], self.cleaned_data[f"b{s.pk}"]) for s in self.sections}

    def testimonial(self):
        if not self.case_study:
            return None
        return {
            name: self.cleaned_data[name]
            for name in ("testimonial", "testimonial_by", "testimonial_consent", "testimonial_consent_date")
        }


class ReviewRequestForm(core_forms.ReviewRequestForm):
    """Send an output for review: the sender names the reviewers, from the team, never its authors."""


class SendForm(NHSFormMixin, forms.Form):
    stakeholders = forms.ModelMultipleChoiceField(
        queryset=None, widget=forms.CheckboxSelectMultiple, error_messages={"required": "Select who it was sent to"}
    )
    sent_on = DateField(label="Date sent")
    channel = forms.CharField(max_length=100, required=False, help_text="For example: email, board paper")
    note = forms.CharField(max_length=300, required=False)

    def __init__(self, *args, project, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["stakeholders"].queryset = stakeholders(project)
        self.fields["stakeholders"].label = "Sent to"


class HearingForm(NHSFormMixin, forms.Form):
    """Choose people from the ranking of who should hear a finding, and where to add them."""

    chosen = forms.TypedMultipleChoiceField(
        label="Who to add",
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Choose at least one person or organisation"},
    )
    to = forms.ChoiceField(label="Add them to", error_messages={"required": "Choose where to add them"})

    def __init__(self, *args, suggestions, places, **kwargs):
        """suggestions: the ranking's Suggestions to choose from; places: (value, text) of each audience, workshop
        and send list they can be added to."""
        super().__init__(*args, **kwargs)
        field = self.fields["chosen"]
        first = getattr(suggestions, "start_index", lambda: 1)()  # a page of them, numbered on from earlier pages
        field.choices = [(s.entry.pk, f"{n}. {s.entry.name}") for n, s in enumerate(suggestions, start=first)]
        field.hints = {str(s.entry.pk): s.why for s in suggestions}  # type: ignore[attr-defined]
        self.fields["to"].choices = [("", "Choose"), *places]
