"""Who sees the programme, and the reads the programme view goes through.

The programme view and report are the support organisation's own: advisers and administrators; everyone else gets
404, as for support requests and the webinar programme. Which projects are listed comes from the one policy
(`projects.rules`): an adviser sees every project. Each project's figures come from the app that keeps them, as an
annotation (a subquery per figure) or one query for the whole page, never one for each row: the page costs the same
number of queries however many projects there are.
"""

import datetime
from dataclasses import dataclass
from typing import Any

import rules
from django.db.models import QuerySet

from mobilise.engagement import access as engagement
from mobilise.evaluation import access as evaluation
from mobilise.outputs import access as outputs
from mobilise.plans import health as plan_health
from mobilise.projects import generations
from mobilise.projects.access import names_by_project, projects_for
from mobilise.projects.models import Project
from mobilise.projects.rules import is_organisation_staff, require
from mobilise.support import access as support

from .researchfish import CLAIM_TYPES, RESEARCHFISH

VIEW_PROGRAMME = "portfolio.view_programme"
RECENT_DAYS = 730  # "recent" impact claims: dated in the last two years (impact often shows a year or more on)


rules.add_perm(VIEW_PROGRAMME, is_organisation_staff)


def require_staff(user: Any) -> None:
    require(user, VIEW_PROGRAMME)


def programme_projects(user: Any, today: datetime.date) -> QuerySet[Project]:
    """The projects the user may see, with their programme, and annotated with `overdue` (stakeholders overdue for
    contact), `in_review` (outputs awaiting review) and `support_minutes` (advice given on the project's support
    cases), so that filters and sorting can use them."""
    require_staff(user)
    return (
        projects_for(user)
        .select_related("programme")
        .annotate(
            overdue=engagement.overdue_contacts(today),
            in_review=outputs.awaiting_review(),
            support_minutes=support.support_minutes(),
        )
    )


@dataclass(frozen=True)
class Claims:
    label: str  # the app's claim type
    researchfish: str  # the Researchfish outcome type it reports under
    count: int


@dataclass(frozen=True)
class Row:
    """One project of the programme view, as the page and the spreadsheet show it."""

    project: Project
    themes: list[str]
    advisers: list[str]
    overdue: int
    in_review: int
    behind: int  # indicators behind target
    claims: list[Claims]  # recent impact claims, by type, only the types with any
    hours: float
    checks_met: int  # of the plan health check's (plan_health.LABELS)

    @property
    def claims_total(self) -> int:
        return sum(c.count for c in self.claims)


def _figures(projects: list[Project], today: datetime.date) -> dict[int, tuple[dict[str, int], int, int]]:
    """(recent impact claims by type, indicators behind target, plan health checks met) of each project: dear to work
    out, so kept in the cache under the project's data generation."""
    ids = [p.pk for p in projects]
    claims = evaluation.claims_by_project(ids, today - datetime.timedelta(days=RECENT_DAYS))
    behind = evaluation.behind_target(ids)
    met = plan_health.checks_met(projects)
    return {pk: (claims.get(pk, {}), behind.get(pk, 0), met[pk]) for pk in ids}


def rows(projects: list[Project], today: datetime.date) -> list[Row]:
    """The programme view's rows for projects from programme_projects(), in a fixed number of queries whatever
    their number (two here, and those of the figures not in the cache)."""
    by_pk = {p.pk: p for p in projects}
    themes, advisers = names_by_project(list(by_pk))
    figures = generations.cached(
        "programme", by_pk, lambda missing: _figures([by_pk[pk] for pk in missing], today), day=today
    )
    return [
        Row(
            project=p,
            themes=themes.get(p.pk, []),
            advisers=advisers.get(p.pk, []),
            overdue=p.overdue,  # type: ignore[attr-defined]
            in_review=p.in_review,  # type: ignore[attr-defined]
            behind=figures[p.pk][1],
            claims=[
                Claims(label, RESEARCHFISH[code], figures[p.pk][0][code])
                for code, label in CLAIM_TYPES
                if figures[p.pk][0].get(code)
            ],
            hours=round(p.support_minutes / 60, 1),  # type: ignore[attr-defined]
            checks_met=figures[p.pk][2],
        )
        for p in projects
    ]
