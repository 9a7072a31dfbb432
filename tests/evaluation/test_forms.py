"""The evaluation forms' shared parts: a target is one field, read the same way for one period and for generated
periods."""

from decimal import Decimal

import pytest
from django import forms

from mobilise.evaluation.forms import GeneratePeriodsForm, PeriodForm, TargetField


def target(unit=""):
    field = TargetField(help_text="")
    field.unit = unit
    return field


@pytest.mark.parametrize("raw", ["", "   ", None])
def test_a_blank_target_is_no_target(raw):
    assert target().clean(raw) is None


@pytest.mark.parametrize(("raw", "unit", "value"), [("1,250", "women", Decimal(1250)), (" 62% ", "%", Decimal(62))])
def test_a_target_is_read_as_a_number(raw, unit, value):
    assert target(unit).clean(raw) == value


@pytest.mark.parametrize(("raw", "unit", "why"), [("lots", "", "is not a number"), ("250", "%", "0 to 100")])
def test_a_target_that_is_no_number_says_why(raw, unit, why):
    with pytest.raises(forms.ValidationError) as refused:
        target(unit).clean(raw)
    assert refused.value.messages[0].startswith("Enter the target as a number: ") and why in refused.value.messages[0]


def test_a_period_checks_its_target_against_the_indicators_unit():
    percent = PeriodForm({"target": "250"}, unit="%")
    assert not percent.is_valid() and "0 to 100" in percent.errors["target"][0]
    assert PeriodForm(unit="%").fields["target"].unit == "%"
    assert PeriodForm().fields["target"].unit == ""  # each form has its own copy of the field


def test_generated_periods_take_any_number_as_the_target():
    form = GeneratePeriodsForm({"target": "250"}, indicators=[])
    form.is_valid()
    assert "target" not in form.errors and form.cleaned_data["target"] == Decimal(250)
    assert form.fields["target"].widget.attrs["inputmode"] == "decimal" and not form.fields["target"].required
