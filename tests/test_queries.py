"""The query budget helper itself."""

import pytest

from mobilise.core.models import User

from .queries import assert_max_queries


def test_within_budget_passes_and_counts(db):
    with assert_max_queries(2) as queries:
        list(User.objects.all())
        User.objects.filter(email="a@example.org").exists()
    assert len(queries) == 2


def test_over_budget_fails_and_lists_every_statement(db):
    with pytest.raises(pytest.fail.Exception) as failure, assert_max_queries(1):
        list(User.objects.filter(email="first@example.org"))
        list(User.objects.filter(email="second@example.org"))
    message = str(failure.value)
    assert message.startswith("2 queries ran, at most 1 expected:")
    assert "1. SELECT" in message and "first@example.org" in message
    assert "2. SELECT" in message and "second@example.org" in message


def test_savepoints_are_not_counted(db):
    from django.db import transaction

    with assert_max_queries(1) as queries, transaction.atomic():
        list(User.objects.all())
    assert len(queries) == 1


def test_an_error_inside_is_not_hidden(db):
    with pytest.raises(RuntimeError, match="the page broke"), assert_max_queries(0):
        list(User.objects.all())
        raise RuntimeError("the page broke")
