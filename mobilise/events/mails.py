"""What registrants are emailed, each message through core.mail (queued until the write commits).

A confirmed registrant's messages carry the calendar invitation (calendar.py): the same UID every time, with the
event's current SEQUENCE, so a calendar program updates one entry. The joining link is in the invitation only
from the moment registrants are emailed it (EVENTS_JOINING_LINK_HOURS before the start)."""

import hashlib

from django.conf import settings
from django.utils import timezone
from django.utils.formats import date_format

from mobilise.core import mail
from mobilise.core.models import SiteSettings

from .calendar import event_ics, organiser
from .models import Event, Registration

INVITE = "invite.ics"


def when(event: Event) -> str:
    start = timezone.localtime(event.start)
    end = timezone.localtime(event.end)
    return f"{date_format(start, 'l j F Y')}, {date_format(start, 'H:i')} to {date_format(end, 'H:i')} (UK time)"


def link_shared(event: Event) -> bool:
    """Whether registrants have been (or are now being) sent the joining link."""
    return event.sent.filter(kind=joining_kind(event)).exists()


def joining_kind(event: Event) -> str:
    """Sent once per start time and link; the link goes in as a short digest, so the key fits Sent.kind."""
    digest = hashlib.sha256(event.joining_link.encode()).hexdigest()[:12]
    return f"joining@{int(event.start.timestamp())}@{digest}"


def where(event: Event, *, with_link: bool) -> str:
    parts = []
    if event.is_in_person and event.venue:
        parts.append(event.venue.replace("\n", ", "))
    if event.is_online:
        parts.append(event.joining_link if with_link and event.joining_link else "Online")
    return " / ".join(parts)


def _invite(event: Event, registration: Registration, method: str = "REQUEST") -> mail.Attachment:
    shared = link_shared(event)
    note = (
        ""
        if shared or not event.is_online
        else (f"We will email you the joining link {settings.EVENTS_JOINING_LINK_HOURS} hours before the start.")
    )
    content = event_ics(
        event, method=method, registration=registration, location=where(event, with_link=shared), note=note
    )
    return mail.attachment(INVITE, content, f"text/calendar; method={method}")


def _send(
    registration: Registration,
    subject: str,
    body: str,
    attachments: list[mail.Attachment] | None = None,
    *,
    requested: bool = False,
) -> None:
    """requested: the answer to what the registrant did this minute (core/suppression.py)."""
    name, address = organiser()
    mail.send_mail(
        subject=subject,
        body=f"Dear {registration.name},\n\n{body}\n\n{name}\n",
        to=[registration.email],
        reply_to=[address],
        attachments=attachments or [],
        requested=requested,
    )


def _details(event: Event) -> str:
    lines = [f"{event.title}", when(event)]
    if event.is_in_person and event.venue:
        lines.append(f"Venue: {event.venue}")
    if event.is_online and event.joining_link and link_shared(event):
        lines.append(f"Join online: {event.joining_link} (please keep the link to yourself)")
    elif event.is_online:
        lines.append(f"Online: we will email you the joining link {settings.EVENTS_JOINING_LINK_HOURS} hours before.")
    return "\n".join(lines)


def confirmed(registration: Registration, url: str, *, requested: bool = False) -> None:
    event = registration.event
    _send(
        registration,
        f"Your place is booked: {event.title}",
        f"Your place is booked.\n\n{_details(event)}\n\nThe calendar invitation is attached.\n\n"
        f"If you can no longer come, please cancel so that someone else can have your place:\n{url}",
        [_invite(event, registration)],
        requested=requested,
    )


def waiting(registration: Registration, url: str, ahead: int) -> None:
    event = registration.event
    people = "nobody" if ahead == 0 else (f"{ahead} person" if ahead == 1 else f"{ahead} people")
    _send(
        registration,
        f"You are on the waiting list: {event.title}",
        f"{event.title} is full, so we have put you on the waiting list. There is {people} ahead of you.\n\n"
        f"If a place comes free, we will email you. You will then have {settings.EVENTS_OFFER_HOURS} hours to "
        f"take it.\n\nYou can see where you are, or leave the waiting list, here:\n{url}",
        requested=True,
    )


def offered(registration: Registration, url: str) -> None:
    event = registration.event
    expires = timezone.localtime(registration.offer_expires)
    _send(
        registration,
        f"A place is free for you: {event.title}",
        f"A place has come free at {event.title}, {when(event)}.\n\nTo take it, open this link and press the "
        f"button by {date_format(expires, 'H:i')} on {date_format(expires, 'l j F')} (UK time):\n{url}\n\n"
        "If you do not take it by then, we will offer it to the next person waiting.",
    )


def offer_lapsed(registration: Registration) -> None:
    _send(
        registration,
        f"Your offer of a place has ended: {registration.event.title}",
        f"The place we offered you at {registration.event.title} was not taken in time, so we have offered it to "
        "the next person waiting. You are welcome to register again if places come free.",
    )


def cancelled(registration: Registration, *, calendar: bool) -> None:
    event = registration.event
    _send(
        registration,
        f"Your registration is cancelled: {event.title}",
        f"We have cancelled your registration for {event.title}. Thank you for letting us know.",
        [_invite(event, registration, "CANCEL")] if calendar else [],
        requested=True,
    )


def already_registered(registration: Registration, url: str) -> None:
    _send(
        registration,
        f"Your registration: {registration.event.title}",
        f"You are already registered for {registration.event.title} ({registration.get_status_display().lower()})."
        f"\n\nYou can see your registration, or cancel it, here:\n{url}",
        requested=True,
    )


def changed(registration: Registration, url: str, what: str) -> None:
    event = registration.event
    _send(
        registration,
        f"Changed: {event.title}",
        f"{what}\n\n{_details(event)}\n\nThe updated calendar invitation is attached.\n\nYour registration:\n{url}",
        [_invite(event, registration)],
    )


def event_cancelled(registration: Registration) -> None:
    event = registration.event
    _send(
        registration,
        f"Cancelled: {event.title}",
        f"We are sorry: {event.title}, {when(event)}, has been cancelled. The calendar entry is attached to "
        "remove it from your calendar.",
        [_invite(event, registration, "CANCEL")],
    )


def joining_link(registration: Registration, url: str) -> None:
    event = registration.event
    _send(
        registration,
        f"How to join: {event.title}",
        f"{event.title} starts {when(event)}.\n\nJoin online here:\n{event.joining_link}\n\n"
        f"Please keep the link to yourself. The updated calendar invitation is attached.\n\nYour registration:\n{url}",
        [_invite(event, registration)],
    )


def reminder(registration: Registration, url: str, before: str) -> None:
    event = registration.event
    _send(
        registration,
        f"Reminder: {event.title} {before}",
        f"A reminder that {event.title} is {before}.\n\n{_details(event)}\n\n"
        f"If you can no longer come, please cancel so that someone else can have your place:\n{url}",
    )


def message(registration: Registration, subject: str, text: str) -> None:
    _send(registration, subject, text)


def site_name() -> str:
    return SiteSettings.load().name


def _materials(event: Event, url: str) -> str:
    """The links to the recording and slides, and the registration page (url) for the files uploaded."""
    from .materials import of

    lines = []
    if event.recording_url:
        lines.append(f"The recording: {event.recording_url}")
    if event.slides_url:
        lines.append(f"The slides: {event.slides_url}")
    files = [f.kind.label.lower() for f in of(event)]
    if files:
        lines.append(f"To download ({', '.join(files)}): {url}")
    return "\n".join(lines)


def follow_up_attended(registration: Registration, url: str, feedback: str) -> None:
    event = registration.event
    materials = _materials(event, url)
    _send(
        registration,
        f"Thank you for coming: {event.title}",
        f"Thank you for joining us for {event.title}.\n\n"
        + (f"{materials}\n\n" if materials else "")
        + f"Please tell us how it went: four short questions, about two minutes.\n{feedback}\n\n"
        f"You can find the recording and slides again on your registration page:\n{url}",
    )


def follow_up_missed(registration: Registration, url: str) -> None:
    event = registration.event
    materials = _materials(event, url)
    catch_up = (
        f"You can catch up with the recording and slides:\n{materials}\n\n"
        if materials
        else "We are sorry you missed it.\n\n"
    )
    _send(
        registration,
        f"Sorry we missed you: {event.title}",
        f"We are sorry you could not join us for {event.title}.\n\n{catch_up}"
        f"They stay on your registration page:\n{url}\n\nWe hope to see you at a webinar soon.",
    )
