"""Writes to projects and their teams. Each function is one transaction: all of it happens or none."""

from django.db import transaction

from mobilise.core.models import User

from .models import Membership, Project, Role


class StaleEdit(Exception):
    """Someone saved the project after this editor opened it; changes lists what they changed."""

    def __init__(self, changes, current_version):
        super().__init__("The project changed since the form was opened")
        self.changes = changes
        self.current_version = current_version


class TeamError(Exception):
    pass


@transaction.atomic
def create_project(*, by, themes=(), advisers=(), **fields):
    project = Project.objects.create(**fields)
    project.themes.set(themes)
    project.advisers.set(advisers)
    if not by.is_adviser:
        Membership.objects.create(project=project, user=by, role=Role.LEAD)
    elif by not in advisers:
        project.advisers.add(by)
    return project


def _changes_since(project, version):
    """[(field label, who)] for what changed after the given version, from the audit trail."""
    records = project.history.select_related("history_user").order_by("-history_date")
    seen = records.filter(version=version).first()
    latest = records.first()
    if seen is None or latest is None or seen.pk == latest.pk:
        return []
    delta = latest.diff_against(seen, excluded_fields=["version", "updated"])
    who = latest.history_user
    return [(str(Project._meta.get_field(c.field).verbose_name).capitalize(), who) for c in delta.changes]


@transaction.atomic
def update_project(*, project, expected_version, themes=None, advisers=None, **fields):
    current = Project.objects.select_for_update().get(pk=project.pk)
    if current.version != expected_version:
        raise StaleEdit(_changes_since(current, expected_version), current.version)
    for name, value in fields.items():
        setattr(current, name, value)
    current.version += 1
    current.save()
    if themes is not None:
        current.themes.set(themes)
    if advisers is not None:
        current.advisers.set(advisers)
    return current


@transaction.atomic
def add_member(*, project, email, role):
    user = User.objects.filter(email__iexact=email.strip(), is_active=True).first()
    if user is None:
        raise TeamError("No one with this email address has an account. Ask an administrator to add them.")
    if project.memberships.filter(user=user).exists():
        raise TeamError(f"{user} is already on the team")
    return Membership.objects.create(project=project, user=user, role=role)


def _leads_left(project, excluding):
    return project.memberships.filter(role=Role.LEAD).exclude(pk=excluding.pk).exists()


@transaction.atomic
def change_role(*, membership, role):
    if membership.role == Role.LEAD and role != Role.LEAD and not _leads_left(membership.project, membership):
        raise TeamError("A project needs at least one lead. Make someone else lead first.")
    membership.role = role
    membership.save()
    return membership


@transaction.atomic
def remove_member(*, membership):
    if membership.role == Role.LEAD and not _leads_left(membership.project, membership):
        raise TeamError("A project needs at least one lead. Make someone else lead first.")
    membership.delete()
