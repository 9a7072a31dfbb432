"""What every NHS-style form does at the boundary: text cleaned of control characters, impossible ids and dates
refused with a message, never an exception."""

import datetime

import pytest

from mobilise.documents.text import clean_text
from mobilise.projects.forms import ProjectForm
from mobilise.projects.models import Programme, Stage

from ..factories import UserFactory

pytestmark = pytest.mark.django_db


def _data(**extra):
    return {"title": "A project", "short_title": "AP", "stage": Stage.values[0], **extra}


def test_control_characters_are_removed_but_line_breaks_kept():
    assert clean_text("a\x0bb\x00c\x7f\td\r\ne") == "a\nbc\td\r\ne"  # a vertical tab is Word's line break
    form = ProjectForm(_data(title="Vertical\x0btab", summary="one\x08\nline"))
    assert form.is_valid(), form.errors
    assert form.cleaned_data["title"] == "Vertical\ntab"
    assert form.cleaned_data["summary"] == "one\nline"


def test_a_null_character_is_refused_with_a_message():
    form = ProjectForm(_data(summary="one\x00line"))
    assert form.errors["summary"] == ["Null characters are not allowed."]


@pytest.mark.parametrize("value", ["99999999999999999999999", "-1", "1e3", "１２", "x" * 500])
def test_impossible_ids_in_choice_fields_are_refused(value):
    Programme.objects.create(name="North")
    adviser = UserFactory(is_adviser=True)
    single = ProjectForm(_data(programme=value))
    assert not single.is_valid()
    assert "programme" in single.errors
    several = ProjectForm(_data(advisers=[str(adviser.pk), value]))
    assert not several.is_valid()
    assert "advisers" in several.errors


def test_real_ids_still_choose():
    programme = Programme.objects.create(name="North")
    form = ProjectForm(_data(programme=str(programme.pk)))
    assert form.is_valid(), form.errors
    assert form.cleaned_data["programme"] == programme


@pytest.mark.parametrize("year", ["9999", "0001", "1899", "2200"])
def test_dates_outside_the_calendar_we_use_are_refused(year):
    form = ProjectForm(_data(**{"start_date[day]": "31", "start_date[month]": "12", "start_date[year]": year}))
    assert not form.is_valid()
    assert form.errors["start_date"] == ["Enter a date between 1900 and 2199"]


def test_dates_inside_are_accepted():
    form = ProjectForm(_data(**{"start_date[day]": "1", "start_date[month]": "4", "start_date[year]": "2199"}))
    assert form.is_valid(), form.errors
    assert form.cleaned_data["start_date"] == datetime.date(2199, 4, 1)


def test_labels_inside_sentences_keep_their_names():
    from mobilise.documents.text import lower_first

    assert lower_first("Plain-English summary") == "plain-English summary"
    assert lower_first("Community: Roma") == "community: Roma"
    assert lower_first("GP practice") == "GP practice"
    assert lower_first("") == ""
