from types import SimpleNamespace

import pytest

from mobilise.core.versioning import StaleEdit, check_version


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
