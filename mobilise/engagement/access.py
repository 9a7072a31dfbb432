"""Scoped reads for engagement: every object is found through a project the user may see (404 otherwise)."""

import datetime
from collections.abc import Iterable
from typing import Any, NamedTuple

from django.db.models import Count, Exists, Max, Min, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404
from django.urls import reverse

from mobilise.core import ranking
from mobilise.directory import access as directory_access
from mobilise.projects import access as project_access
from mobilise.projects.models import Project
from mobilise.projects.origins import Origin
from mobilise.stakeholders import access as stakeholder_access
from mobilise.stakeholders.models import Stakeholder

from .models import Action, Attachment, Insight, Interaction, Invitation, Kind, Reply, Status, Workshop


def stakeholders(project):
    return stakeholder_access.named_stakeholders(project)


def log_choices(project):
    """Who the quick log offers: the project's stakeholders (by name) and its team (InteractionForm's arguments)."""
    by_name = stakeholders(project).order_by("person__full_name", "organisation__name", "group_name", "pk")
    return {"stakeholders": list(by_name), "team": list(project_access.team_users(project))}


def interactions(project):
    return (
        Interaction.objects.filter(project=project)
        .select_related("created_by", "workshop")
        .prefetch_related(stakeholder_access.named("stakeholders"), "team")
    )


def interactions_listed(project):
    """The project's interactions for a long list: who took part as plain lists (stakeholder_list, team_list), which
    spares building a queryset for each row as a prefetch into the relation does."""
    return (
        Interaction.objects.filter(project=project)
        .select_related("created_by", "workshop")
        .prefetch_related(
            Prefetch(
                "stakeholders",
                queryset=Stakeholder.objects.select_related("person", "organisation"),
                to_attr="stakeholder_list",
            ),
            Prefetch("team", to_attr="team_list"),
        )
    )


def get_interaction(project, pk):
    return get_object_or_404(
        interactions(project).prefetch_related(
            Prefetch("actions", queryset=Action.objects.select_related("owner")),
            "attachments",
        ),
        pk=pk,
    )


def actions(project):
    return Action.objects.filter(project=project).select_related("owner", "interaction", "workshop")


def _open_actions():
    return Action.objects.filter(status=Status.OPEN).select_related("owner", "interaction", "workshop", "project")


def open_actions(project):
    return _open_actions().filter(project=project)


def visible_open_actions(user):
    """Open actions on every project the user may see."""
    return project_access.in_visible_projects(_open_actions(), user)


def get_action(project, pk):
    return get_object_or_404(actions(project), pk=pk)


def get_attachment(project, pk):
    return get_object_or_404(Attachment.objects.filter(project=project), pk=pk)


def with_replies(workshops: QuerySet[Workshop]) -> QuerySet[Workshop]:
    """Each with how many are on its invitation list (`invited`), said they are coming (`accepted`), came (`came`),
    and how many have their attendance recorded either way (`recorded`)."""
    return workshops.annotate(
        invited=Count("invitations", distinct=True),
        accepted=Count("invitations", filter=Q(invitations__reply=Reply.ACCEPTED), distinct=True),
        came=Count("invitations", filter=Q(invitations__attended=True), distinct=True),
        recorded=Count("invitations", filter=Q(invitations__attended__isnull=False), distinct=True),
    )


def workshops(project):
    """Newest first, with_replies."""
    return with_replies(Workshop.objects.filter(project=project)).order_by("-starts", "-pk")


def get_workshop(project, pk):
    return get_object_or_404(
        Workshop.objects.filter(project=project)
        .select_related("owner")
        .prefetch_related(
            "facilitators",
            "agenda",
            "materials",
            Prefetch("actions", queryset=Action.objects.select_related("owner")),
            Prefetch(
                "invitations",
                queryset=Invitation.objects.select_related(
                    "stakeholder__person__organisation", "stakeholder__organisation"
                ).order_by("stakeholder__person__full_name", "stakeholder__organisation__name", "pk"),
            ),
        ),
        pk=pk,
    )


class EngagementSummary(NamedTuple):
    by_kind: list[tuple[str, int]]  # (kind's label, interactions), the most first
    interactions: int
    stakeholders: int  # distinct stakeholders who took part in any
    first: datetime.date | None
    last: datetime.date | None


def engagement_summary(project: Project) -> EngagementSummary:
    """How much dialogue the project's interaction log holds, in two queries whatever its size: the impact report."""
    rows = list(
        Interaction.objects.filter(project=project)
        .values("kind")
        .annotate(n=Count("pk"), first=Min("date"), last=Max("date"))
        .order_by("-n", "kind")
    )
    labels = dict(Kind.choices)
    by_kind = [(labels.get(r["kind"], r["kind"]), r["n"]) for r in rows]
    # The map's stakeholders with an interaction (one logs interactions with its own map alone): one index probe
    # each, not a pass over every interaction's links.
    logged = Interaction.stakeholders.through.objects.filter(stakeholder=OuterRef("pk"))
    engaged = Stakeholder.objects.filter(project=project).filter(Exists(logged)).count()
    return EngagementSummary(
        by_kind=by_kind,
        interactions=sum(n for _, n in by_kind),
        stakeholders=engaged,
        first=min((r["first"] for r in rows), default=None),
        last=max((r["last"] for r in rows), default=None),
    )


def insights(project):
    return (
        Insight.objects.filter(project=project)
        .select_related("new_project")
        .prefetch_related(stakeholder_access.named("stakeholders"), "interactions")
    )


def get_insight(project, pk):
    return get_object_or_404(insights(project), pk=pk)


def overdue_contacts(today):
    """A count, for annotating projects (`OuterRef("pk")`), of the project's stakeholders whose next contact by
    their cadence fell before today: the due list's "overdue" (engagement.due), for the adviser's programme view."""
    overdue = Stakeholder.objects.filter(project=OuterRef("pk"), next_contact__lt=today)
    # COUNT(*), not of the ids, which the index holds no copy of.
    return Coalesce(Subquery(overdue.order_by().values("project").annotate(n=Count("*")).values("n")[:1]), 0)


def _raised(user: Any, exclude_project: Project | None, containing: list[str]) -> QuerySet:
    """Who raised which evidence gap, among directory people, on the projects the user may see (but the one
    excluded), for the gaps whose question holds one of the pieces of words."""
    rows = Insight.stakeholders.through.objects.filter(stakeholder__person__isnull=False)
    rows = project_access.in_visible_projects(rows, user, field="insight__project")
    if exclude_project is not None:
        rows = rows.exclude(insight__project=exclude_project)
    return rows.filter(ranking.holding(["insight__question"], containing))


def raisers(user: Any, containing: list[str], exclude_project: Project | None = None) -> QuerySet:
    """The directory people who raised such gaps, as a subquery of their pks."""
    return _raised(user, exclude_project, containing).values("stakeholder__person_id")


def gaps_by_person(
    user: Any, people: Iterable[int], containing: list[str], exclude_project: Project | None = None
) -> dict[int, list[str]]:
    """The questions of those gaps raised by each of the people, by person pk: the topics they care about beyond
    one map, for matching them to what the system needs (support/matching.py)."""
    rows = _raised(user, exclude_project, containing).filter(stakeholder__person__in=list(people))
    gaps: dict[int, list[str]] = {}
    for person, question in rows.values_list("stakeholder__person_id", "insight__question"):
        gaps.setdefault(person, []).append(question)
    return gaps


def raised_elsewhere(user: Any, query: str, project: Project) -> list[ranking.Found]:
    """People in the directory, not on the project's map, who raised evidence gaps matching the query on other
    projects the user may see: for a finding, who else in the programme asked about its topic."""
    pieces = ranking.telling(query)
    on_map = Stakeholder.objects.filter(project=project, person__isnull=False).values("person_id")
    people = list(
        directory_access.people_for(user)
        .filter(pk__in=raisers(user, pieces, exclude_project=project), do_not_contact=False)
        .exclude(pk__in=on_map)
        .values_list("pk", "full_name", "job_title", "organisation__name")
        .order_by("-pk")[: ranking.MOST_CANDIDATES]
    )
    gaps = gaps_by_person(user, [p[0] for p in people], pieces, exclude_project=project)
    return ranking.best(query, people, lambda p: "\n".join(gaps.get(p[0], [])), person_found)


def person_found(person: tuple, words: tuple[str, ...]) -> ranking.Found:
    """A directory person among the best matches: (pk, full name, job title, organisation name) and the words."""
    pk, name, title, organisation = person
    detail = ", ".join(filter(None, [title, organisation]))
    return ranking.Found(pk, name, reverse("directory:person", args=[pk]), detail, words)


def programme_gaps(user: Any, theme: int | None = None, status: str = "") -> QuerySet[Insight]:
    """The evidence gaps raised on every project the user may see, newest first, with their project, the project's
    themes and how many stakeholders raised each (`raised_by`): the adviser's view across the programme."""
    gaps = project_access.in_visible_projects(Insight.objects.all(), user)
    if theme is not None:
        gaps = gaps.filter(project__themes=theme)
    if status:
        gaps = gaps.filter(status=status)
    return (
        gaps.select_related("project", "new_project")
        .prefetch_related(Prefetch("project__themes", to_attr="theme_list"))
        .annotate(raised_by=Count("stakeholders", distinct=True))
        .order_by("-created", "-pk")
    )


def gap_origins(project: Project, user: Any) -> list[Origin]:
    """The evidence gaps this project came from (the projects.origins hook), in two queries; each links to the gaps
    of the project it was raised on when the user may see that project."""
    gaps = list(Insight.objects.filter(new_project=project).select_related("project").order_by("pk"))
    if not gaps:
        return []
    visible = set(
        project_access.in_visible_projects(Insight.objects.filter(new_project=project), user).values_list(
            "pk", flat=True
        )
    )
    return [
        Origin(
            f"The evidence gap “{gap.question}”, raised with {gap.project.short_title}'s stakeholders",
            reverse("engagement:insights", args=[gap.project_id]),
        )
        if gap.pk in visible
        else Origin(f"The evidence gap “{gap.question}”, raised on another project", None)
        for gap in gaps
    ]


def get_programme_gap(user: Any, pk: int) -> Insight:
    """One gap of programme_gaps, with the stakeholders who raised it and what their names read; 404 otherwise."""
    return get_object_or_404(programme_gaps(user).prefetch_related(stakeholder_access.named("stakeholders")), pk=pk)


def gaps_by_theme(user: Any) -> list[tuple[int, str, int, int]]:
    """(theme pk, name, evidence gaps, stakeholders who raised them) for each theme with gaps on the projects the
    user may see, the most gaps first; one query."""
    links = project_access.in_visible_projects(Project.themes.through.objects.all(), user)
    rows = (
        links.filter(project__insights__isnull=False)
        .values("theme_id", "theme__name")
        .annotate(
            gaps=Count("project__insights", distinct=True),
            raisers=Count("project__insights__stakeholders", distinct=True),
        )
        .order_by("-gaps", "theme__name")
    )
    return [(r["theme_id"], r["theme__name"], r["gaps"], r["raisers"]) for r in rows]
