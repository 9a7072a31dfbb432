"""Working days and the service-level clock: weekends and the nation's bank holidays are off, and the clock stops
while a request waits on the requester."""

from datetime import date, datetime, timedelta

from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from mobilise.support import sla

LONDON = timezone.get_fixed_timezone(0)
days = st.dates(min_value=date(2024, 1, 1), max_value=date(2028, 12, 31))


def at(day, hour=10):
    return datetime(day.year, day.month, day.day, hour, tzinfo=LONDON)


def test_a_friday_request_is_one_working_day_old_on_monday():
    assert sla.working_days_after(date(2026, 11, 27), date(2026, 11, 30)) == 1


def test_bank_holidays_of_the_nation_are_off():
    # 2 January 2026 is a bank holiday in Scotland, not in England.
    assert sla.working_days_after(date(2025, 12, 31), date(2026, 1, 2), "england") == 1
    assert sla.working_days_after(date(2025, 12, 31), date(2026, 1, 2), "scotland") == 0
    # Christmas and Boxing Day 2026 fall on a Friday and a Saturday; the Boxing Day holiday moves to Monday.
    assert sla.working_days_after(date(2026, 12, 24), date(2026, 12, 29)) == 1


def test_adding_working_days_skips_weekends_and_holidays():
    assert sla.add_working_days(date(2026, 12, 23), 2) == date(2026, 12, 29)
    assert sla.add_working_days(date(2026, 11, 27), 2) == date(2026, 12, 1)


@given(days, st.integers(min_value=0, max_value=60))
def test_adding_and_counting_agree(start, n):
    end = sla.add_working_days(start, n)
    assert sla.working_days_after(start, end) == n
    assert n == 0 or sla.is_working_day(end)


@given(days, st.integers(min_value=0, max_value=40))
def test_weekends_never_count(start, length):
    end = start + timedelta(days=length)
    weekdays = sum((start + timedelta(days=d)).weekday() < 5 for d in range(1, length + 1))
    assert sla.working_days_after(start, end) <= weekdays


@given(days, st.integers(min_value=1, max_value=30), st.integers(min_value=0, max_value=30), st.integers(0, 30))
def test_a_pause_never_adds_time_and_leaves_out_its_own_days(start, before, pause, after):
    arrived = at(start)
    wait_start = arrived + timedelta(days=before)
    wait_end = wait_start + timedelta(days=pause)
    until = wait_end + timedelta(days=after)
    paused = sla.elapsed(arrived, [(wait_start, wait_end)], until)
    assert paused <= sla.elapsed(arrived, [], until)
    assert paused == sla.working_days_after(start, wait_start.date()) + sla.working_days_after(
        wait_end.date(), until.date()
    )


def test_a_request_still_waiting_stops_its_clock():
    arrived = at(date(2026, 11, 2))  # a Monday
    waiting = at(date(2026, 11, 4))
    assert sla.elapsed(arrived, [(waiting, None)], at(date(2026, 11, 20))) == 2


@given(days, st.integers(min_value=-10, max_value=2000))
def test_counting_agrees_with_walking_day_by_day(start, length):
    end = start + timedelta(days=length)
    walked = sum(sla.is_working_day(start + timedelta(days=i)) for i in range(1, length + 1))
    assert sla.working_days_after(start, end) == walked
