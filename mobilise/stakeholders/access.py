"""Scoped reads of stakeholder maps, through the project's roles."""

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import NamedTuple

from django.db.models import Count, Prefetch, Q, QuerySet, prefetch_related_objects
from django.shortcuts import get_object_or_404
from django.utils import timezone

from mobilise.core.models import User
from mobilise.projects import access as project_access
from mobilise.projects.models import Project

from .analysis import HIGH
from .models import Cadence, ImportBatch, ImportRun, Relationship, ScoreChange, Stakeholder, StakeholderRole


def stakeholders(project):
    """The project's stakeholders with what every list shows, in a fixed number of queries."""
    return (
        Stakeholder.objects.filter(project=project)
        .select_related("organisation", "person__organisation", "owner")
        .prefetch_related("roles")
    )


def named_stakeholders(project: Project) -> QuerySet[Stakeholder]:
    """The project's stakeholders with only what their names read: for the pickers and lists of other apps."""
    return Stakeholder.objects.filter(project=project).select_related("person__organisation", "organisation")


def named(lookup: str) -> Prefetch:
    """Prefetch the stakeholders behind a relation (for example an interaction's) with what their names read."""
    return Prefetch(lookup, queryset=Stakeholder.objects.select_related("person", "organisation"))


def visible_stakeholders(user: User) -> QuerySet[Stakeholder]:
    """Stakeholders on every project the user may see, with their project and what their names read."""
    return project_access.in_visible_projects(
        Stakeholder.objects.select_related("project", "person", "organisation", "owner"), user
    )


def owned_by_active_users() -> QuerySet[Stakeholder]:
    """Stakeholders with an owner whose account is active, on every project: for the digest sent to each owner."""
    return Stakeholder.objects.filter(owner__isnull=False, owner__is_active=True).select_related(
        "owner", "project", "person", "organisation"
    )


def already_on_map(
    project: Project,
    *,
    person: object = None,
    organisation: object = None,
    group_name: str = "",
    exclude_pk: int | None = None,
) -> bool:
    """Whether this person, organisation or group (by name, ignoring case) is on the map, rows of an import still
    running included: the base manager sees what Stakeholder.objects hides, as the database's constraints do."""
    rows = Stakeholder._base_manager.filter(project=project).exclude(pk=exclude_pk)
    if person is not None:
        return rows.filter(person=person).exists()
    if organisation is not None:
        return rows.filter(person__isnull=True, organisation=organisation).exists()
    name = group_name.strip()
    return bool(name) and rows.filter(person__isnull=True, organisation__isnull=True, group_name__iexact=name).exists()


def on_map(project: Project, person: object) -> Stakeholder | None:
    """The person's stakeholder record on the project's map, if they are on it."""
    return Stakeholder.objects.filter(project=project, person=person).first()


def relationships(project):
    return Relationship.objects.filter(project=project)


def named_relationships(project):
    """The project's relationships with what the names of both ends read."""
    ends = ("source__person", "source__organisation", "target__person", "target__organisation")
    return relationships(project).select_related(*ends)


@dataclass(slots=True)
class Entry:
    """A stakeholder as the grid, network and equity pages read it. Those pages read the whole map at once,
    thousands of stakeholders on a large programme, so entries are built from plain rows, not model instances."""

    pk: int
    name: str
    sector: str
    influence: int | None  # the three scores are None until the stakeholder is scored
    interest: int | None
    impact: int | None
    attitude: str
    cadence: str
    engaged: bool
    underserved: bool
    do_not_contact: bool
    role_set: set = field(default_factory=set)


# What a stakeholder's name and sector are read from, as plain values, and the rule that reads them (the same as
# Stakeholder.name and Stakeholder.sector): for the pages that read a whole map at once.
NAMING = (
    "person_id",
    "organisation_id",
    "person__full_name",
    "organisation__name",
    "group_name",
    "organisation__sector",
    "person__organisation__sector",
    "group_sector",
)


def _named(person, organisation, person_name, organisation_name, group, sector, person_sector, group_sector):
    name = person_name if person else organisation_name if organisation else group
    return name, (sector if organisation else person_sector if person and person_sector else group_sector) or ""


def names(queryset):
    """(pk, name) of each stakeholder of a queryset, by name, in one query: what a choice among them shows."""
    rows = queryset.select_related(None).prefetch_related(None).values_list("pk", *NAMING)
    named = [(pk, _named(*row)[0]) for pk, *row in rows]
    return sorted(named, key=lambda item: (item[1].lower(), item[0]))


def entries(queryset):
    """Entries for a queryset of stakeholders, in its order, in two queries whatever its size."""
    queryset = queryset.select_related(None).prefetch_related(None)
    entries = []
    fields = ("influence", "interest", "impact", "attitude", "cadence", "engaged", "underserved")
    for pk, *row in queryset.values_list("pk", *NAMING, *fields, "person__do_not_contact"):
        name, sector = _named(*row[: len(NAMING)])
        entries.append(Entry(pk, name, sector, *row[len(NAMING) : -1], bool(row[-1])))
    by_pk = {e.pk: e for e in entries}
    for pk, role in StakeholderRole.objects.filter(stakeholder__in=queryset.values("pk")).values_list(
        "stakeholder_id", "role"
    ):
        by_pk[pk].role_set.add(role)
    return entries


@dataclass(slots=True)
class Profile:
    """A stakeholder as a ranker reads it (outputs/hearing.py): who, their standing, and in `text` what they say
    matters to them and how they decide, with a person's job title and organisation."""

    pk: int
    name: str
    sector: str
    influence: int | None
    interest: int | None
    attitude: str
    do_not_contact: bool
    text: str


def profiles(project: Project) -> list[Profile]:
    """The project's stakeholders as profiles, in one query whatever the size of the map."""
    texts = ("what_matters", "decisions", "person__job_title", "person__organisation__name")
    fields = ("influence", "interest", "attitude", "person__do_not_contact")
    found = []
    for pk, *row in Stakeholder.objects.filter(project=project).values_list("pk", *NAMING, *fields, *texts):
        name, sector = _named(*row[: len(NAMING)])
        influence, interest, attitude, do_not_contact = row[len(NAMING) : len(NAMING) + 4]
        text = "\n".join(filter(None, row[len(NAMING) + 4 :]))
        found.append(Profile(pk, name, sector, influence, interest, attitude, bool(do_not_contact), text))
    return found


class Link(NamedTuple):
    pk: int
    source_id: int
    target_id: int
    kind: str


def links(project):
    """The project's relationships as plain tuples, for the network and equity pages."""
    return [Link(*row) for row in relationships(project).values_list("pk", "source_id", "target_id", "kind")]


def get_stakeholder(project, pk):
    return get_object_or_404(stakeholders(project), pk=pk)


HISTORY_SHOWN = 20  # score changes the detail page lists: a stakeholder rescored weekly for years has hundreds


@dataclass(frozen=True)
class ScoreHistory:
    latest: list[ScoreChange]  # newest first, at most HISTORY_SHOWN
    count: int
    first: ScoreChange | None  # the first scoring, to set beside the scores now


def score_history(stakeholder: Stakeholder) -> ScoreHistory:
    """The stakeholder's latest score changes, how many there are and the first, in three queries at most however
    many there are (one when they all fit)."""
    changes = stakeholder.score_changes.select_related("changed_by")
    latest = list(changes[:HISTORY_SHOWN])
    if len(latest) < HISTORY_SHOWN:
        return ScoreHistory(latest, len(latest), latest[-1] if latest else None)
    return ScoreHistory(latest, changes.count(), changes.order_by("changed_at", "pk").first())


def with_score_history(stakeholder: Stakeholder) -> Stakeholder:
    """The stakeholder with every score change loaded (`score_changes.all()`), with who made each: the API's."""
    prefetch_related_objects(
        [stakeholder], Prefetch("score_changes", queryset=ScoreChange.objects.select_related("changed_by"))
    )
    return stakeholder


def get_batch(project, user, pk):
    """The user's own import batch on this project; 404 for anyone else's."""
    return get_object_or_404(ImportBatch, project=project, created_by=user, pk=pk)


def get_run(project: Project, user: User, pk: int) -> ImportRun:
    """The user's own import run on this project; 404 for anyone else's."""
    return get_object_or_404(ImportRun, project=project, created_by=user, pk=pk)


def get_relationship(project, pk):
    return get_object_or_404(relationships(project).select_related("source", "target"), pk=pk)


def plan_health_counts(project_ids: Iterable[int]) -> dict[int, dict[str, int]]:
    """Per project, for the plan health check over a page of projects, in one query: stakeholders on the map,
    under-served ones, priority ones (manage closely on the grid), priority ones without a cadence to keep, and
    priority ones never contacted or overdue by their cadence."""
    today = timezone.localdate()
    priority = Q(influence__gte=HIGH, interest__gte=HIGH)
    kept = priority & ~Q(cadence__in=["", Cadence.AS_NEEDED])
    rows = (
        Stakeholder.objects.filter(project_id__in=project_ids)
        .values("project_id")
        .annotate(
            total=Count("pk"),
            underserved=Count("pk", filter=Q(underserved=True)),
            priority=Count("pk", filter=priority),
            no_cadence=Count("pk", filter=priority & Q(cadence__in=["", Cadence.AS_NEEDED])),
            late=Count("pk", filter=kept & (Q(last_contact__isnull=True) | Q(next_contact__lt=today))),
        )
        .order_by()
    )
    return {row.pop("project_id"): row for row in rows}
