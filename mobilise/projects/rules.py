"""THE permission policy: who may do what on a project, and so which projects and which directory each user sees.

Every "may this user do X to this project" and every scoped queryset derives from ROLES below; views name a
permission by its constant. Being a superuser grants nothing here: only the adviser flag and project roles count.
"""

from typing import Any

import rules
from django.db.models import Q
from django.http import Http404

from mobilise.directory.access import CHANGE_PERSON, USE_DIRECTORY

from .models import Role

VIEW = "projects.view_project"
EDIT = "projects.change_project"
MANAGE_TEAM = "projects.manage_team"
START = "projects.add_project"

ADVISER = "adviser"  # not a membership: a KMb adviser of the support organisation sees every project

# Which roles hold each permission on a project.
ROLES: dict[str, frozenset[str]] = {
    VIEW: frozenset({ADVISER, Role.LEAD, Role.MEMBER, Role.VIEWER}),
    EDIT: frozenset({ADVISER, Role.LEAD, Role.MEMBER}),
    MANAGE_TEAM: frozenset({ADVISER, Role.LEAD}),
}


def is_active(user: Any) -> bool:
    return bool(user.is_authenticated and user.is_active)


@rules.predicate
def is_organisation_staff(user: Any) -> bool:
    """Advisers and administrators: the support organisation's own pages (support requests, the webinar programme,
    the library, the programme view) are theirs; each app names its permission and grants it with this."""
    return is_active(user) and bool(user.is_adviser or user.is_staff)


def require(user: Any, perm: str) -> None:
    """404 unless the user holds `perm` (one that takes no object): outsiders learn nothing of what is there."""
    if not rules.has_perm(perm, user):
        raise Http404


def sees_every_project(user: Any) -> bool:
    return is_active(user) and user.is_adviser


def project_filter(user: Any, perm: str = VIEW, prefix: str = "") -> Q | None:
    """The condition on projects (through `prefix`, e.g. "project__") for the projects on which the user holds
    perm; None when that is every project, so callers add no condition that would stop index-order reads."""
    if sees_every_project(user):
        return None
    if not is_active(user):
        return Q(pk__in=[])
    roles = ROLES[perm] - {ADVISER}
    return Q(**{f"{prefix}memberships__user": user, f"{prefix}memberships__role__in": sorted(roles)})


def role_of(user: Any, project: Any) -> str | None:
    """'adviser', 'lead', 'member', 'viewer' or None; cached on the project for this user."""
    cache = project.__dict__.setdefault("_roles", {})
    if user.pk not in cache:
        if not is_active(user):
            cache[user.pk] = None
        elif user.is_adviser:
            cache[user.pk] = ADVISER
        else:
            cache[user.pk] = project.memberships.filter(user=user).values_list("role", flat=True).first()
    return cache[user.pk]


def _holds(perm: str) -> Any:
    @rules.predicate(name=perm)
    def predicate(user: Any, project: Any) -> bool:
        return role_of(user, project) in ROLES[perm]

    return predicate


@rules.predicate
def works_on_projects(user: Any) -> bool:
    """Advisers, administrators and people who lead or work on a project; not viewers only, so a partner cannot
    make themselves a lead and so reach the directory's personal data."""
    if not is_active(user):
        return False
    if user.is_adviser or user.is_staff:
        return True
    if not hasattr(user, "_works_on_projects"):
        user._works_on_projects = user.memberships.filter(role__in=sorted(ROLES[EDIT] - {ADVISER})).exists()
    return user._works_on_projects


@rules.predicate
def may_change_person(user: Any, person: Any) -> bool:
    """A person's contact details (where invitations go) and do-not-contact belong to advisers, administrators
    and those who may edit a project the person is on. The stakeholder map, above this app, links people to
    projects: its relation is named here, not imported."""
    if not is_active(user):
        return False
    if user.is_adviser or user.is_staff:
        return True
    roles = sorted(ROLES[EDIT] - {ADVISER})
    return person.stakeholdings.filter(project__memberships__user=user, project__memberships__role__in=roles).exists()


for _perm in ROLES:
    rules.add_perm(_perm, _holds(_perm))
rules.add_perm(START, works_on_projects)
rules.add_perm(USE_DIRECTORY, works_on_projects)
rules.add_perm(CHANGE_PERSON, may_change_person)


def can(user: Any, perm: str, project: Any = None) -> bool:
    return rules.has_perm(perm, user, project)
