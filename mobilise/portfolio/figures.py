"""The programme report for a period, the one the support organisation sends its funder, drawn from the figures
each app exposes: support (requests, response times, cases, hours, ideas: `support.reports`), events (webinars
and attendance: `events.figures.period_figures`), library (case studies published: `library.access`), evaluation
(impact claims: `evaluation.access.claims_between`), and the projects themselves.

Each section holds plain tables (title, header, rows, whether a bar chart of the last column goes beside it), for
the page, the PDF and the DOCX alike.

Definitions: a project is supported in the period when it runs during it (no start date, or one on or before the
period's end, and no end date, or one on or after its start); its stage is the stage it is at now. A project with
two themes counts under each. Impact claims count by the date of the impact, on every project.
"""

import datetime
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db.models import Q

from mobilise.core import fresh
from mobilise.documents.figures import Table
from mobilise.evaluation import access as evaluation
from mobilise.events.figures import period_figures
from mobilise.library import access as library
from mobilise.plans import health as plan_health
from mobilise.projects.access import projects_for
from mobilise.projects.models import Stage
from mobilise.support import reports as support

from .researchfish import CLAIM_TYPES, RESEARCHFISH

NO_THEME = "No theme"
# The support hours tables the report gives (the support report's others name requesters' own projects).
HOURS = ("Support hours by adviser", "Support hours by project", "Support hours by theme")


@dataclass(frozen=True)
class Section:
    heading: str
    tables: Sequence[Table]


def running(user: Any, start: datetime.date, end: datetime.date) -> Any:
    """The projects the user may see that run during the period (see the definitions above)."""
    return projects_for(user).filter(
        Q(start_date__isnull=True) | Q(start_date__lte=end), Q(end_date__isnull=True) | Q(end_date__gte=start)
    )


def projects_tables(user: Any, start: datetime.date, end: datetime.date) -> list[Table]:
    running_projects = running(user, start, end)
    stages = Counter(running_projects.values_list("stage", flat=True))
    themes = Counter(running_projects.values_list("themes__name", flat=True))  # None for a project with no theme
    by_theme = sorted(((name or NO_THEME, n) for name, n in themes.items()), key=lambda i: (-i[1], i[0]))
    return [
        Table(
            "Projects supported",
            ["Measure", "Projects"],
            [["Projects running in the period", sum(stages.values())]],
            chart=False,
        ),
        Table(
            "Projects by stage", ["Stage", "Projects"], [[str(label), stages[code]] for code, label in Stage.choices]
        ),
        Table("Projects by theme", ["Theme", "Projects"], [[name, n] for name, n in by_theme]),
    ]


def case_studies_tables(start: datetime.date, end: datetime.date) -> list[Table]:
    published, themes = library.published_between(start, end)
    return [
        Table(
            "Case studies published",
            ["Case study", "Project", "First published"],
            [[title, project, f"{first:%-d %b %Y}"] for title, project, first in published],
            chart=False,
        ),
        Table("Case studies published by theme", ["Theme", "Case studies"], [[name, n] for name, n in themes]),
    ]


def plan_health_tables(user: Any, start: datetime.date, end: datetime.date) -> list[Table]:
    """The plan health check across the projects running in the period, as it stands today (it is never stored):
    how many projects meet each check, and how many meet how many checks."""
    projects = running(user, start, end).only("pk", "health_inequalities_focus")
    each, by_met = plan_health.tally(projects)
    total = len(plan_health.LABELS)
    return [
        Table(
            "Projects meeting each plan health check",
            ["Check", "Projects meeting it"],
            [[label, each[key]] for key, label in plan_health.LABELS.items()] if by_met else [],
        ),
        Table(
            "Projects by plan health checks met",
            ["Checks met", "Projects"],
            [[f"{met} of {total}", n] for met, n in sorted(by_met.items(), reverse=True)],
        ),
    ]


def claims_table(start: datetime.date, end: datetime.date) -> Table:
    counts = evaluation.claims_between(start, end)
    return Table(
        "Impact claims by type",
        ["Type of impact", "Researchfish outcome type", "Claims"],
        [[label, RESEARCHFISH[code], counts.get(code, 0)] for code, label in CLAIM_TYPES],
    )


def recent(user: Any, start: datetime.date, end: datetime.date) -> tuple[list[Section], datetime.datetime]:
    """The report as worked out at most a minute ago for this user (whose projects it counts), and when
    (core.fresh): the page. The PDF and DOCX call `report` itself."""
    return fresh.recent(f"programme-report:{user.pk}:{start}:{end}", lambda: report(user, start, end))


def report(user: Any, start: datetime.date, end: datetime.date) -> list[Section]:
    hours = [t for t in support.hours_tables(start, end, limit=support.TOP) if t.title in HOURS]
    return [
        Section("Projects", projects_tables(user, start, end)),
        Section(
            "Support requests and response times",
            [*support.requests_tables(start, end), support.speed_table(start, end)],
        ),
        Section("Cases and hours", [support.outcomes_table(start, end), *hours]),
        Section("Webinars and attendance", period_figures(start, end)),
        Section("Case studies", case_studies_tables(start, end)),
        Section("Ideas", [support.ideas_table(start, end)]),
        Section("Impact claims", [claims_table(start, end)]),
        Section("Plan health across projects", plan_health_tables(user, start, end)),
    ]
