"""What could meet a system priority, a support request or an idea: the findings, projects, published case studies and
people in the directory whose words match it most, each ranked by the ranker that says who should hear a finding
(core/ranking.py) and with the same why: the words in common. Worked out on each request; nothing is stored.

People are matched on their job, their organisation and the evidence gaps they raised on any project; anyone marked
do not contact is left out, as everywhere a person is suggested.
"""

from dataclasses import dataclass
from typing import Any

from django.db.models import Q
from django.urls import reverse

from mobilise.core import ranking
from mobilise.core.ranking import Found
from mobilise.directory import access as directory_access
from mobilise.engagement import access as engagement_access
from mobilise.library import access as library_access
from mobilise.outputs import access as outputs_access
from mobilise.outputs.access import FINDING_TEXT
from mobilise.projects import access as project_access
from mobilise.projects.access import EDIT

from .models import Idea, Priority, SupportRequest


@dataclass(frozen=True)
class Matches:
    findings: list[Found]
    projects: list[Found]
    case_studies: list[Found]
    people: list[Found]

    def __bool__(self) -> bool:
        return bool(self.findings or self.projects or self.case_studies or self.people)


def query_text(source: Priority | SupportRequest | Idea) -> str:
    """The words of a priority, a request or an idea that say what it needs."""
    if isinstance(source, Priority):
        parts = [source.title, source.description, *(t.name for t in source.themes.all())]
    elif isinstance(source, SupportRequest):
        parts = [source.project_title, source.summary, source.inequalities, *(t.name for t in source.themes.all())]
    else:
        parts = [source.title, source.problem, source.idea, source.who_benefits]
    return "\n".join(parts)


def title_of(source: Priority | SupportRequest | Idea) -> str:
    if isinstance(source, SupportRequest):
        return source.project_title or source.reference  # a request's title goes when its details are erased
    return source.title


PROJECT_TEXT = ("short_title", "title", "research_question", "summary")


def could_meet(user: Any, query: str) -> Matches:
    """The best few of each kind for the query, among what the user may see; projects only those the user may
    change, as an introduction puts someone on the chosen project's map."""
    pieces = ranking.telling(query)
    findings = outputs_access.visible_findings(user).filter(ranking.holding(FINDING_TEXT, pieces))
    projects = project_access.projects_for(user, EDIT).filter(ranking.holding(PROJECT_TEXT, pieces))
    case_studies = library_access.published().filter(ranking.holding(["title", "summary"], pieces))
    people = list(
        directory_access.people_for(user)
        .filter(do_not_contact=False)
        .filter(
            ranking.holding(["job_title", "organisation__name"], pieces)
            | Q(pk__in=engagement_access.raisers(user, pieces))
        )
        .values_list("pk", "full_name", "job_title", "organisation__name")
        .order_by("-pk")[: ranking.MOST_CANDIDATES]
    )
    gaps = engagement_access.gaps_by_person(user, [p[0] for p in people], pieces)
    return Matches(
        findings=ranking.best(
            query,
            findings.values_list("pk", "project_id", "project__short_title", *FINDING_TEXT),
            lambda f: "\n".join(f[3:]),
            lambda f, words: Found(f[0], f[3], reverse("outputs:finding-hear", args=[f[1], f[0]]), f[2], words),
        ),
        projects=ranking.best(
            query,
            projects.values_list("pk", *PROJECT_TEXT),
            lambda p: "\n".join(p[1:]),
            lambda p, words: Found(p[0], p[1], reverse("project", args=[p[0]]), p[2], words),
        ),
        case_studies=ranking.best(
            query,
            case_studies.values_list("slug", "title", "summary"),
            lambda c: "\n".join(c[1:]),
            lambda c, words: Found(c[0], c[1], reverse("library:case-study", args=[c[0]]), "", words),
        ),
        people=ranking.best(
            query,
            people,
            lambda p: "\n".join([p[2], p[3] or "", *gaps.get(p[0], [])]),
            engagement_access.person_found,
        ),
    )
