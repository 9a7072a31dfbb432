"""Cadence and due rules: days after the last interaction, across month ends and leap years."""

import datetime

import pytest

from mobilise.engagement import due, services
from mobilise.stakeholders import services as stakeholder_services
from mobilise.stakeholders.models import Stakeholder, due_date

D = datetime.date


@pytest.mark.parametrize(
    ("last", "cadence", "expected"),
    [
        (D(2026, 9, 15), "monthly", D(2026, 10, 15)),  # calendar months, not 31 days
        (D(2025, 1, 31), "monthly", D(2025, 2, 28)),  # the last day of a shorter month
        (D(2024, 1, 31), "monthly", D(2024, 2, 29)),  # ... and of a leap-year February
        (D(2024, 2, 29), "yearly", D(2025, 2, 28)),  # a year from a leap day
        (D(2023, 3, 1), "yearly", D(2024, 3, 1)),
        (D(2025, 12, 25), "weekly", D(2026, 1, 1)),  # across the year end
        (D(2025, 12, 25), "fortnightly", D(2026, 1, 8)),
        (D(2024, 11, 30), "quarterly", D(2025, 2, 28)),
        (D(2025, 8, 31), "half_yearly", D(2026, 2, 28)),
        (D(2025, 1, 31), "as_needed", None),
        (D(2025, 1, 31), "", None),
    ],
)
def test_due_date(last, cadence, expected):
    assert due_date(last, cadence) == expected


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (D(2024, 2, 29), "due"),  # due today is due, not overdue
        (D(2024, 3, 1), "overdue"),
        (D(2024, 2, 22), "due"),  # within the week ahead
        (D(2024, 2, 21), "ok"),
    ],
)
def test_state_around_a_leap_february(today, expected):
    assert due.state(D(2024, 1, 31), "monthly", today) == expected


def test_never_contacted():
    assert due.state(None, "monthly", D(2024, 1, 1)) == "never"


@pytest.mark.parametrize(
    ("today", "included"),
    [
        (D(2024, 2, 21), False),
        (D(2024, 2, 22), True),
        (D(2024, 2, 29), True),
        (D(2024, 3, 1), True),
    ],
)
def test_database_agrees_with_python(project, lead, map_, today, included):
    """The due list filters in the database; its threshold must agree with due_date on a leap February."""
    services.log_interaction(
        project=project, by=lead, date=D(2024, 1, 31), kind="call", summary="x", stakeholders=[map_["icb"]]
    )
    services.log_interaction(
        project=project, by=lead, date=D(2023, 12, 1), kind="call", summary="older", stakeholders=[map_["icb"]]
    )
    rows = list(due.due(Stakeholder.objects.filter(project=project), today))
    assert (map_["icb"] in rows) is included
    if included:
        row = next(r for r in rows if r == map_["icb"])
        assert row.last_contact == D(2024, 1, 31)


def test_due_orders_by_due_date_across_cadences(project, lead, map_):
    today = D(2025, 6, 30)
    # weekly, last seen 20 days ago: due 13 days ago. Monthly, last seen 40 days ago: due 9 days ago.
    services.log_interaction(
        project=project,
        by=lead,
        date=today - datetime.timedelta(days=20),
        kind="call",
        summary="a",
        stakeholders=[map_["raj"]],
    )
    services.log_interaction(
        project=project,
        by=lead,
        date=today - datetime.timedelta(days=40),
        kind="call",
        summary="b",
        stakeholders=[map_["icb"]],
    )
    services.log_interaction(
        project=project,
        by=lead,
        date=today - datetime.timedelta(days=100),
        kind="call",
        summary="c",
        stakeholders=[map_["forum"]],
    )  # quarterly: due 8 days ago
    rows = list(due.due(Stakeholder.objects.filter(project=project), today))
    assert [r.pk for r in rows] == [map_["raj"].pk, map_["icb"].pk, map_["forum"].pk]


def test_never_engaged(project, lead, map_, logged):
    names = {s.name for s in due.never_engaged(Stakeholder.objects.filter(project=project))}
    assert names == {"Fatima Begum", "Faith forum"}


def test_contact_dates_follow_interactions_and_cadence(project, lead, map_):
    """The dates the due lists read are kept in step when interactions come and go and the cadence changes."""
    icb = map_["icb"]  # monthly
    older = services.log_interaction(
        project=project, by=lead, date=D(2025, 1, 10), kind="call", summary="a", stakeholders=[icb]
    )
    newer = services.log_interaction(
        project=project, by=lead, date=D(2025, 3, 1), kind="call", summary="b", stakeholders=[icb, map_["raj"]]
    )
    icb.refresh_from_db()
    assert (icb.last_contact, icb.next_contact) == (D(2025, 3, 1), D(2025, 4, 1))
    services.remove_interaction(interaction=newer)
    icb.refresh_from_db()
    assert (icb.last_contact, icb.next_contact) == (D(2025, 1, 10), D(2025, 2, 10))
    stakeholder_services.update_profile(stakeholder=icb, expected_version=icb.version, roles=[], cadence="quarterly")
    icb.refresh_from_db()
    assert icb.next_contact == D(2025, 4, 10)
    services.remove_interaction(interaction=older)
    icb.refresh_from_db()
    assert (icb.last_contact, icb.next_contact) == (None, None)
    raj = Stakeholder.objects.get(pk=map_["raj"].pk)
    assert (raj.last_contact, raj.next_contact) == (None, None)


def test_already_engaged_is_not_listed_as_never_engaged(project, lead, map_):
    map_["icb"].engaged = True
    map_["icb"].save()
    never = list(due.never_engaged(Stakeholder.objects.filter(project=project)))
    assert map_["icb"] not in never
    assert map_["raj"] in never and map_["forum"] in never  # the others still show
