"""What could meet a system priority, a support request or an idea: the findings, projects, published case studies and
people in the directory whose words match it most, each ranked by the ranker that says who should hear a finding
(core/ranking.py) and with the same why: the words in common. Worked out on each request; nothing is stored.

People are matched on their job, their organisation and the evidence gaps they raised on any project; anyone marked
do not contact is left out, as everywhere a person is suggested.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet
from django.urls import reverse

from mobilise.core import ranking
from mobilise.directory import access as directory_access
from mobilise.engagement import access as engagement_access
from mobilise.library import access as library_access
from mobilise.outputs import access as outputs_access
from mobilise.projects import access as project_access

from .models import Idea, Priority, SupportRequest

SHOWN = 5


@dataclass(frozen=True)
class Found:
    pk: int | str  # a case study's slug
    title: str
    url: str
    detail: str  # what else names it: a finding's project, a person's job and organisation
    words: tuple[str, ...]


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


# The ranker reads only the rows holding one of the query's most telling words (its eight longest), the first
# 600 found of each kind: a programme has tens of thousands of findings, case studies and people, and reading them all
# took seconds on each request.
MOST_WORDS = 8
MOST_CANDIDATES = 600


def _prefixes(query: str) -> list[str]:
    """What to look for in the database for each telling word of the query: its stem less its last letter (the
    stemmer may have changed it, as "caring" to "care"), so every text holding the word is found, and some more."""
    stems = sorted({stem for stem, _ in ranking.words(query)}, key=lambda stem: (-len(stem), stem))[:MOST_WORDS]
    return [stem[:-1] if len(stem) > 3 else stem for stem in stems]


def _holding_q(fields: Iterable[str], prefixes: list[str]) -> Q:
    condition = Q(pk__in=[])  # nothing, when the query has no telling word
    for field in fields:
        for prefix in prefixes:
            condition |= Q(**{f"{field}__icontains": prefix})
    return condition


def _holding(queryset: QuerySet, fields: Iterable[str], prefixes: list[str]) -> QuerySet:
    # In no order, so that the database stops at the thousandth row found rather than sorting every one.
    return queryset.filter(_holding_q(fields, prefixes)).order_by()


def _best(
    query: str, rows: Iterable[Any], text: Callable[[Any], str], found: Callable[[Any, tuple], Found]
) -> list[Found]:
    rows = list(rows[:MOST_CANDIDATES] if isinstance(rows, QuerySet) else rows)
    matches = ranking.rank(query, [text(row) for row in rows])
    ranked = sorted(
        ((match, index) for index, match in enumerate(matches) if match.relevance > 0),
        key=lambda pair: (-pair[0].relevance, pair[1]),
    )
    return [found(rows[index], match.words) for match, index in ranked[:SHOWN]]


FINDING_TEXT = ("statement", "plain_statement", "for_practice", "for_commissioning", "for_policy")
PROJECT_TEXT = ("short_title", "title", "research_question", "summary")


def could_meet(user: Any, query: str) -> Matches:
    """The best few of each kind for the query, among what the user may see."""
    prefixes = _prefixes(query)
    findings = _holding(outputs_access.visible_findings(user), FINDING_TEXT, prefixes)
    projects = _holding(project_access.projects_for(user), PROJECT_TEXT, prefixes)
    case_studies = _holding(library_access.published(), ("title", "summary"), prefixes)
    gaps = engagement_access.gaps_by_person(containing=prefixes)
    people = (
        directory_access.people_for(user)
        .filter(do_not_contact=False)
        .filter(_holding_q(("job_title", "organisation__name"), prefixes) | Q(pk__in=list(gaps)))
        .order_by()
    )
    return Matches(
        findings=_best(
            query,
            findings.values_list("pk", "project_id", "project__short_title", *FINDING_TEXT),
            lambda f: "\n".join(f[3:]),
            lambda f, words: Found(f[0], f[3], reverse("outputs:finding-hear", args=[f[1], f[0]]), f[2], words),
        ),
        projects=_best(
            query,
            projects.values_list("pk", *PROJECT_TEXT),
            lambda p: "\n".join(p[1:]),
            lambda p, words: Found(p[0], p[1], reverse("project", args=[p[0]]), p[2], words),
        ),
        case_studies=_best(
            query,
            case_studies.values_list("slug", "title", "summary"),
            lambda c: "\n".join(c[1:]),
            lambda c, words: Found(c[0], c[1], reverse("library:case-study", args=[c[0]]), "", words),
        ),
        people=_best(
            query,
            people.values_list("pk", "full_name", "job_title", "organisation__name"),
            lambda p: "\n".join([p[2], p[3] or "", *gaps.get(p[0], [])]),
            lambda p, words: Found(p[0], p[1], reverse("directory:person", args=[p[0]]), _job(p[2], p[3]), words),
        ),
    )


def raised_elsewhere(user: Any, query: str, project: Any) -> list[Found]:
    """People in the directory, not on the project's map, who raised evidence gaps matching the query on other
    projects: for a finding, who else in the programme asked about its topic."""
    gaps = engagement_access.gaps_by_person(exclude_project=project, containing=_prefixes(query))
    on_map = project.stakeholders.filter(person__isnull=False).values("person_id")
    people = (
        directory_access.people_for(user)
        .filter(pk__in=list(gaps), do_not_contact=False)
        .exclude(pk__in=on_map)
        .values_list("pk", "full_name", "job_title", "organisation__name")
    )
    return _best(
        query,
        people,
        lambda p: "\n".join(gaps[p[0]]),
        lambda p, words: Found(p[0], p[1], reverse("directory:person", args=[p[0]]), _job(p[2], p[3]), words),
    )


def _job(title: str, organisation: str | None) -> str:
    return ", ".join(filter(None, [title, organisation]))
