"""Every model's history is kept through core/history.py: a real change writes a row; a save of excluded fields
alone (a sign-in's last_login) writes none; the history manager's class is built once, not on every read."""

import pytest
from django.test import Client

from tests.factories import PASSWORD, StakeholderFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_signing_in_writes_no_history_row_and_a_change_does():
    user = UserFactory()
    rows = user.history.count()
    assert Client().login(email=user.email, password=PASSWORD)
    user.refresh_from_db()
    assert user.last_login is not None and user.history.count() == rows
    user.full_name = "Ada Changed"
    user.save(update_fields=["full_name", "last_login"])
    assert user.history.count() == rows + 1
    assert user.history.first().full_name == "Ada Changed"


def test_a_whole_save_still_writes_a_row_and_excluded_fields_stay_out():
    stakeholder = StakeholderFactory()
    rows = stakeholder.history.count()
    stakeholder.save(update_fields=["updated"])
    assert stakeholder.history.count() == rows
    stakeholder.save()
    assert stakeholder.history.count() == rows + 1


def test_the_history_manager_class_is_made_once():
    first, second = StakeholderFactory(), StakeholderFactory()
    assert type(first.history) is type(second.history)
    assert first.history.instance == first and second.history.instance == second
