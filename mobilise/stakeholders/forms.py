import re

from django import forms
from django.db.models import Q

from mobilise.core.forms import DateField, FilterForm, NHSFormMixin
from mobilise.core.tables import MAX_BYTES
from mobilise.directory.forms import LawfulBasisField, check_consent_date
from mobilise.directory.models import Sector

from .analysis import HIGH, QUADRANT_HIGH, STRATEGIES, UNSCORED
from .importing import COLUMNS
from .models import Attitude, Cadence, RelationshipKind, Role, Stakeholder

SCORES = [(n, str(n)) for n in range(1, 6)]


class NewStakeholderForm(NHSFormMixin, forms.Form):
    """Someone not yet in the directory: a group or community, a new organisation, or a new person."""

    kind = forms.ChoiceField(
        label="What are you adding?",
        widget=forms.RadioSelect,
        choices=[("group", "A group or community"), ("organisation", "A new organisation"), ("person", "A new person")],
        error_messages={"required": "Select what you are adding"},
    )
    name = forms.CharField(
        label="Name",
        max_length=200,
        help_text="For example: South Asian women aged 50 to 70 in Luton",
        error_messages={"required": "Enter the name"},
    )
    sector = forms.ChoiceField(label="Sector", choices=[("", "Choose a sector"), *Sector.choices], required=False)
    job_title = forms.CharField(label="Job title (for a person)", max_length=200, required=False)
    email = forms.EmailField(label="Email address (for a person, optional)", max_length=254, required=False)
    lawful_basis = LawfulBasisField(
        label="Lawful basis for holding their email address",
        help_text="Needed when you give an email address (UK GDPR Article 6). It is recorded in the directory.",
        required=False,
    )
    consent_date = DateField(label="Date they gave consent (if the basis is consent)", required=False)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("kind") == "organisation" and not cleaned.get("sector"):
            self.add_error("sector", "Select the organisation's sector")
        if cleaned.get("kind") != "person":
            for name in ("email", "lawful_basis", "consent_date"):
                cleaned[name] = "" if name != "consent_date" else None
            return cleaned
        basis = cleaned.get("lawful_basis")
        if cleaned.get("email") and not basis and "lawful_basis" not in self.errors:
            self.add_error("lawful_basis", "Select the lawful basis for holding their email address")
        check_consent_date(self, basis, cleaned.get("consent_date"))
        return cleaned


class ProfileForm(NHSFormMixin, forms.ModelForm):
    roles = forms.MultipleChoiceField(
        label="Roles towards the evidence", choices=Role.choices, widget=forms.CheckboxSelectMultiple, required=False
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    class Meta:
        model = Stakeholder
        fields = [
            "group_name",
            "group_sector",
            "what_matters",
            "decisions",
            "formats",
            "channels",
            "underserved",
            "engaged",
            "purpose",
            "cadence",
            "channel",
            "owner",
        ]
        widgets = {
            "what_matters": forms.Textarea(attrs={"rows": 3}),
            "decisions": forms.Textarea(attrs={"rows": 3}),
            "cadence": forms.RadioSelect,
        }

    def __init__(self, *args, team, suggestion, **kwargs):
        super().__init__(*args, **kwargs)
        stakeholder = self.instance
        self.fields["owner"].queryset = team
        self.fields["owner"].empty_label = "No one yet"
        self.fields["cadence"].choices = Cadence.choices
        if stakeholder.kind != "group":
            del self.fields["group_name"], self.fields["group_sector"]
        else:
            self.fields["group_name"].required = True
            self.fields["group_name"].error_messages["required"] = "Enter the group's name"
        if not self.is_bound:
            self.initial["roles"] = sorted(stakeholder.role_set)
            self.initial["version"] = stakeholder.version
            # Start from the approach the grid suggests (nothing before scoring), until the team sets its own.
            for name, suggested in zip(("purpose", "cadence", "channel"), suggestion, strict=True):
                if suggested and not getattr(stakeholder, name):
                    self.initial[name] = suggested


class ScoreForm(NHSFormMixin, forms.Form):
    influence = forms.TypedChoiceField(
        choices=SCORES, coerce=int, widget=forms.RadioSelect, help_text="1 is little say over decisions, 5 decides"
    )
    interest = forms.TypedChoiceField(
        choices=SCORES,
        coerce=int,
        widget=forms.RadioSelect,
        help_text="1 is little interest in the findings, 5 is keen",
    )
    impact = forms.TypedChoiceField(
        choices=SCORES,
        coerce=int,
        widget=forms.RadioSelect,
        help_text="1 is barely affected by the findings, 5 is greatly affected",
    )
    attitude = forms.ChoiceField(choices=Attitude.choices, widget=forms.RadioSelect)
    reason = forms.CharField(
        label="Why the change?",
        max_length=500,
        required=False,
        help_text="For example: new director of commissioning after the workshop",
    )


class RelationshipForm(NHSFormMixin, forms.Form):
    kind = forms.ChoiceField(
        label="Relationship",
        choices=RelationshipKind.choices,
        error_messages={"required": "Select the kind of relationship"},
    )
    other = forms.ChoiceField(label="With", error_messages={"required": "Select the other stakeholder"})
    note = forms.CharField(max_length=300, required=False)

    def __init__(self, *args, others, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["other"].choices = [("", "Choose a stakeholder")] + [(str(pk), name) for pk, name in others]


SCORES = [("", "Any"), *((str(n), str(n)) for n in range(1, 6))]


class StakeholderFilterForm(FilterForm):
    """The register's and the grid's filters."""

    q = forms.CharField(required=False)
    role = forms.ChoiceField(required=False, choices=[("", "Any"), *Role.choices])
    sector = forms.ChoiceField(required=False, choices=[("", "Any"), *Sector.choices])
    quadrant = forms.ChoiceField(
        required=False,
        choices=[("", "Any"), *((q, label) for q, (label, _) in STRATEGIES.items()), (UNSCORED, "Not yet scored")],
    )
    influence = forms.ChoiceField(required=False, choices=SCORES)
    interest = forms.ChoiceField(required=False, choices=SCORES)

    lookups = {"role": "roles__role"}

    def filter_q(self, queryset, q):
        return queryset.filter(
            Q(group_name__icontains=q)
            | Q(organisation__name__icontains=q)
            | Q(person__full_name__icontains=q)
            | Q(person__organisation__name__icontains=q)
        )

    def filter_sector(self, queryset, sector):
        return queryset.filter(
            Q(group_sector=sector) | Q(organisation__sector=sector) | Q(person__organisation__sector=sector)
        )

    def filter_quadrant(self, queryset, quadrant):
        if quadrant == UNSCORED:
            return queryset.filter(influence__isnull=True)
        high_influence, high_interest = QUADRANT_HIGH[quadrant]
        return queryset.filter(
            Q(influence__gte=HIGH) if high_influence else Q(influence__lt=HIGH),
            Q(interest__gte=HIGH) if high_interest else Q(interest__lt=HIGH),
        )

    def filter_influence(self, queryset, score):
        return queryset.filter(influence=int(score))

    def filter_interest(self, queryset, score):
        return queryset.filter(interest=int(score))


class UploadForm(NHSFormMixin, forms.Form):
    file = forms.FileField(
        label="Stakeholder file",
        help_text="A CSV file (.csv) or Excel workbook (.xlsx), one stakeholder per row, with the column headings "
        "in the first row. Up to 100,000 rows and 20 MB.",
        error_messages={"required": "Choose a CSV or Excel file to import", "empty": "The file is empty"},
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_BYTES:
            raise forms.ValidationError("The file must be smaller than 20 MB")
        return upload


class MappingForm(NHSFormMixin, forms.Form):
    """Which column of the file holds each field of the import: one choice per field, each column used once."""

    def __init__(self, *args, headers, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [("", "Not in the file")] + [(h, h) for h in headers]
        for column in COLUMNS:
            self.fields[column.key] = forms.ChoiceField(
                label=column.label,
                choices=choices,
                required=column.required,
                help_text=column.hint,
                error_messages={"required": "Select the column that holds the name"},
            )

    def clean(self):
        data = super().clean()
        used = {}
        for column in COLUMNS:
            header = data.get(column.key)
            if not header:
                continue
            if header in used:
                self.add_error(
                    column.key,
                    f"The column “{header}” is already chosen for {used[header].label.lower()}: choose it for one only",
                )
            else:
                used[header] = column
        return data


MATCH_KEY = re.compile(r"(organisation|person):[0-9]{1,12}\Z")
MAX_REFUSED = 10_000


class MatchKeysField(forms.MultipleChoiceField):
    """Directory matches named by key ("organisation:12"); any well-formed key is accepted, so the import's
    confirmation needs not match the whole file again, and a key that matches no row changes nothing."""

    def valid_value(self, value):
        return bool(MATCH_KEY.match(str(value)))

    def validate(self, value):
        super().validate(value)
        if len(value) > MAX_REFUSED:
            raise forms.ValidationError(f"Refuse {MAX_REFUSED:,} matches at most")


class ConfirmImportForm(NHSFormMixin, forms.Form):
    """The choices made on the check page for the whole file: the lawful basis for holding the contact details
    of the people it adds to the directory, and the directory matches refused."""

    lawful_basis = LawfulBasisField(
        label="Lawful basis for holding the contact details of the people this file adds",
        help_text="One basis for everyone the file adds to the directory (UK GDPR Article 6). It is recorded on "
        "each new person.",
        required=False,
        error_messages={"required": "Select the lawful basis for holding these contact details"},
    )
    refused = MatchKeysField(
        label="Directory records the file will join",
        help_text="Tick a record to create a new one instead, for example when the names are alike but the "
        "organisations are not the same.",
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    def __init__(self, *args, needs_basis: bool, matches=None, **kwargs):
        """`matches`: the directory records the rows join, offered for refusal; None to accept any key."""
        super().__init__(*args, **kwargs)
        self.fields["lawful_basis"].required = needs_basis
        if not needs_basis:
            self.fields["lawful_basis"].label += " (optional)"
        if matches == []:
            del self.fields["refused"]
        elif matches:
            self.fields["refused"].choices = [(m.key, m.label) for m in matches]
