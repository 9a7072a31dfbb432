"""Writes for workshop invitations and agenda: sending the invitations with each invitee's personal link, the
invitee's reply through it, inviting someone new by email, and editing and reordering the agenda. Each function is
one transaction."""

import datetime
from email.utils import formataddr

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from mobilise.core import links, mail
from mobilise.core.models import PersonalLink, User
from mobilise.directory import access as directory_access
from mobilise.directory import services as directory_services
from mobilise.directory.models import LawfulBasis, Organisation
from mobilise.stakeholders import services as stakeholder_services

from . import access
from .calendar import workshop_ics
from .models import AgendaItem, Invitation, Reply, Workshop
from .services import EngagementError

WORKSHOP_REPLY = "workshop-reply"
# A reply link keeps working a while after the workshop, so that the joining details stay at hand on the day.
REPLY_LINK_AFTER = datetime.timedelta(days=30)
ANSWERS = (Reply.ACCEPTED, Reply.TENTATIVE, Reply.DECLINED)


class LinkRefused(EngagementError):
    """The personal link cannot be used any more (cancelled, expired, or the invitation withdrawn)."""

    def __init__(self, problem: links.Problem) -> None:
        super().__init__(str(problem))
        self.problem = problem


def _name(user) -> str:
    return user.full_name or user.email


def _reply_url(invitation: Invitation) -> str:
    """A new personal link for the invitee (an earlier email's link keeps working: it shows the same details)."""
    workshop = invitation.workshop
    expires = max(workshop.ends + REPLY_LINK_AFTER, timezone.now() + links.DEFAULT_LIFETIME)
    issued = links.make_link(WORKSHOP_REPLY, invitation, expires=expires, once=False)
    invitation.link = issued.link
    return links.absolute_url(reverse("workshop-reply", args=[issued.token]))


def _body(workshop, person, owner, url: str) -> str:
    starts, ends = timezone.localtime(workshop.starts), timezone.localtime(workshop.ends)
    return "\n".join(
        [
            f"Dear {person.full_name},",
            "",
            f"You are invited to “{workshop.title}” on {starts:%A %-d %B %Y}, {starts:%H:%M} to {ends:%H:%M}.",
            "",
            workshop.purpose,
            "",
            "Please use your personal link to tell us whether you can come and anything we can do to help you take "
            "part. The link also shows where the workshop is and how to join:",
            url,
            "",
            "The link is yours alone, so please do not forward this email. The calendar file attached adds the "
            "workshop to your calendar.",
            f"If you have a question, reply to this email: your reply goes to {_name(owner)}.",
            "",
            _name(owner),
            workshop.project.short_title,
        ]
    )


@transaction.atomic
def send_invitations(*, workshop, by, resend=False, only=None):
    """Email each invited person (not yet sent, or everyone with resend), once this commits: from the service's
    address (so the message passes SPF and DMARC), replies to the workshop's owner (or the sender when it has
    none), with a calendar file whose organiser is the owner and a personal link to reply.

    only: the pks of the invitations to send, for one person invited by email. Returns (sent, skipped names).
    People marked do not contact since they were invited are skipped."""
    owner = workshop.owner or by
    invitations = workshop.invitations.select_for_update(of=("self",)).select_related("stakeholder__person")
    if only is not None:  # pks of the invitations to send
        invitations = invitations.filter(pk__in=list(only))
    sent, skipped = [], []
    for inv in invitations:
        person = inv.stakeholder.person
        if person is None or not person.email or person.do_not_contact:
            skipped.append(inv.stakeholder.name)
            continue
        if inv.sent_at and not resend:
            continue
        url = _reply_url(inv)
        ics = workshop_ics(
            workshop, name=person.full_name, email=person.email, organiser=(_name(owner), owner.email), reply_url=url
        )
        mail.send_mail(
            subject=f"Invitation: {workshop.title}",
            body=_body(workshop, person, owner, url),
            to=[formataddr((person.full_name, person.email))],
            reply_to=[formataddr((_name(owner), owner.email))],
            from_email=settings.DEFAULT_FROM_EMAIL,
            attachments=[mail.attachment("invitation.ics", ics, "text/calendar; method=REQUEST; charset=utf-8")],
        )
        inv.sent_at = timezone.now()
        if inv.reply == Reply.NOT_SENT:
            inv.reply = Reply.AWAITING
        inv.save()
        sent.append(inv)
    return sent, skipped


@transaction.atomic
def reply(*, invitation: Invitation, link: PersonalLink, answer: str, access_needs: str = "") -> Invitation:
    """The invitee's own reply through their personal link: coming, maybe or not, and any access needs. Raises
    LinkRefused when the link stopped working since the page was opened."""
    if answer not in ANSWERS:
        raise EngagementError("Choose whether you can come")
    problem = links.use(link)
    if problem is not None:
        raise LinkRefused(problem)
    current = Invitation.objects.select_for_update().filter(pk=invitation.pk).first()
    if current is None:
        raise LinkRefused(links.Problem.UNKNOWN)
    current.reply, current.access_needs, current.replied_at = answer, access_needs.strip(), timezone.now()
    current.save(update_fields=["reply", "access_needs", "replied_at"])
    _tell_owner(current)
    return current


def _tell_owner(invitation: Invitation) -> None:
    """A short note to the owner; the access needs themselves stay on the workshop page, not in an email."""
    workshop = invitation.workshop
    owner = workshop.owner
    if owner is None or not owner.email:
        return
    name = invitation.stakeholder.name
    page = links.absolute_url(reverse("engagement:workshop", args=[workshop.project_id, workshop.pk]))
    needs = "They told us about access needs. " if invitation.access_needs else ""
    mail.send_mail(
        subject=f"{name} replied: {invitation.get_reply_display().lower()} ({workshop.title})",
        body=f"{name} replied to the invitation to “{workshop.title}”: {invitation.get_reply_display().lower()}.\n\n"
        f"{needs}See all replies on the workshop page:\n{page}\n",
        to=[owner.email],
        from_email=settings.DEFAULT_FROM_EMAIL,
    )


@transaction.atomic
def invite_by_email(
    *,
    workshop: Workshop,
    by: User,
    full_name: str,
    email: str,
    lawful_basis: str,
    consent_date: datetime.date | None = None,
    organisation: Organisation | None = None,
) -> Invitation:
    """Invite someone who is not on the stakeholder map yet, and send them the invitation: their directory record
    is made with the lawful basis for holding their address (or the existing record of that address is used,
    given the basis if it had none), and they are added to the project's map if they are not on it."""
    if lawful_basis not in LawfulBasis.values:
        raise EngagementError("Select the lawful basis for holding this person's email address")
    person = directory_access.person_with_email(email)
    if person is None:
        person = directory_services.create_person(
            by=by,
            full_name=full_name.strip(),
            email=email.strip(),
            organisation=organisation,
            lawful_basis=lawful_basis,
            consent_date=consent_date,
        )
    elif not person.lawful_basis:
        person = directory_services.update_person(person=person, lawful_basis=lawful_basis, consent_date=consent_date)
    if person.do_not_contact:
        raise EngagementError(f"{person.full_name} is marked do not contact in the directory")
    project = workshop.project
    stakeholder = access.stakeholders(project).filter(person=person).first()
    if stakeholder is None:
        stakeholder = stakeholder_services.add_stakeholder(
            project=project, by=by, person=person, organisation=person.organisation
        )
    invitation = workshop.invitations.filter(stakeholder=stakeholder).first()
    if invitation is not None and invitation.sent_at:
        raise EngagementError(f"{person.full_name} has already been sent an invitation")
    if invitation is None:
        invitation = Invitation.objects.create(workshop=workshop, stakeholder=stakeholder)
    send_invitations(workshop=workshop, by=by, only=[invitation.pk])
    invitation.refresh_from_db()
    return invitation


# Agenda


@transaction.atomic
def edit_agenda_item(*, item: AgendaItem, title: str, time: datetime.time | None = None, owner: str = "") -> AgendaItem:
    if not title.strip():
        raise EngagementError("Enter the agenda item")
    item.title, item.time, item.owner = title.strip(), time, owner.strip()
    item.save()
    return item


@transaction.atomic
def move_agenda_item(*, item: AgendaItem, direction: str) -> bool:
    """Swap the item with the one above ("up") or below ("down"); the agenda is numbered 1, 2, 3... again, so
    items added with the same number get a place of their own. False when it is already first or last."""
    if direction not in ("up", "down"):
        raise EngagementError("Choose up or down")
    Workshop.objects.select_for_update().filter(pk=item.workshop_id).first()  # one reordering at a time
    items = list(AgendaItem.objects.filter(workshop_id=item.workshop_id).order_by("order", "time", "pk"))
    at = next((i for i, other in enumerate(items) if other.pk == item.pk), None)
    if at is None:
        raise EngagementError("This item is no longer on the agenda")
    to = at - 1 if direction == "up" else at + 1
    if not 0 <= to < len(items):
        return False
    items[at], items[to] = items[to], items[at]
    for position, other in enumerate(items, start=1):
        other.order = position
    AgendaItem.objects.bulk_update(items, ["order"])
    return True
