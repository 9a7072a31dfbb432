"""The service level: a first response within SUPPORT_FIRST_RESPONSE_DAYS working days, counted on the working
days of the organisation's nation (weekends and its bank holidays off), with the clock stopped while a request
waits on the requester.

A request's clock runs in intervals: from its arrival until it waits on the requester, from the requester's answer
until the next wait, and so on. Each interval counts the working days after the day it started, up to and
including the day it ended, so a request sent on a Friday is one working day old on Monday.
"""

from collections.abc import Iterable
from datetime import date, datetime, timedelta
from functools import cache

import holidays
from django.conf import settings
from django.utils import timezone

# UK nations as the `holidays` package names them.
NATIONS = {"england": "ENG", "wales": "WLS", "scotland": "SCT", "northern-ireland": "NIR"}


@cache
def _bank_holidays(nation: str, year: int) -> frozenset[date]:
    return frozenset(holidays.country_holidays("GB", subdiv=NATIONS[nation], years=year))


def is_working_day(day: date, nation: str | None = None) -> bool:
    nation = nation or settings.SUPPORT_NATION
    return day.weekday() < 5 and day not in _bank_holidays(nation, day.year)


def working_days_after(start: date, end: date, nation: str | None = None) -> int:
    """Working days d with start < d <= end (0 when end is not after start). Counted, not walked: each whole week
    holds five weekdays, then the days left over, less the bank holidays on weekdays; a request open for years
    costs as little as one open for a day."""
    if end <= start:
        return 0
    nation = nation or settings.SUPPORT_NATION
    weeks, rest = divmod((end - start).days, 7)
    weekdays = weeks * 5 + sum((start.weekday() + i) % 7 < 5 for i in range(1, rest + 1))
    off = sum(
        start < day <= end and day.weekday() < 5
        for year in range(start.year, end.year + 1)
        for day in _bank_holidays(nation, year)
    )
    return weekdays - off


def days_between(since: datetime, until: datetime | None) -> int | None:
    """Working days from one moment to a later one, by their days in the organisation's time zone (None without
    the later one)."""
    if until is None:
        return None
    return working_days_after(timezone.localdate(since), timezone.localdate(until))


def add_working_days(start: date, days: int, nation: str | None = None) -> date:
    """The day `days` working days after start."""
    day = start
    while days > 0:
        day += timedelta(days=1)
        days -= is_working_day(day, nation)
    return day


def running_intervals(
    arrived: datetime, waits: Iterable[tuple[datetime, datetime | None]], until: datetime
) -> list[tuple[datetime, datetime]]:
    """The intervals in which the clock ran between arrival and `until`, given the (start, end) of each wait on
    the requester (end None: still waiting)."""
    intervals, start = [], arrived
    for wait_start, wait_end in sorted(waits, key=lambda w: w[0]):
        if wait_start > start:
            intervals.append((start, min(wait_start, until)))
        if wait_end is None:
            return [i for i in intervals if i[1] > i[0]]
        start = max(start, wait_end)
    if until > start:
        intervals.append((start, until))
    return [i for i in intervals if i[1] > i[0]]


def elapsed(
    arrived: datetime,
    waits: Iterable[tuple[datetime, datetime | None]],
    until: datetime | None = None,
    nation: str | None = None,
) -> int:
    """Working days the clock ran from arrival until `until` (default now), pauses left out."""
    until = until or timezone.now()
    local = timezone.localdate
    return sum(working_days_after(local(a), local(b), nation) for a, b in running_intervals(arrived, waits, until))
