"""directory.forms: the one rule for the date of consent (check_consent_date) and the one lawful-basis field
(LawfulBasisField), on every form that adds people to the directory (the person form, the stakeholder form and
import, the email's people, a workshop's invitations)."""

import datetime

from django import forms
from django.utils import timezone

from mobilise.core.forms import DateField, NHSFormMixin
from mobilise.directory.forms import LawfulBasisField, check_consent_date
from mobilise.directory.models import LawfulBasis


class ConsentForm(NHSFormMixin, forms.Form):
    lawful_basis = forms.ChoiceField(choices=LawfulBasis.choices, required=False)
    consent_date = DateField(required=False)

    def clean(self):
        cleaned = super().clean()
        check_consent_date(self, cleaned.get("lawful_basis"), cleaned.get("consent_date"))
        return cleaned


def errors(basis, date):
    data = {"lawful_basis": basis}
    if date is not None:
        data |= {f"consent_date[{part}]": str(getattr(date, part)) for part in ("day", "month", "year")}
    form = ConsentForm(data)
    form.is_valid()
    return form.errors.get("consent_date", [])


def test_consent_needs_its_date():
    assert errors(LawfulBasis.CONSENT, None) == ["Enter the date they gave consent"]
    assert errors(LawfulBasis.CONSENT, timezone.localdate()) == []


def test_another_basis_needs_no_date():
    other = next(value for value, _ in LawfulBasis.choices if value != LawfulBasis.CONSENT)
    assert errors(other, None) == []


def test_the_date_cannot_be_in_the_future():
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    assert errors(LawfulBasis.CONSENT, tomorrow) == ["The date of consent must be today or in the past"]


def test_a_date_that_does_not_clean_is_not_reported_twice():
    form = ConsentForm(
        {
            "lawful_basis": LawfulBasis.CONSENT,
            "consent_date[day]": "31",
            "consent_date[month]": "2",
            "consent_date[year]": "2026",
        }
    )
    form.is_valid()
    assert form.errors["consent_date"] == ["Enter a real date, for example 27 3 2026"]


def test_the_message_for_a_missing_date_is_the_form_s_own():
    class PersonForm(ConsentForm):
        def clean(self):
            cleaned = forms.Form.clean(self)
            check_consent_date(
                self, cleaned.get("lawful_basis"), None, missing="Enter the date the person gave consent"
            )
            return cleaned

    form = PersonForm({"lawful_basis": LawfulBasis.CONSENT})
    form.is_valid()
    assert form.errors["consent_date"] == ["Enter the date the person gave consent"]


def test_the_lawful_basis_field_offers_the_directory_s_bases_as_radios():
    field = LawfulBasisField(label="Lawful basis", required=False)
    assert list(field.choices) == list(LawfulBasis.choices)
    assert isinstance(field.widget, forms.RadioSelect)
    assert field.clean(LawfulBasis.CONSENT) == LawfulBasis.CONSENT
