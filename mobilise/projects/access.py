"""Scoped reads of projects, derived from the policy in rules.py: advisers see every project, others the projects
they belong to. Views resolve their project once, through project_view."""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.decorators import login_required
from django.db.models import F, Prefetch, Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.utils import timezone

from mobilise.core.models import User

from . import jobs, rules
from .models import Invitation, Membership, Programme, Project, Role, Theme
from .rules import EDIT, MANAGE_TEAM, START, VIEW, can, role_of, sees_every_project

__all__ = ["EDIT", "MANAGE_TEAM", "START", "VIEW", "can", "sees_every_project"]


def projects_for(user: Any, perm: str = VIEW) -> QuerySet[Project]:
    condition = rules.project_filter(user, perm)
    return Project.objects.all() if condition is None else Project.objects.filter(condition)


def in_visible_projects(queryset: QuerySet, user: Any, field: str = "project") -> QuerySet:
    """The rows of queryset that belong to projects the user may see. An adviser sees every project, so their
    rows are not filtered at all: a condition naming every project would only keep the database from reading
    them in index order."""
    if sees_every_project(user):
        return queryset
    return queryset.filter(**{f"{field}__in": projects_for(user)})


def names_by_project(project_ids: list[int]) -> tuple[dict[int, list[str]], dict[int, list[str]]]:
    """({project pk: its themes' names}, {project pk: its advisers' names, the email of one without}), each in name
    order, in two queries of plain rows: the adviser's programme view, where a prefetch (a model for each theme and
    adviser, through the related managers) cost a third of reading the page of projects. (One query, a UNION, cost
    more: Django takes longer to build it than the database takes to answer a second query.)"""
    themes: dict[int, list[str]] = {}
    tagged = Project.themes.through.objects.filter(project_id__in=project_ids).order_by("theme__name", "theme_id")
    for project, name in tagged.values_list("project_id", "theme__name"):
        themes.setdefault(project, []).append(name)
    advisers: dict[int, list[str]] = {}
    advised = Project.advisers.through.objects.filter(project_id__in=project_ids).order_by("user__full_name", "user_id")
    for project, name, email in advised.values_list("project_id", "user__full_name", "user__email"):
        advisers.setdefault(project, []).append(name or email)
    return themes, advisers


def theme_choices() -> list[tuple[int, str]]:
    """The programme's themes as (pk, name) pairs in name order: what lists filter by."""
    return list(Theme.objects.values_list("pk", "name"))


def filter_choices(*, advisers: bool) -> dict[str, list[tuple[int, str]]]:
    """The programmes, themes and, when asked, KMb advisers (active ones) that lists of projects filter by, as
    (pk, name) pairs in name order, read as plain rows: {"programmes": [...], "themes": [...], "advisers": [...]}."""
    choices = {
        "programmes": list(Programme.objects.values_list("pk", "name")),
        "themes": theme_choices(),
    }
    if advisers:
        users = User.objects.filter(is_adviser=True, is_active=True).order_by("full_name", "pk")
        choices["advisers"] = [(pk, name or email) for pk, name, email in users.values_list("pk", "full_name", "email")]
    return choices


def with_list_details(queryset: QuerySet[Project]) -> QuerySet[Project]:
    """What a list of projects shows, loaded in a fixed number of queries."""
    leads = Membership.objects.filter(role=Role.LEAD).select_related("user")
    return queryset.select_related("programme").prefetch_related(
        Prefetch("memberships", queryset=leads, to_attr="leads")
    )


def with_team(queryset: QuerySet[Project]) -> QuerySet[Project]:
    """Projects with their programme and their team (memberships by role and name, as `team_list`), in a fixed
    number of queries: what the API gives for each project."""
    team = Membership.objects.select_related("user").order_by("role", "user__full_name", "pk")
    return queryset.select_related("programme").prefetch_related(
        Prefetch("memberships", queryset=team, to_attr="team_list")
    )


def get_project(user: Any, pk: int, perm: str = VIEW) -> Project:
    """The project if the user may do perm on it; 404 otherwise, so outsiders learn nothing."""
    queryset = projects_for(user).select_related("programme").filter(pk=pk)
    if user.is_authenticated and not user.is_adviser:
        # The member's role comes with the project, through the membership the filter joined.
        queryset = queryset.annotate(member_role=F("memberships__role"))
    project = queryset.first()
    if project is None:
        raise Http404
    if hasattr(project, "member_role"):
        project._roles = {user.pk: project.member_role}
    if not can(user, perm, project):
        raise Http404
    project.role = role_of(user, project)
    return project


def project_view(
    perm: str = VIEW, *, post: str | None = None
) -> Callable[[Callable[..., HttpResponse]], Callable[..., HttpResponse]]:
    """Decorates a view under /projects/<pk>/: signs the user in, resolves the project once (404 unless the user
    holds perm on it, or post for a POST where given) and passes it to the view in place of pk. It also sets
    request.project_nav, the project's sub-navigation, which the layout (core/base.html) shows on every page of
    the project, whatever context the view builds."""

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @login_required
        @wraps(view)
        def wrapped(request: HttpRequest, pk: int, *args: Any, **kwargs: Any) -> HttpResponse:
            needed = post if post and request.method == "POST" else perm
            project = get_project(request.user, pk, needed)
            nav = jobs.subnav(request, project, can_manage=can(request.user, MANAGE_TEAM, project))
            request.project_nav = nav  # type: ignore[attr-defined]  # read by the layout, as request.user is
            return view(request, project, *args, **kwargs)

        return wrapped

    return decorator


def page_context(request: HttpRequest, project: Project, **extra: Any) -> dict[str, Any]:
    """What every project page's template needs, before the page's own context."""
    return {
        "project": project,
        "nav": "projects",
        "can_edit": can(request.user, EDIT, project),
        "can_manage": can(request.user, MANAGE_TEAM, project),
        **extra,
    }


def team(project: Project) -> QuerySet[Membership]:
    return project.memberships.select_related("user").order_by("role", "user__full_name")


def team_users(project: Project) -> QuerySet[User]:
    """Everyone who works on the project and may be named on its records (owners, facilitators, the team at an
    interaction): its members and its KMb advisers, active accounts only, by name."""
    # Two id lists rather than joins through both tables and DISTINCT, which at scale made the database walk
    # every user's memberships (half a second on SQLite with 2,000 projects).
    members = Membership.objects.filter(project=project).values("user_id")
    advisers = Project.advisers.through.objects.filter(project=project).values("user_id")
    return User.objects.filter(Q(pk__in=members) | Q(pk__in=advisers), is_active=True).order_by("full_name", "pk")


def pending_invitations(project: Project) -> QuerySet[Invitation]:
    """Invitations not yet accepted, revoked or expired, newest first, with who sent them."""
    return project.invitations.filter(accepted_at=None, revoked_at=None, expires__gt=timezone.now()).select_related(
        "invited_by"
    )


def get_pending_invitation(project: Project, pk: int) -> Invitation:
    """A pending invitation of this project (the caller has resolved the project for its user); 404 otherwise."""
    invitation = pending_invitations(project).filter(pk=pk).first()
    if invitation is None:
        raise Http404
    return invitation


def account_for(email: str) -> User | None:
    """The account, active or not, that signs in with this email address."""
    return User.objects.filter(email__iexact=email).first()
