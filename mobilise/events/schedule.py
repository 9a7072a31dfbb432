"""What is sent before an event, and when: reminders (EVENTS_REMINDER_HOURS before the start, one week, one day and
one hour by default) and the joining link (EVENTS_JOINING_LINK_HOURS before), each sent once.

`send_due` sends what is due now. It runs as tasks queued with `run_after` for each moment (`plan`, when an event
is published or moves) and from `manage.py events_tick` (cron, every few minutes), which also passes on expired
offers: either alone is enough, and running both, or a worker restarting mid-way, sends nothing twice, because a
message is recorded in `Sent` (unique per event and kind) in the transaction that queues it. A kind names the
start time, so a new time arms the reminders again. When several reminders are due at once (an event published
the day before), only the nearest is sent, and only while at least half its time is left."""

import functools
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django_tasks.base import Task

from . import mails
from .models import Event, EventStatus, Registration, RegistrationStatus, Sent


def before_text(hours: int) -> str:
    if hours == 1:
        return "in one hour"
    if hours == 24:
        return "tomorrow"
    if hours == 168:
        return "in one week"
    if hours % 24 == 0:
        return f"in {hours // 24} days"
    return f"in {hours} hours"


def reminder_kind(event: Event, hours: int) -> str:
    return f"reminder-{hours}h@{int(event.start.timestamp())}"


def at(task: Task, when: datetime, **kwargs: Any) -> None:
    """Queue task for when, once the write commits; a backend that cannot defer (the immediate one in tests)
    leaves it to `manage.py events_tick`."""
    if task.get_backend().supports_defer and when > timezone.now():
        transaction.on_commit(lambda: task.using(run_after=when).enqueue(**kwargs))


def plan(event: Event) -> None:
    from . import tasks

    for hours in [*settings.EVENTS_REMINDER_HOURS, settings.EVENTS_JOINING_LINK_HOURS]:
        at(tasks.send_due, event.start - timedelta(hours=hours), event_id=event.pk)


def _remind(registration: Registration, url: str, *, before: str) -> None:
    mails.reminder(registration, url, before)


def _due(event: Event, now: datetime) -> list[tuple[str, Callable[[Registration, str], None] | None]]:
    """(kind, sender) for each message due now; sender None for a reminder passed over for a nearer one."""
    if event.status != EventStatus.PUBLISHED or now >= event.start:
        return []
    due: list[tuple[str, Callable[[Registration, str], None] | None]] = []
    reminders = sorted(h for h in settings.EVENTS_REMINDER_HOURS if event.start - timedelta(hours=h) <= now)
    left = event.start - now
    for i, hours in enumerate(reminders):
        text = before_text(hours)
        timely = i == 0 and left >= timedelta(hours=hours) / 2  # "in one week" said two days before is wrong
        sender = functools.partial(_remind, before=text) if timely else None
        due.append((reminder_kind(event, hours), sender))
    link_time = event.start - timedelta(hours=settings.EVENTS_JOINING_LINK_HOURS)
    if event.is_online and event.joining_link and link_time <= now:
        due.append((mails.joining_kind(event), mails.joining_link))
    return due


def send_due(event: Event, now: datetime | None = None) -> list[str]:
    """Send the event's messages that are due and not yet sent; the kinds sent."""
    from .seats import link_url

    now = now or timezone.now()
    sent = []
    for kind, sender in _due(event, now):
        try:
            with transaction.atomic():
                Sent.objects.create(event=event, kind=kind, at=now)
                if sender is None:
                    continue
                if sender is mails.joining_link:  # the calendar entry gains the link: a change
                    Event.objects.filter(pk=event.pk).update(sequence=event.sequence + 1)
                    event.sequence += 1
                for registration in event.registrations.filter(status=RegistrationStatus.CONFIRMED):
                    registration.event = event
                    sender(registration, link_url(registration))
                sent.append(kind)
        except IntegrityError:
            continue  # sent already, by another run
    return sent


def tick(now: datetime | None = None) -> dict[str, int]:
    """Everything due across the programme: expired offers passed on, reminders and joining links sent."""
    from .seats import expire_offers

    now = now or timezone.now()
    horizon = max([*settings.EVENTS_REMINDER_HOURS, settings.EVENTS_JOINING_LINK_HOURS])
    upcoming = Event.objects.filter(
        status=EventStatus.PUBLISHED, start__gt=now, start__lte=now + timedelta(hours=horizon)
    )
    messages = sum(len(send_due(event, now)) for event in upcoming)
    return {"offers expired": expire_offers(now), "messages sent": messages}
