from django import forms
from django.db.models import Q
from django.utils import timezone

from mobilise.core.forms import FilterForm, NHSFormMixin

from . import services
from .models import LawfulBasis, Organisation, Person, Sector
from .validators import normalise_orcid, normalise_ror


class LawfulBasisField(forms.ChoiceField):
    """The lawful basis (UK GDPR Article 6) for holding the contact details of people a form adds to the directory:
    one of the directory's bases, as radios."""

    widget = forms.RadioSelect

    def __init__(self, **kwargs):
        super().__init__(choices=LawfulBasis.choices, **kwargs)


def check_consent_date(
    form: forms.BaseForm, basis: str | None, consent_date, *, missing: str = "Enter the date they gave consent"
) -> None:
    """The directory's rule for the date of consent, on every form that adds people to it: a lawful basis of consent
    needs the date it was given (`missing` says so), and that date cannot be in the future."""
    if basis == LawfulBasis.CONSENT and not consent_date and "consent_date" not in form.errors:
        form.add_error("consent_date", missing)
    if consent_date and consent_date > timezone.localdate():
        form.add_error("consent_date", "The date of consent must be today or in the past")


class DuplicateCheckMixin:
    """Flags likely duplicates on entry; the user confirms before a second record is made."""

    confirm_label = "This is a different record: save it anyway"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.duplicates = []
        # Hidden until a likely duplicate turns up; then it is shown as a box to tick.
        self.fields["not_duplicate"] = forms.BooleanField(
            required=False, label=self.confirm_label, widget=forms.HiddenInput
        )

    def check_duplicates(self, matches):
        self.duplicates = matches
        if matches and not self.cleaned_data.get("not_duplicate"):
            self.fields["not_duplicate"].widget = forms.CheckboxInput()
            names = "; ".join(str(m) for m in matches)
            self.add_error(
                "not_duplicate",
                f"This may already be in the directory: {names}. Use the existing record, or confirm "
                "this is a different one.",
            )


class OrganisationForm(DuplicateCheckMixin, NHSFormMixin, forms.ModelForm):
    confirm_label = "This is a different organisation: save it anyway"
    website = forms.URLField(required=False, assume_scheme="https", max_length=200)
    # Wider than the stored id so a pasted https://ror.org/... link can be normalised.
    ror_id = forms.CharField(
        label="ROR id", required=False, max_length=60, help_text=Organisation._meta.get_field("ror_id").help_text
    )

    class Meta:
        model = Organisation
        fields = ["name", "sector", "ror_id", "website", "region", "notes"]
        widgets = {"sector": forms.RadioSelect, "notes": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["name"].error_messages["required"] = "Enter the organisation's name"
        self.fields["sector"].error_messages["required"] = "Select the organisation's sector"

    def clean_ror_id(self):
        value = self.cleaned_data["ror_id"]
        value = normalise_ror(value) if value else ""
        if value and Organisation.objects.exclude(pk=self.instance.pk).filter(ror_id=value).exists():
            raise forms.ValidationError("Another organisation in the directory already has this ROR id")
        return value

    def clean(self):
        cleaned = super().clean()
        name = cleaned.get("name")
        if name and (self.instance.pk is None or name != self.instance.name):
            self.check_duplicates(services.likely_duplicate_organisations(name, exclude_pk=self.instance.pk))
        return cleaned


class PersonForm(DuplicateCheckMixin, NHSFormMixin, forms.ModelForm):
    confirm_label = "This is a different person: save them anyway"
    orcid = forms.CharField(
        label="ORCID iD", required=False, max_length=60, help_text=Person._meta.get_field("orcid").help_text
    )

    class Meta:
        model = Person
        fields = [
            "full_name",
            "job_title",
            "organisation",
            "email",
            "phone",
            "orcid",
            "lawful_basis",
            "consent_date",
            "do_not_contact",
            "notes",
        ]
        widgets = {"lawful_basis": forms.RadioSelect, "notes": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["full_name"].error_messages["required"] = "Enter the person's full name"
        self.fields["organisation"].queryset = Organisation.objects.order_by("name")
        self.fields["organisation"].empty_label = "No organisation"
        self.fields["lawful_basis"].choices = LawfulBasis.choices
        self.fields["lawful_basis"].help_text = "Needed when you hold an email address or phone number (UK GDPR)"
        self.fields["email"].widget.attrs["autocomplete"] = "off"

    def clean_orcid(self):
        value = self.cleaned_data["orcid"]
        return normalise_orcid(value) if value else ""

    def clean(self):
        cleaned = super().clean()
        holds_contact = cleaned.get("email") or cleaned.get("phone")
        basis = cleaned.get("lawful_basis")
        if holds_contact and not basis and "lawful_basis" not in self.errors:
            self.add_error("lawful_basis", "Select the lawful basis for holding this person's contact details")
        check_consent_date(self, basis, cleaned.get("consent_date"), missing="Enter the date the person gave consent")
        name = cleaned.get("full_name")
        if name and (self.instance.pk is None or name != self.instance.full_name):
            self.check_duplicates(
                services.likely_duplicate_people(name, email=cleaned.get("email", ""), exclude_pk=self.instance.pk)
            )
        return cleaned


class OrganisationFilterForm(FilterForm):
    q = forms.CharField(required=False, help_text="Part of the name, or the ROR ID")
    sector = forms.ChoiceField(required=False, choices=[("", "Any"), *Sector.choices], help_text="The sector")

    lookups = {"sector": "sector"}

    def filter_q(self, queryset, q):
        return queryset.filter(Q(name__icontains=q) | Q(ror_id=q.lower()))


class PersonFilterForm(FilterForm):
    q = forms.CharField(required=False, help_text="Part of the name or the organisation's name, or the email address")

    def filter_q(self, queryset, q):
        return queryset.filter(Q(full_name__icontains=q) | Q(email__iexact=q) | Q(organisation__name__icontains=q))
