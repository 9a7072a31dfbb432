"""Reporting periods generated between two dates: monthly, quarterly or yearly, on the calendar or on the UK
financial year (April to March), with targets spread across them.

Whole periods only: the first is the one the start date falls in, the last the one the end date falls in, so
"quarterly from 15 May 2025 to 1 Feb 2026" gives the quarters ending 30 Jun, 30 Sep and 31 Dec 2025 and 31 Mar
2026. A period is stored by its label and its last day (models.Period).
"""

import datetime
from collections.abc import Iterable
from decimal import ROUND_DOWN, Decimal
from typing import Any, NamedTuple

MONTHLY, QUARTERLY, YEARLY = "monthly", "quarterly", "yearly"
FREQUENCIES = [
    (QUARTERLY, "Quarterly"),
    (YEARLY, "Yearly"),
    (MONTHLY, "Monthly"),
]
MONTHS = {MONTHLY: 1, QUARTERLY: 3, YEARLY: 12}
MAX_PERIODS = 120  # ten years of months

NO_TARGETS, SPLIT, EACH = "none", "split", "each"
TARGET_MODES = [
    (NO_TARGETS, "No targets for now"),
    (SPLIT, "Split a total target evenly across the periods"),
    (EACH, "The same target for every period"),
]
PLACES = Decimal("0.001")  # what Period.target stores


class Span(NamedTuple):
    label: str
    starts: datetime.date
    ends: datetime.date


def _month_start(year: int, month: int) -> datetime.date:
    """The first day of a month counted from January of `year` (month may run past 12)."""
    year, month = year + (month - 1) // 12, (month - 1) % 12 + 1
    return datetime.date(year, month, 1)


def _label(starts: datetime.date, frequency: str, financial_year: bool) -> str:
    if frequency == MONTHLY:
        return f"{starts:%b %Y}"
    year = starts.year if not financial_year or starts.month >= 4 else starts.year - 1
    name = f"{year}-{(year + 1) % 100:02d}" if financial_year else str(year)
    if frequency == YEARLY:
        return name
    first_month = 4 if financial_year else 1
    quarter = ((starts.month - first_month) % 12) // 3 + 1
    return f"{name} Q{quarter}"


def plan(frequency: str, starts: datetime.date, ends: datetime.date, *, financial_year: bool = False) -> list[Span]:
    """The whole periods from the one holding `starts` to the one holding `ends`, in order."""
    step = MONTHS[frequency]
    first_month = 4 if financial_year and frequency != MONTHLY else 1
    # The period holding `starts`: count months from the year's first period month.
    offset = ((starts.month - first_month) % 12) // step * step
    year = starts.year if starts.month >= first_month else starts.year - 1
    current = _month_start(year, first_month + offset)
    spans = []
    while current <= ends:
        following = _month_start(current.year, current.month + step)
        spans.append(Span(_label(current, frequency, financial_year), current, following - datetime.timedelta(days=1)))
        current = following
        if len(spans) > MAX_PERIODS:
            break
    return spans


def targets(mode: str, target: Decimal | None, count: int) -> list[Decimal | None]:
    """One target a period: none, the same for each, or a total split evenly (to the thousandth, the remainder on
    the last period, so the targets add up to the total exactly)."""
    if mode == NO_TARGETS or target is None or count == 0:
        return [None] * count
    if mode == EACH:
        return [target] * count
    share = (target / count).quantize(PLACES, rounding=ROUND_DOWN)
    return [share] * (count - 1) + [target - share * (count - 1)]


def clashes(existing: Iterable[Any], spans: list[Span]) -> list[str]:
    """What stops the spans being added, one message an indicator: existing periods (with their indicator) that
    end within the spans (a period is known by its last day) or share a label with one of them."""
    first, last = spans[0].starts, spans[-1].ends
    labels = {span.label.lower() for span in spans}
    found: dict[int, list[Any]] = {}
    for period in existing:
        if first <= period.ends <= last or period.label.lower() in labels:
            found.setdefault(period.indicator_id, []).append(period)
    messages = []
    for clashing in found.values():
        named = ", ".join(f"{p.label} (ending {p.ends.day} {p.ends:%b %Y})" for p in clashing[:3])
        more = f" and {len(clashing) - 3} more" if len(clashing) > 3 else ""
        messages.append(f"{clashing[0].indicator.name} already has periods in that time: {named}{more}")
    return messages
