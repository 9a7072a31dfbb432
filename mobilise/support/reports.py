"""The support service's figures for a period: requests by month, requester type, need and source; how fast
requests were answered against the service level; support hours; and what came of cases. Each table is plain
rows, for the page (with a chart beside it), CSV and XLSX alike."""

import statistics
from collections import Counter, defaultdict
from collections.abc import Callable
from datetime import date, datetime, timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Count, Min, Q, QuerySet, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone

from mobilise.core import fresh
from mobilise.core.periods import span, within
from mobilise.documents.figures import Table
from mobilise.projects.models import Theme

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
                f"m{i}": Count("pk", filter=within("submitted", max(m, start), _next_month(m) - timedelta(days=1)))
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
    requests = SupportRequest.objects.filter(within("submitted", start, end)).order_by()
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


def _median(values: list[int]) -> float | None:
    return statistics.median(values) if values else None


def _figures(values: list[int]) -> list[Any]:
    """How many, the median and the 90th percentile."""
    return [len(values), _median(values), _percentile(values, 0.9)]


def speed_table(start: date, end: date) -> Table:
    """Working days to the first response and to the decision (median and 90th percentile), and the share
    answered within the service level: whole numbers stored when each happened (support.models.Answered)."""
    answered = list(
        SupportRequest.objects.filter(within("submitted", start, end), first_response_days__isnull=False)
        .order_by()
        .values_list("first_response_days", "decision_days")
    )
    first = [days for days, _ in answered if days is not None]  # never None: answered ones only
    decided = [days for _, days in answered if days is not None]
    limit = settings.SUPPORT_FIRST_RESPONSE_DAYS
    in_time = sum(days <= limit for days in first)
    return Table(
        "Working days to answer",
        ["Measure", "Requests", "Median", "90th percentile"],
        [["First response", *_figures(first)], ["Decision", *_figures(decided)]]
        + [
            [
                f"First response within {limit} working days",
                in_time,
                f"{100 * in_time / len(first):.0f}%" if first else "",
                "",
            ]
        ],
        chart=False,
    )


def top(rows: list[tuple[Any, int]], limit: int | None) -> list[tuple[Any, int]]:
    """(item, minutes) rows, most first; beyond `limit` items the rest become one row (OTHERS) holding their sum,
    so the rows still add up to the total."""
    rows = sorted(rows, key=lambda row: -row[1])
    if limit is None or len(rows) <= limit + 1:
        return rows
    return [*rows[:limit], (OTHERS, sum(minutes for _, minutes in rows[limit:]))]


def _hours(counts: Counter[Any], limit: int | None, names: Callable[[list[Any]], dict[Any, str]]) -> list[list[Any]]:
    """The rows of one hours table; only the items shown are named (None: "Not given")."""
    rows = top(sorted(counts.items(), key=lambda row: (row[0] is None, row[0] or 0)), limit)
    ids = [k for k, _ in rows if k is not None and k is not OTHERS]
    named = names(ids) if ids else {}
    return [[k if k is OTHERS else named.get(k) or "Not given", round(minutes / 60, 1)] for k, minutes in rows]


def hours_tables(start: date, end: date, limit: int | None = None) -> list[Table]:
    """Support hours by adviser, case, project and theme; `limit` items each (the rest as one row), or all.

    The database sums the period's minutes per case and adviser in one pass over an index; each case's project and
    themes are read once, and the four tables are added up from those sums, so the page reads the advice once
    however the period is cut. A request with two themes counts its hours under each (ideas have no themes)."""
    advice = AdviceEntry.objects.filter(date__gte=start, date__lte=end).order_by()
    by_case: Counter[int] = Counter()
    by_adviser: Counter[int | None] = Counter()
    sums = advice.values_list("case", "by").annotate(minutes=Sum("minutes")).values_list("case", "by", "minutes")
    for case, adviser, minutes in sums:
        by_case[case] += minutes
        by_adviser[adviser] += minutes
    cases = Case.objects.filter(pk__in=advice.values("case")).order_by()
    project_of, themes_of = {}, defaultdict(list)
    for case, project, theme in cases.values_list("pk", "project", "request__themes"):
        project_of[case] = project
        themes_of[case].append(theme)  # one None for a case without themes
    by_project: Counter[int | None] = Counter()
    by_theme: Counter[int | None] = Counter()
    for case, minutes in by_case.items():
        by_project[project_of[case]] += minutes
        for theme in themes_of[case]:
            by_theme[theme] += minutes

    def names(rows: QuerySet[Any], key: str, label: str | Coalesce) -> Callable[[list[Any]], dict[Any, str]]:
        return lambda ids: dict(rows.filter(**{f"{key}__in": ids}).order_by().values_list(key, label).distinct())

    return [
        Table(
            "Support hours by adviser",
            ["Adviser", "Hours"],
            _hours(by_adviser, limit, names(get_user_model().objects.all(), "pk", "full_name")),
        ),
        Table(
            "Support hours by case",
            ["Case", "Hours"],
            _hours(by_case, limit, names(Case.objects.all(), "pk", Coalesce("request__project_title", "idea__title"))),
        ),
        Table(
            "Support hours by project",
            ["Project", "Hours"],
            _hours(by_project, limit, names(Case.objects.all(), "project", "project__short_title")),
        ),
        Table(
            "Support hours by theme",
            ["Theme", "Hours"],
            _hours(by_theme, limit, names(Theme.objects.all(), "pk", "name")),
        ),
    ]


def outcomes_table(start: date, end: date) -> Table:
    closed = Case.objects.filter(within("closed", start, end)).order_by()
    counts = dict(closed.values_list("outcome").annotate(n=Count("pk")).values_list("outcome", "n"))
    _, until = span(start, end)
    open_cases = Case.objects.filter(Q(closed__isnull=True) | Q(closed__gte=until), opened__lt=until).count()
    rows = [[str(label), counts.get(code, 0)] for code, label in Outcome.choices] + [["Still open", open_cases]]
    return Table("Case outcomes", ["Outcome", "Cases"], rows)


def ideas_table(start: date, end: date) -> Table:
    """Ideas sent in the period: how many, how many were accepted, and the median working days to the first answer
    and to the decision (stored when they happened; erased ideas keep them)."""
    ideas = Idea.objects.filter(within("submitted", start, end)).order_by()
    counts = dict(ideas.values_list("status").annotate(n=Count("pk")).values_list("status", "n"))
    facts = list(ideas.values_list("first_response_days", "decision_days"))
    first = [days for days, _ in facts if days is not None]
    decided = [days for _, days in facts if days is not None]

    return Table(
        "Ideas",
        ["Measure", "Ideas"],
        [
            ["Received", len(facts)],
            ["Accepted", counts.get(IdeaStatus.ACCEPTED, 0)],
            ["Not taken forward", counts.get(IdeaStatus.NOT_TAKEN, 0)],
            ["Withdrawn", counts.get(IdeaStatus.WITHDRAWN, 0)],
            ["Still open", sum(counts.get(s, 0) for s in IDEA_OPEN)],
            ["Median working days to the first answer", _median(first)],
            ["Median working days to the decision", _median(decided)],
        ],
        chart=False,
    )


def recent(start: date, end: date, limit: int | None) -> tuple[list[Table], datetime]:
    """The report's tables as worked out at most a minute ago, and when (core.fresh): working them out reads a year
    of requests and advice. The downloads call `report` itself."""
    return fresh.recent(f"support-report:{start}:{end}:{limit}", lambda: report(start, end, limit))


def report(start: date, end: date, limit: int | None = None) -> list[Table]:
    """Every table of the report; per-item tables hold `limit` items and the rest as one row (None: all)."""
    return [
        *requests_tables(start, end),
        speed_table(start, end),
        ideas_table(start, end),
        *hours_tables(start, end, limit),
        outcomes_table(start, end),
    ]
