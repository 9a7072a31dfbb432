"""The support report at scale: periods are whole days in the organisation's time zone (Europe/London), compared
with the stored moments; per-item hours tables show the ten items with the most hours and the rest as one row,
so the hours still add up, while the downloads keep every row."""

import csv
import io
from datetime import UTC, date, datetime, timedelta
from unittest import mock

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from mobilise.core import fresh
from mobilise.support import reports

from ..factories import AdviceEntryFactory, CaseFactory, SupportRequestFactory, ThemeFactory

pytestmark = pytest.mark.django_db


def _table(tables, title):
    return next(t for t in tables if t.title == title)


def _received(start, end):
    return sum(
        row[-1] for row in _table(reports.requests_tables(start, end), "Requests by month and requester type").rows
    )


def test_a_period_is_whole_days_in_london_time_in_summer():
    # 23:30 UTC on 30 June is 00:30 on 1 July in London (summer time): July's, not June's.
    SupportRequestFactory(submitted=datetime(2026, 6, 30, 23, 30, tzinfo=UTC))
    # 22:30 UTC on 30 June is 23:30 on 30 June in London: June's.
    SupportRequestFactory(submitted=datetime(2026, 6, 30, 22, 30, tzinfo=UTC))
    # 23:30 UTC on 31 May is 00:30 on 1 June in London: June's, on its first day.
    SupportRequestFactory(submitted=datetime(2026, 5, 31, 23, 30, tzinfo=UTC))
    assert _received(date(2026, 6, 1), date(2026, 6, 30)) == 2
    assert _received(date(2026, 7, 1), date(2026, 7, 31)) == 1
    assert _received(date(2026, 5, 1), date(2026, 5, 31)) == 0
    months = _table(
        reports.requests_tables(date(2026, 5, 1), date(2026, 7, 31)), "Requests by month and requester type"
    )
    assert [(row[0], row[-1]) for row in months.rows] == [("Jun 2026", 2), ("Jul 2026", 1)]


def test_a_period_is_whole_days_in_london_time_in_winter():
    SupportRequestFactory(submitted=datetime(2026, 1, 31, 23, 30, tzinfo=UTC))  # still 31 January in London
    assert _received(date(2026, 1, 1), date(2026, 1, 31)) == 1
    assert _received(date(2026, 2, 1), date(2026, 2, 28)) == 0


def test_cases_close_and_stay_open_by_london_days():
    closed = datetime(2026, 6, 30, 23, 30, tzinfo=UTC)  # 1 July in London
    CaseFactory(opened=datetime(2026, 6, 1, tzinfo=UTC), closed=closed, outcome="funded")
    june = dict((r[0], r[1]) for r in reports.outcomes_table(date(2026, 6, 1), date(2026, 6, 30)).rows)
    july = dict((r[0], r[1]) for r in reports.outcomes_table(date(2026, 7, 1), date(2026, 7, 31)).rows)
    assert june["Grant funded"] == 0 and june["Still open"] == 1
    assert july["Grant funded"] == 1 and july["Still open"] == 0


def test_the_top_rule_keeps_the_total():
    rows = [(f"item {i}", 10 * i) for i in range(1, 13)]
    shown = reports.top(rows, 10)
    assert len(shown) == 11 and shown[0] == ("item 12", 120) and shown[-1] == (reports.OTHERS, 10 + 20)
    assert sum(m for _, m in shown) == sum(m for _, m in rows)
    assert reports.top(rows[:11], 10) == sorted(rows[:11], key=lambda r: -r[1])  # one more item shows as itself
    assert reports.top(rows, None) == sorted(rows, key=lambda r: -r[1])


@pytest.fixture
def many_cases(adviser):
    today = timezone.localdate()
    cancer, heart = ThemeFactory(name="Cancer"), ThemeFactory(name="Heart")
    for i in range(14):
        entry = AdviceEntryFactory(
            by=adviser, minutes=60 * (i + 1), date=today, case__request__project_title=f"Case {i}"
        )
        entry.case.request.themes.add(cancer, heart)  # two themes: its hours count under each


def test_hours_show_the_ten_biggest_items_and_the_rest_as_one_row(many_cases):
    today = timezone.localdate()
    tables = reports.report(today, today, limit=10)
    cases = _table(tables, "Support hours by case").rows
    assert [row[0] for row in cases[:10]] == [f"Case {i}" for i in range(13, 3, -1)]
    assert cases[10] == [reports.OTHERS, 1.0 + 2 + 3 + 4]
    assert sum(row[1] for row in cases) == sum(range(1, 15))
    themes = _table(tables, "Support hours by theme").rows
    assert sorted(themes) == [["Cancer", 105.0], ["Heart", 105.0]]
    full = _table(reports.report(today, today), "Support hours by case").rows
    assert len(full) == 14 and reports.OTHERS not in [row[0] for row in full]


def test_the_page_shows_the_top_ten_and_the_downloads_every_case(adviser, many_cases):
    client = Client()
    client.force_login(adviser)
    page = client.get(reverse("support:reports")).content.decode()
    assert "Case 13" in page and "All others" in page and "Case 0<" not in page
    rows = list(csv.reader(io.StringIO(client.get(reverse("support:report-export", args=["csv"])).content.decode())))
    assert ["Case 0", "1.0"] in rows and ["All others", "10.0"] not in rows


def test_the_page_shows_figures_at_most_a_minute_old_and_the_downloads_are_exact(adviser, many_cases):
    client = Client()
    client.force_login(adviser)
    page = client.get(reverse("support:reports")).content.decode()
    assert "Figures as at" in page and "All others</th>" in page
    AdviceEntryFactory(by=adviser, minutes=60 * 20, date=timezone.localdate(), case__request__project_title="Late one")
    assert "Late one" not in client.get(reverse("support:reports")).content.decode()  # worked out a moment ago
    rows = list(csv.reader(io.StringIO(client.get(reverse("support:report-export", args=["csv"])).content.decode())))
    assert ["Late one", "20.0"] in rows
    timezone_now = timezone.now() + timedelta(seconds=fresh.FRESH_SECONDS + 1)
    with mock.patch("time.time", return_value=timezone_now.timestamp()):  # the cache's clock
        assert "Late one" in client.get(reverse("support:reports")).content.decode()
