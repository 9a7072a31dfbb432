"""The support service's figures for a period: requests by month, requester type, need and source; how fast
requests were answered against the service level; support hours; and what came of cases. Each table is plain
rows, for the page (with a chart beside it), CSV and XLSX alike."""

import statistics
from collections import Counter
from collections.abc import Callable, Iterable
from datetime import date, datetime, time, timedelta
from functools import cache, lru_cache
from typing import Any

from django.conf import settings
from django.db.models import Count, F, Min, Q, QuerySet, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone

from mobilise.documents.figures import Table

from . import sla
from .models import (
    IDEA_OPEN,
    AdviceEntry,
    Case,
    HeardFrom,
    Idea,
    IdeaStatus,
    Need,
    Outcome,
    RequesterType,
    SupportRequest,
)

# Tables with a row per item (case, project...) show on the page the items with the most hours and the rest as
# one row, so the hours still add up; the exports keep every row.
TOP = 10
OTHERS = "All others"


def _month(day: date) -> str:
    return day.strftime("%b %Y")


def _midnight(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=timezone.get_current_timezone())


def span(start: date, end: date) -> tuple[datetime, datetime]:
    """The period as aware datetimes in the organisation's time zone: from the start of its first day to the start
    of the day after its last. Compared with the stored column itself, so an index serves it and no database
    function runs on each row."""
    return _midnight(start), _midnight(end + timedelta(days=1))


def _in(field: str, start: date, end: date) -> Q:
    since, until = span(start, end)
    return Q(**{f"{field}__gte": since, f"{field}__lt": until})


def _next_month(month: date) -> date:
    return (month.replace(day=1) + timedelta(days=32)).replace(day=1)


def _percentile(values: list[int], share: float) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    return float(ordered[min(len(ordered) - 1, int(share * len(ordered)))])


def _by_month(requests: QuerySet[SupportRequest], start: date, end: date, types: list[str]) -> list[list[Any]]:
    """One conditional count per month and requester type, counted by the database, from the month of the first
    request in the period; months without requests left out."""
    first = requests.aggregate(first=Min("submitted"))["first"]
    if first is None:
        return []
    months, month = [], max(start, timezone.localdate(first)).replace(day=1)
    while month <= end:
        months.append(month)
        month = _next_month(month)
    counts: dict[str, Any] = {
        row["requester_type"]: row
        for row in requests.values("requester_type").annotate(
            **{
                f"m{i}": Count("pk", filter=_in("submitted", max(m, start), _next_month(m) - timedelta(days=1)))
                for i, m in enumerate(months)
            }
        )
    }
    rows = []
    for i, m in enumerate(months):
        by_type: list[int] = [counts.get(t, {}).get(f"m{i}", 0) for t in types]
        if sum(by_type):
            rows.append([_month(m), *by_type, sum(by_type)])
    return rows


def requests_tables(start: date, end: date) -> list[Table]:
    requests = SupportRequest.objects.filter(_in("submitted", start, end)).order_by()
    types = dict(RequesterType.choices)
    # Needs are a JSON list of codes: each code is counted where its quoted form appears (codes are plain words).
    needs = requests.aggregate(**{code: Count("pk", filter=Q(needs__icontains=f'"{code}"')) for code in Need.values})
    sources = Counter(dict(requests.values_list("heard_from").annotate(n=Count("pk")).values_list("heard_from", "n")))
    heard = dict(HeardFrom.choices)
    return [
        Table(
            "Requests by month and requester type",
            ["Month", *map(str, types.values()), "All"],
            _by_month(requests, start, end, list(types)),
        ),
        Table("Requests by need", ["Need", "Requests"], [[str(label), needs[code]] for code, label in Need.choices]),
        Table(
            "How requesters heard of us",
            ["Source", "Requests"],
            [[str(heard.get(code, "Not given")), n] for code, n in sorted(sources.items(), key=lambda i: -i[1])],
        ),
    ]


@lru_cache(maxsize=4096)
def _working_days(start: date, end: date, nation: str) -> int:
    return sla.working_days_after(start, end, nation)


def _days(pairs: Iterable[tuple[datetime, datetime | None]]) -> list[int]:
    """Working days between each pair of moments (pairs without an end left out); many pairs share their days."""
    zone, nation = timezone.get_current_timezone(), settings.SUPPORT_NATION
    return [_working_days(s.astimezone(zone).date(), e.astimezone(zone).date(), nation) for s, e in pairs if e]


def speed_table(start: date, end: date) -> Table:
    """Working days to the first response and to the decision (median and 90th percentile), and the share
    answered within the service level."""
    answered = list(
        SupportRequest.objects.filter(_in("submitted", start, end), first_response_at__isnull=False)
        .order_by()
        .values_list("submitted", "first_response_at", "decided_at")
    )
    first = _days((s, f) for s, f, _ in answered)
    decided = _days((s, d) for s, _, d in answered)
    limit = settings.SUPPORT_FIRST_RESPONSE_DAYS
    within = sum(days <= limit for days in first)

    def figures(values: list[int]) -> list[Any]:
        median = statistics.median(values) if values else None
        return [len(values), median, _percentile(values, 0.9)]

    return Table(
        "Working days to answer",
        ["Measure", "Requests", "Median", "90th percentile"],
        [["First response", *figures(first)], ["Decision", *figures(decided)]]
        + [
            [
                f"First response within {limit} working days",
                within,
                f"{100 * within / len(first):.0f}%" if first else "",
                "",
            ]
        ],
        chart=False,
    )


def top(rows: list[tuple[Any, int]], limit: int | None, total: int | None = None) -> list[tuple[Any, int]]:
    """(item, minutes) rows, most first; beyond `limit` items the rest become one row (OTHERS) holding what they add
    to `total` (default: the sum of the rows), so the rows still add up to the total."""
    rows = sorted(rows, key=lambda row: -row[1])
    if limit is None or len(rows) <= limit + 1:
        return rows
    total = sum(minutes for _, minutes in rows) if total is None else total
    return [*rows[:limit], (OTHERS, total - sum(minutes for _, minutes in rows[:limit]))]


def _total(advice: QuerySet[AdviceEntry], key: str = "") -> Callable[[], int]:
    """The minutes of all items, read once by the tables that show a limited number of items (whether or not they
    have more, so that the page's queries do not vary with the data); with a key, summed over the same join as that
    key's rows (a request with two themes counts under each)."""
    rows = advice.annotate(item=F(key)) if key else advice
    return cache(lambda: rows.aggregate(total=Sum("minutes"))["total"] or 0)


def _hours(
    advice: QuerySet[AdviceEntry], key: str, label: str | Coalesce, limit: int | None, total: Callable[[], int]
) -> list[list[Any]]:
    """Minutes summed by the database per `key` (an id); with a limit only the items with most minutes are read,
    and the rest is the total less theirs. Only the rows shown are named."""
    sums = (
        advice.values_list(key).annotate(minutes=Sum("minutes")).order_by("-minutes", key).values_list(key, "minutes")
    )
    rows = list(sums if limit is None else sums[: limit + 2])
    rows = top(rows, limit, total() if limit is not None else None)
    ids = [k for k, _ in rows if k is not None and k is not OTHERS]
    names = dict(advice.filter(**{f"{key}__in": ids}).values_list(key, label).distinct()) if ids else {}
    return [[k if k is OTHERS else names.get(k) or "Not given", round(minutes / 60, 1)] for k, minutes in rows]


def hours_tables(start: date, end: date, limit: int | None = None) -> list[Table]:
    """Support hours by adviser, case, project and theme; `limit` items each (the rest as one row), or all."""
    advice = AdviceEntry.objects.filter(date__gte=start, date__lte=end).order_by()
    case = Coalesce("case__request__project_title", "case__idea__title")
    total = _total(advice)  # every entry has one adviser (or none), one case, one project (or none)
    theme = "case__request__themes"
    return [
        Table("Support hours by adviser", ["Adviser", "Hours"], _hours(advice, "by", "by__full_name", limit, total)),
        Table("Support hours by case", ["Case", "Hours"], _hours(advice, "case", case, limit, total)),
        Table(
            "Support hours by project",
            ["Project", "Hours"],
            _hours(advice, "case__project", "case__project__short_title", limit, total),
        ),
        # A request with two themes counts its hours under each (ideas have no themes).
        Table(
            "Support hours by theme",
            ["Theme", "Hours"],
            _hours(advice, theme, f"{theme}__name", limit, _total(advice, theme)),
        ),
    ]


def outcomes_table(start: date, end: date) -> Table:
    closed = Case.objects.filter(_in("closed", start, end)).order_by()
    counts = dict(closed.values_list("outcome").annotate(n=Count("pk")).values_list("outcome", "n"))
    _, until = span(start, end)
    open_cases = Case.objects.filter(Q(closed__isnull=True) | Q(closed__gte=until), opened__lt=until).count()
    rows = [[str(label), counts.get(code, 0)] for code, label in Outcome.choices] + [["Still open", open_cases]]
    return Table("Case outcomes", ["Outcome", "Cases"], rows)


def ideas_table(start: date, end: date) -> Table:
    """Ideas sent in the period: how many, how many were accepted, and the median working days to the first answer
    and to the decision (stored when they happened; erased ideas keep them)."""
    ideas = Idea.objects.filter(_in("submitted", start, end)).order_by()
    counts = dict(ideas.values_list("status").annotate(n=Count("pk")).values_list("status", "n"))
    facts = list(ideas.values_list("submitted", "first_response_at", "decided_at"))
    first = _days((s, f) for s, f, _ in facts)
    decided = _days((s, d) for s, _, d in facts)

    def median(values: list[int]) -> float | None:
        return statistics.median(values) if values else None

    return Table(
        "Ideas",
        ["Measure", "Ideas"],
        [
            ["Received", len(facts)],
            ["Accepted", counts.get(IdeaStatus.ACCEPTED, 0)],
            ["Not taken forward", counts.get(IdeaStatus.NOT_TAKEN, 0)],
            ["Withdrawn", counts.get(IdeaStatus.WITHDRAWN, 0)],
            ["Still open", sum(counts.get(s, 0) for s in IDEA_OPEN)],
            ["Median working days to the first answer", median(first)],
            ["Median working days to the decision", median(decided)],
        ],
        chart=False,
    )


def report(start: date, end: date, limit: int | None = None) -> list[Table]:
    """Every table of the report; per-item tables hold `limit` items and the rest as one row (None: all)."""
    return [
        *requests_tables(start, end),
        speed_table(start, end),
        ideas_table(start, end),
        *hours_tables(start, end, limit),
        outcomes_table(start, end),
    ]
