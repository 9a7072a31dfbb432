"""Writes to projects and their teams. Each function is one transaction: all of it happens or none."""

from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from mobilise.core import links, mail, ratelimit
from mobilise.core.models import User
from mobilise.core.versioning import StaleEdit

from .models import Invitation, Membership, Project, Role, Theme


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


# Invitations: an adviser or lead adds a person by email; someone without an account gets a personal link.
INVITATION = "invitation"
INVITATION_LIFETIME = timedelta(days=14)
ADDS_PER_HOUR = 30  # people one inviter may add or invite in an hour
INVITES_PER_ADDRESS = 3  # invitations to one email address in a day, so no one can be flooded through us
ROLE_MEANS: dict[str, str] = {
    Role.LEAD: "Leads run the project and its team.",
    Role.MEMBER: "Members can read and edit the project.",
    Role.VIEWER: "Viewers can read the project but not change it.",
}


class LinkRefused(Exception):
    """The invitation's link cannot be used; problem says why."""

    def __init__(self, problem: links.Problem) -> None:
        super().__init__(problem)
        self.problem = problem


@dataclass(frozen=True)
class Accepted:
    membership: Membership
    new_account: bool


def _name(user: User) -> str:
    return user.full_name or user.email


def _throttle_adds(by: User, email: str, *, inviting: bool) -> None:
    if ratelimit.exceeded("team-add", str(by.pk), limit=ADDS_PER_HOUR, minutes=60):
        raise TeamError(
            f"You have added or invited {ADDS_PER_HOUR} people in the last hour. Wait an hour, then try again."
        )
    address = ratelimit.identity(email)
    if inviting and ratelimit.exceeded("team-invite-email", address, limit=INVITES_PER_ADDRESS, minutes=24 * 60):
        raise TeamError("This address has been sent several invitations today. Wait until tomorrow, then try again.")
    ratelimit.record("team-add", str(by.pk))
    if inviting:
        ratelimit.record("team-invite-email", address, keep_minutes=24 * 60)


@transaction.atomic
def add_or_invite(*, project: Project, email: str, role: str, by: User) -> Membership | Invitation:
    """Add the person with this email address to the team and tell them by email; if they have no account,
    invite them instead (a repeated invitation replaces the pending one). Throttled per inviter and address."""
    email = email.strip().lower()
    user = User.objects.filter(email__iexact=email).first()
    if user is not None and not user.is_active:
        raise TeamError("This person's account is switched off. Ask an administrator to turn it back on.")
    if user is not None and project.memberships.filter(user=user).exists():
        raise TeamError(f"{user} is already on the team")
    _throttle_adds(by, email, inviting=user is None)
    if user is not None:
        membership = add_member(project=project, email=email, role=role)
        _send_added(membership, by)
        return membership
    for earlier in project.invitations.filter(email__iexact=email, accepted_at=None, revoked_at=None):
        revoke_invitation(invitation=earlier)
    now = timezone.now()
    invitation = Invitation.objects.create(
        project=project, email=email, role=role, invited_by=by, created=now, expires=now + INVITATION_LIFETIME
    )
    issued = links.make_link(INVITATION, invitation, expires=invitation.expires)
    invitation.link = issued.link
    invitation.save(update_fields=["link"])
    _send_invitation(invitation, by, links.absolute_url(reverse("invitation", args=[issued.token])))
    return invitation


def _send_invitation(invitation: Invitation, by: User, url: str) -> None:
    project, site = invitation.project, settings.SITE_NAME
    expires = timezone.localtime(invitation.expires)
    body = "\n".join(
        [
            "Hello,",
            "",
            f"{_name(by)} has invited you to join the team of “{project.title}” ({project.short_title}) "
            f"on {site} as a {invitation.get_role_display().lower()}. {ROLE_MEANS[invitation.role]}",
            "",
            "To accept, open this link, then choose a password:",
            url,
            "",
            f"The link works once, until {expires:%-d %B %Y}.",
            "If you were not expecting this email, you can ignore it. Nothing happens unless you open the link "
            "and accept.",
            f"If you have a question, reply to this email: your reply goes to {_name(by)}.",
        ]
    )
    mail.send_mail(
        subject=f"{_name(by)} invited you to {project.short_title} on {site}",
        body=body,
        to=[invitation.email],
        reply_to=[by.email],
        from_email=settings.DEFAULT_FROM_EMAIL,
    )


def _send_added(membership: Membership, by: User) -> None:
    project, site = membership.project, settings.SITE_NAME
    body = "\n".join(
        [
            f"Hello {membership.user.get_short_name()},",
            "",
            f"{_name(by)} has added you to the team of “{project.title}” ({project.short_title}) on {site} as a "
            f"{membership.get_role_display().lower()}. {ROLE_MEANS[membership.role]}",
            "",
            "Sign in to see the project:",
            links.absolute_url(reverse("project", args=[project.pk])),
            "",
            f"If you have a question, reply to this email: your reply goes to {_name(by)}.",
        ]
    )
    mail.send_mail(
        subject=f"{_name(by)} added you to {project.short_title} on {site}",
        body=body,
        to=[membership.user.email],
        reply_to=[by.email],
        from_email=settings.DEFAULT_FROM_EMAIL,
    )


@transaction.atomic
def revoke_invitation(*, invitation: Invitation) -> None:
    """Cancel a pending invitation: its link then shows that it was cancelled."""
    invitation.revoked_at = timezone.now()
    invitation.save(update_fields=["revoked_at"])
    if invitation.link is not None:
        links.revoke(invitation.link)


@transaction.atomic
def accept_invitation(*, invitation: Invitation, full_name: str = "", password: str = "") -> Accepted:
    """Use the invitation's link: make the account (unless one with the address exists by now, which keeps its
    password) and add it to the team. Raises LinkRefused when the link cannot be used (used or revoked since it
    was opened), TeamError when the address belongs to an account that is switched off."""
    problem = links.use(invitation.link) if invitation.link is not None else links.Problem.UNKNOWN
    if problem is not None:
        raise LinkRefused(problem)
    _lock(invitation.project)
    user = User.objects.filter(email__iexact=invitation.email).first()
    if user is not None and not user.is_active:
        raise TeamError("An account with this email address is switched off. Ask an administrator to turn it on.")
    new_account = user is None
    if user is None:
        user = User.objects.create_user(invitation.email, password, full_name=full_name)
    membership, _ = Membership.objects.get_or_create(
        project=invitation.project, user=user, defaults={"role": invitation.role}
    )
    invitation.accepted_at = timezone.now()
    invitation.save(update_fields=["accepted_at"])
    return Accepted(membership=membership, new_account=new_account)
