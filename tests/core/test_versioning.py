from types import SimpleNamespace

import pytest
from django import forms
from django.http import QueryDict

from mobilise.core.versioning import StaleEdit, check_version, refuse_stale


def test_the_version_the_form_was_opened_at_saves():
    check_version(SimpleNamespace(version=3, title="A"), 3, {"title": "B"})


def test_a_newer_version_is_a_stale_edit_naming_the_fields_that_differ():
    current = SimpleNamespace(version=4, title="Theirs", summary="Same")
    with pytest.raises(StaleEdit) as stale:
        check_version(current, 3, {"title": "Mine", "summary": "Same"})
    assert stale.value.current is current and stale.value.fields == ["title"] and stale.value.editors == set()


def test_without_posted_values_no_fields_are_named():
    with pytest.raises(StaleEdit) as stale:
        check_version(SimpleNamespace(version=2), 1)
    assert stale.value.current.version == 2 and stale.value.fields == []


class Edit(forms.Form):
    title = forms.CharField()
    version = forms.IntegerField(widget=forms.HiddenInput)


def test_a_refused_stale_edit_tells_the_editor_and_carries_the_current_version_so_saving_again_overwrites():
    posted = QueryDict("title=Mine&version=3")
    form = Edit(posted)
    assert form.is_valid()
    refuse_stale(form, StaleEdit(SimpleNamespace(version=5)), "Someone saved it meanwhile.")
    assert form.non_field_errors() == ["Someone saved it meanwhile."]
    assert form.data["version"] == 5 and form.data["title"] == "Mine"
    assert posted["version"] == "3"  # the request's own data is left as it came
    assert Edit(form.data).is_valid()
