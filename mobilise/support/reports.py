"""The support service's figures for a period: requests by month, requester type, need and source; how fast
requests were answered against the service level; support hours; and what came of cases. Each table is plain
rows, for the page (with a chart beside it), CSV and XLSX alike."""

import statistics
from collections import Counter
from datetime import date
from typing import Any

from django.conf import settings
from django.db.models import Count, F, Q, Sum
from django.db.models.functions import Coalesce, TruncMonth
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


def _month(day: date) -> str:
    return day.strftime("%b %Y")


def _percentile(values: list[int], share: float) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    return float(ordered[min(len(ordered) - 1, int(share * len(ordered)))])


def requests_tables(start: date, end: date) -> list[Table]:
    requests = SupportRequest.objects.filter(submitted__date__gte=start, submitted__date__lte=end)
    types = dict(RequesterType.choices)
    by_month: dict[date, Counter] = {}
    for row in (
        requests.annotate(month=TruncMonth("submitted")).values("month", "requester_type").annotate(n=Count("pk"))
    ):
        by_month.setdefault(row["month"], Counter())[row["requester_type"]] += row["n"]
    months = [[_month(m), *(c[t] for t in types), sum(c.values())] for m, c in sorted(by_month.items())]
    needs: Counter = Counter()
    for chosen in requests.values_list("needs", flat=True):
        needs.update(chosen)
    sources = Counter(dict(requests.values_list("heard_from").annotate(n=Count("pk")).values_list("heard_from", "n")))
    heard = dict(HeardFrom.choices)
    return [
        Table("Requests by month and requester type", ["Month", *map(str, types.values()), "All"], months),
        Table("Requests by need", ["Need", "Requests"], [[str(label), needs[code]] for code, label in Need.choices]),
        Table(
            "How requesters heard of us",
            ["Source", "Requests"],
            [[str(heard.get(code, "Not given")), n] for code, n in sorted(sources.items(), key=lambda i: -i[1])],
        ),
    ]


def speed_table(start: date, end: date) -> Table:
    """Working days to the first response and to the decision (median and 90th percentile), and the share
    answered within the service level."""
    answered = SupportRequest.objects.filter(
        submitted__date__gte=start, submitted__date__lte=end, first_response_at__isnull=False
    ).values_list("submitted", "first_response_at", "decided_at")
    local = timezone.localdate
    first = [sla.working_days_after(local(s), local(f)) for s, f, _ in answered]
    decided = [sla.working_days_after(local(s), local(d)) for s, _, d in answered if d is not None]
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


def hours_tables(start: date, end: date) -> list[Table]:
    advice = AdviceEntry.objects.filter(date__gte=start, date__lte=end)

    def hours(group: str | Coalesce) -> list[list[Any]]:
        label = F(group) if isinstance(group, str) else group
        rows = advice.annotate(label=label).values("label").annotate(minutes=Sum("minutes")).order_by("-minutes")
        return [[row["label"] or "Not given", round(row["minutes"] / 60, 1)] for row in rows]

    return [
        Table("Support hours by adviser", ["Adviser", "Hours"], hours("by__full_name")),
        Table(
            "Support hours by case",
            ["Case", "Hours"],
            hours(Coalesce("case__request__project_title", "case__idea__title")),
        ),
        Table("Support hours by project", ["Project", "Hours"], hours("case__project__short_title")),
        # A request with two themes counts its hours under each (ideas have no themes).
        Table("Support hours by theme", ["Theme", "Hours"], hours("case__request__themes__name")),
    ]


def outcomes_table(start: date, end: date) -> Table:
    closed = Case.objects.filter(closed__date__gte=start, closed__date__lte=end)
    counts = dict(closed.values_list("outcome").annotate(n=Count("pk")).values_list("outcome", "n"))
    open_cases = Case.objects.filter(Q(closed__isnull=True) | Q(closed__date__gt=end), opened__date__lte=end).count()
    rows = [[str(label), counts.get(code, 0)] for code, label in Outcome.choices] + [["Still open", open_cases]]
    return Table("Case outcomes", ["Outcome", "Cases"], rows)


def ideas_table(start: date, end: date) -> Table:
    """Ideas sent in the period: how many, how many were accepted, and the median working days to the first answer
    and to the decision (stored when they happened; erased ideas keep them)."""
    ideas = Idea.objects.filter(submitted__date__gte=start, submitted__date__lte=end)
    counts = dict(ideas.values_list("status").annotate(n=Count("pk")).values_list("status", "n"))
    local = timezone.localdate
    facts = list(ideas.values_list("submitted", "first_response_at", "decided_at"))
    first = [sla.working_days_after(local(s), local(f)) for s, f, _ in facts if f is not None]
    decided = [sla.working_days_after(local(s), local(d)) for s, _, d in facts if d is not None]

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


def report(start: date, end: date) -> list[Table]:
    return [
        *requests_tables(start, end),
        speed_table(start, end),
        ideas_table(start, end),
        *hours_tables(start, end),
        outcomes_table(start, end),
    ]
