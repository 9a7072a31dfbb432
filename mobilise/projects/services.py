"""Writes to projects and their teams. Each function is one transaction: all of it happens or none."""

from collections.abc import Callable, Collection, Iterable
from typing import Any

from django.db import transaction

from mobilise.core.models import User
from mobilise.core.versioning import StaleEdit

from .models import Membership, Project, Role, Theme


class TeamError(Exception):
    pass


M2M = ("themes", "advisers")


@transaction.atomic
def create_project(
    *, by: User, themes: Iterable[Theme | int] = (), advisers: Collection[User] = (), **fields: Any
) -> Project:
    project = Project(**fields)
    # One history record for the whole creation, with its themes and advisers, not one per relation.
    project.skip_history_when_saving = True
    project.save()
    project.themes.set(themes)
    project.advisers.set(list(advisers) + ([by] if by.is_adviser and by not in advisers else []))
    del project.skip_history_when_saving
    project.save()
    project.history.filter(history_type="~").update(history_type="+")
    if not by.is_adviser:
        Membership.objects.create(project=project, user=by, role=Role.LEAD)
    return project


def _values(source: Any, names: list[str], m2m: Callable[[Any, str], set[int]]) -> dict[str, Any]:
    """Field values of a project or one of its history records; many-to-many as sets of ids."""
    values = {}
    for name in names:
        if name in M2M:
            values[name] = m2m(source, name)
        else:
            values[name] = getattr(source, Project._meta.get_field(name).attname)  # type: ignore[union-attr]
    return values


def _record_m2m(record: Any, name: str) -> set[int]:
    key = "theme_id" if name == "themes" else "user_id"
    return {getattr(row, key) for row in getattr(record, f"historicalproject_{name}_set").all()}


def _project_m2m(project: Project, name: str) -> set[int]:
    return set(getattr(project, name).values_list("pk", flat=True))


def _posted(fields: dict[str, Any]) -> dict[str, Any]:
    return {
        name: ({getattr(v, "pk", v) for v in value} if name in M2M else getattr(value, "pk", value))
        for name, value in fields.items()
    }


@transaction.atomic
def update_project(
    *, project: Project, expected_version: int, overwrite: bool = False, **fields: Any
) -> tuple[Project, list[str]]:
    """Save the editor's changes. If someone saved since the editor opened the form, merge: fields the editor
    left alone keep the other person's values; fields both changed are a conflict, refused unless overwrite.

    Returns (project, names of fields someone else changed that were kept)."""
    current = Project.objects.select_for_update().get(pk=project.pk)
    kept = []
    if current.version != expected_version:
        base_record = current.history.filter(version=expected_version).order_by("-history_date").first()
        if base_record is None:
            raise StaleEdit(current, list(fields))
        names = list(fields)
        base = _values(base_record, names, _record_m2m)
        now = _values(current, names, _project_m2m)
        posted = _posted(fields)
        conflicts = [n for n in names if posted[n] != base[n] and now[n] != base[n] and posted[n] != now[n]]
        editors = {
            r.history_user
            for r in current.history.filter(version__gt=expected_version).select_related("history_user")
            if r.history_user
        }
        if conflicts and not overwrite:
            raise StaleEdit(current, [_label(n) for n in conflicts], editors)
        kept = [_label(n) for n in names if posted[n] == base[n] and now[n] != base[n]]
        fields = {n: v for n, v in fields.items() if posted[n] != base[n]}
    themes, advisers = fields.pop("themes", None), fields.pop("advisers", None)
    for name, value in fields.items():
        setattr(current, name, value)
    current.version += 1
    current.skip_history_when_saving = True
    current.save()
    if themes is not None:
        current.themes.set(themes)
    if advisers is not None:
        current.advisers.set(advisers)
    del current.skip_history_when_saving
    current.save()
    return current, kept


def _label(name: str) -> str:
    return str(Project._meta.get_field(name).verbose_name).capitalize()  # type: ignore[union-attr]


def _lock(project: Project) -> None:
    """Serialise team changes on one project, so two leads cannot remove each other at once."""
    Project.objects.select_for_update().filter(pk=project.pk).first()


@transaction.atomic
def add_member(*, project: Project, email: str, role: str) -> Membership:
    _lock(project)
    user = User.objects.filter(email__iexact=email.strip(), is_active=True).first()
    if user is None:
        raise TeamError("No one with this email address has an account. Ask an administrator to add them.")
    if project.memberships.filter(user=user).exists():
        raise TeamError(f"{user} is already on the team")
    return Membership.objects.create(project=project, user=user, role=role)


def _leads_left(project: Project, excluding: Membership) -> bool:
    return project.memberships.filter(role=Role.LEAD).exclude(pk=excluding.pk).exists()


@transaction.atomic
def change_role(*, membership: Membership, role: str) -> Membership:
    _lock(membership.project)
    if membership.role == Role.LEAD and role != Role.LEAD and not _leads_left(membership.project, membership):
        raise TeamError("A project needs at least one lead. Make someone else lead first.")
    membership.role = role
    membership.save()
    return membership


@transaction.atomic
def remove_member(*, membership: Membership) -> None:
    _lock(membership.project)
    if membership.role == Role.LEAD and not _leads_left(membership.project, membership):
        raise TeamError("A project needs at least one lead. Make someone else lead first.")
    membership.delete()
