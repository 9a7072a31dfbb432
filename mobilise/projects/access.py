"""Scoped reads of projects: advisers see every project, others the projects they belong to."""

import rules
from django.db.models import F, Prefetch, Q, QuerySet
from django.http import Http404

from mobilise.core.models import User

from .models import Membership, Project, Role
from .rules import role_of


def sees_every_project(user):
    return user.is_authenticated and user.is_active and user.is_adviser


def projects_for(user):
    if sees_every_project(user):
        return Project.objects.all()
    if not (user.is_authenticated and user.is_active):
        return Project.objects.none()
    return Project.objects.filter(memberships__user=user)


def in_visible_projects(queryset, user, field="project"):
    """The rows of queryset that belong to projects the user may see. An adviser sees every project, so their
    rows are not filtered at all: a condition naming every project would only keep the database from reading
    them in index order."""
    if sees_every_project(user):
        return queryset
    return queryset.filter(**{f"{field}__in": projects_for(user)})


def with_list_details(queryset):
    """What a list of projects shows, loaded in a fixed number of queries."""
    leads = Membership.objects.filter(role=Role.LEAD).select_related("user")
    return queryset.select_related("programme").prefetch_related(
        Prefetch("memberships", queryset=leads, to_attr="leads")
    )


def get_project(user, pk, perm="projects.view_project"):
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


def can(user, perm, project):
    """Whether the user may do perm on the project, by project role alone: being a superuser grants nothing."""
    return rules.has_perm(perm, user, project)


def team(project):
    return project.memberships.select_related("user").order_by("role", "user__full_name")


def team_users(project: Project) -> QuerySet[User]:
    """Everyone who works on the project and may be named on its records (owners, facilitators, the team at an
    interaction): its members and its KMb advisers, active accounts only, by name."""
    return (
        User.objects.filter(Q(memberships__project=project) | Q(advised_projects=project), is_active=True)
        .distinct()
        .order_by("full_name", "pk")
    )
