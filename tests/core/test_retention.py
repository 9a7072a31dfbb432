"""The retention registry (core/retention.py): what an app must give to have its rows erased."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from mobilise.core import retention
from mobilise.core.models import PersonalLink, User


def test_a_model_without_erased_at_cannot_be_registered():
    with pytest.raises(ImproperlyConfigured, match="erased_at"):
        retention.register(User, retention.Retained(noun="user", expired=lambda cutoff: None, anonymise=print))
    assert User not in retention.registered()


def test_an_unregistered_object_is_never_erased(db):
    assert not retention.is_erased(User(email="a@example.org")) and retention.erased_noun(None) is None
    with pytest.raises(ImproperlyConfigured):
        retention.erase(PersonalLink(pk=1))


def test_the_cutoff_is_calendar_months_back(settings):
    from datetime import UTC, datetime

    settings.RETENTION_MONTHS = 12
    assert retention.cutoff(datetime(2027, 2, 28, 9, tzinfo=UTC)) == datetime(2026, 2, 28, 9, tzinfo=UTC)
    settings.RETENTION_MONTHS = 1
    assert retention.cutoff(datetime(2027, 3, 31, 9, tzinfo=UTC)) == datetime(2027, 2, 28, 9, tzinfo=UTC)
    settings.RETENTION_MONTHS = 14
    assert retention.cutoff(datetime(2027, 1, 15, 9, tzinfo=UTC)) == datetime(2025, 11, 15, 9, tzinfo=UTC)


@pytest.mark.parametrize(("value", "message"), [("twelve", "must be a whole number"), ("0", "must be 1 or more")])
def test_retention_months_is_parsed_strictly(value, message):
    from .test_platform import _manage

    result = _manage("check", RETENTION_MONTHS=value)
    assert result.returncode != 0 and f"RETENTION_MONTHS {message}" in result.stderr
