"""Every staff write to the programme: themes, events, publishing, cancelling, duplicating, and messages to all
registrants. Seats are seats.py's business."""

from datetime import datetime
from typing import Any

from django.db import transaction
from django.db.models import F, QuerySet
from django.utils import timezone
from django.utils.text import slugify

from mobilise.core.tasks import enqueue_on_commit

from . import follow, mails, schedule, seats, tasks
from .models import Event, EventStatus, Registration, RegistrationStatus, Sent, Theme

# A change to any of these is a change to the calendar entry registrants hold: they are sent it again.
CALENDAR_FIELDS = ("title", "start", "duration_minutes", "format", "venue", "joining_link")


class NotAllowed(Exception):
    """The event's status does not allow this (publishing a cancelled event, say)."""


# Addresses under /events/ that are not events.
RESERVED_SLUGS = {"feed", "manage", "your-registration", "themes", "follow"}


def unique_slug(model: type[Theme] | type[Event], text: str, *, exclude: int | None = None) -> str:
    base = slugify(text)[:70] or "event"
    slug, n = base, 1
    others = model.objects.exclude(pk=exclude) if exclude is not None else model.objects.all()
    while slug in RESERVED_SLUGS or others.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


@transaction.atomic
def save_theme(*, theme: Theme | None = None, fields: dict[str, Any]) -> Theme:
    theme = theme or Theme()
    for name, value in fields.items():
        setattr(theme, name, value)
    if not theme.slug:
        theme.slug = unique_slug(Theme, f"{theme.title} {theme.year}", exclude=theme.pk)
    theme.save()
    return theme


@transaction.atomic
def save_event(
    *, event: Event | None = None, fields: dict[str, Any], people: dict[str, Any] | None = None
) -> tuple[Event, list[str]]:
    """Create or change an event; people holds the many-to-many fields (speakers, panel, projects). Returns the
    event and the calendar fields that changed: when it has registrants, they are sent the updated invitation
    (SEQUENCE raised), and reminders are scheduled again for a new time."""
    creating = event is None
    event = event or Event()
    before = {name: getattr(event, name) for name in CALENDAR_FIELDS} if not creating else {}
    link_was_shared = not creating and mails.link_shared(event)
    for name, value in fields.items():
        setattr(event, name, value)
    if not event.slug:
        event.slug = unique_slug(Event, event.title, exclude=event.pk)
    changed = [name for name in CALENDAR_FIELDS if not creating and before[name] != getattr(event, name)]
    event.save()
    for name, values in (people or {}).items():
        getattr(event, name).set(values)
    if link_was_shared and "joining_link" in changed and event.joining_link:
        # Registrants had the old link: the change message carries the new one, and it counts as sent.
        Sent.objects.get_or_create(event=event, kind=mails.joining_kind(event))
    if changed and event.status == EventStatus.PUBLISHED:
        Event.objects.filter(pk=event.pk).update(sequence=F("sequence") + 1)
        event.refresh_from_db(fields=["sequence"])
        if event.registrations.filter(status=RegistrationStatus.CONFIRMED).exists():
            enqueue_on_commit(tasks.send_change, event_id=event.pk, what=describe(changed))
    if not creating and ("start" in changed or "capacity" in fields):
        seats.offer_free_seats(event=event)
    if event.status == EventStatus.PUBLISHED and (creating or "start" in changed):
        schedule.plan(event)
    return event, changed


def describe(changed: list[str]) -> str:
    if "start" in changed or "duration_minutes" in changed:
        return "The time of this event has changed."
    if "joining_link" in changed:
        return "The joining link has changed: please use the new one."
    if "venue" in changed or "format" in changed:
        return "Where this event takes place has changed."
    return "The details of this event have changed."


@transaction.atomic
def publish(*, event: Event) -> None:
    if event.status != EventStatus.DRAFT:
        raise NotAllowed
    Event.objects.filter(pk=event.pk).update(status=EventStatus.PUBLISHED)
    event.status = EventStatus.PUBLISHED
    schedule.plan(event)
    follow.announce_published(event)


@transaction.atomic
def cancel_event(*, event: Event) -> None:
    """Cancel the event: everyone confirmed is sent METHOD:CANCEL with a raised SEQUENCE; offers and the
    waiting list end (they are told too)."""
    if event.status not in (EventStatus.DRAFT, EventStatus.PUBLISHED):
        raise NotAllowed
    Event.objects.filter(pk=event.pk).update(status=EventStatus.CANCELLED, sequence=F("sequence") + 1)
    event.refresh_from_db(fields=["status", "sequence"])
    enqueue_on_commit(tasks.send_event_cancelled, event_id=event.pk)


@transaction.atomic
def mark_held(*, event: Event, recording_url: str, slides_url: str, materials_public: bool) -> None:
    Event.objects.filter(pk=event.pk).update(
        status=EventStatus.HELD, recording_url=recording_url, slides_url=slides_url, materials_public=materials_public
    )
    event.status, event.recording_url, event.materials_public = EventStatus.HELD, recording_url, materials_public
    follow.announce_recording(event)


@transaction.atomic
def duplicate(*, event: Event, start: datetime) -> Event:
    """A new draft with the event's details, people and project examples, at a new time; no registrations."""
    copy = Event(
        theme=event.theme,
        title=event.title,
        slug=unique_slug(Event, f"{event.title} {timezone.localdate(start).isoformat()}"),
        description=event.description,
        start=start,
        duration_minutes=event.duration_minutes,
        format=event.format,
        venue=event.venue,
        access_information=event.access_information,
        capacity=event.capacity,
    )
    copy.save()
    copy.speakers.set(event.speakers.all())
    copy.panel.set(event.panel.all())
    copy.projects.set(event.projects.all())
    return copy


def recipients(event: Event, audience: str) -> QuerySet[Registration]:
    statuses = {
        "confirmed": [RegistrationStatus.CONFIRMED],
        "waiting": [RegistrationStatus.WAITING, RegistrationStatus.OFFERED],
        "all": [RegistrationStatus.CONFIRMED, RegistrationStatus.WAITING, RegistrationStatus.OFFERED],
    }[audience]
    return event.registrations.filter(status__in=statuses, erased_at__isnull=True)


@transaction.atomic
def message_all(*, event: Event, audience: str, subject: str, text: str) -> int:
    """Email everyone in the audience (confirmed, waiting, or all active); how many will be sent it."""
    count = recipients(event, audience).count()
    enqueue_on_commit(tasks.send_message, event_id=event.pk, audience=audience, subject=subject, text=text)
    return count
