"""Who may do what on a project. The access layer attaches the user's role to each project it returns."""

import rules

from .models import Role


def role_of(user, project):
    """'adviser', 'lead', 'member', 'viewer' or None; cached on the project for this user."""
    cache = project.__dict__.setdefault("_roles", {})
    if user.pk not in cache:
        if not (user.is_authenticated and user.is_active):
            cache[user.pk] = None
        elif user.is_adviser:
            cache[user.pk] = "adviser"
        else:
            cache[user.pk] = project.memberships.filter(user=user).values_list("role", flat=True).first()
    return cache[user.pk]


@rules.predicate
def can_read(user, project):
    return role_of(user, project) is not None


@rules.predicate
def can_edit(user, project):
    return role_of(user, project) in ("adviser", Role.LEAD, Role.MEMBER)


@rules.predicate
def can_manage_team(user, project):
    return role_of(user, project) in ("adviser", Role.LEAD)


@rules.predicate
def can_start_projects(user):
    """Advisers, administrators and people who already lead or work on a project; not viewers only, so a
    partner cannot make themselves a lead and so reach the directory's personal data."""
    if not (user.is_authenticated and user.is_active):
        return False
    return user.is_adviser or user.is_staff or user.memberships.exclude(role=Role.VIEWER).exists()


rules.add_perm("projects.add_project", can_start_projects)
rules.add_perm("projects.view_project", can_read)
rules.add_perm("projects.change_project", can_edit)
rules.add_perm("projects.manage_team", can_manage_team)
