"""A public form's sender checks their answers before sending: each row shows the answer as they chose it."""

import pytest
from django import forms

from mobilise.projects.models import Theme
from mobilise.support.forms import CheckedForm

from ..factories import ThemeFactory

pytestmark = pytest.mark.django_db


class Sample(CheckedForm):
    checked = [
        ("You", [("Name", "name"), ("Colour", "colour")]),
        ("More", [("Sizes", "sizes"), ("When", "when"), ("Themes", "themes"), ("Note", "note")]),
    ]

    name = forms.CharField()
    colour = forms.ChoiceField(choices=[("", "Choose one"), ("red", "Bright red")], required=False)
    sizes = forms.MultipleChoiceField(choices=[("s", "Small"), ("m", "Medium"), ("l", "Large")], required=False)
    when = forms.DateField(required=False)
    themes = forms.ModelMultipleChoiceField(queryset=Theme.objects.all(), required=False)
    note = forms.CharField(required=False)


def test_choices_show_their_labels_dates_are_written_out_and_rows_their_names():
    diabetes = ThemeFactory(name="Diabetes")
    data = {"name": "Sam", "colour": "red", "sizes": ["s", "l"], "themes": [diabetes.pk], "note": "Hi"}
    form = Sample({**data, "when[day]": "3", "when[month]": "2", "when[year]": "2027"})
    assert form.is_valid(), form.errors
    assert form.answers() == [
        ("You", [("Name", "Sam"), ("Colour", "Bright red")]),
        ("More", [("Sizes", "Small, Large"), ("When", "3 February 2027"), ("Themes", "Diabetes"), ("Note", "Hi")]),
    ]


def test_an_answer_left_out_shows_as_nothing_not_as_the_empty_choice():
    form = Sample({"name": "Sam"})
    assert form.is_valid(), form.errors
    assert form.answers() == [
        ("You", [("Name", "Sam"), ("Colour", "")]),
        ("More", [("Sizes", ""), ("When", ""), ("Themes", ""), ("Note", "")]),
    ]
