"""The programme's slow work, run by the task worker: messages to every registrant, and what is due before an
event (schedule.py). Arguments are ids and text, never instances."""

from django_tasks import task

from . import mails, schedule
from .models import Event, RegistrationStatus


@task()
def send_due(*, event_id: int) -> None:
    event = Event.objects.filter(pk=event_id).first()
    if event is not None:
        schedule.send_due(event)


@task()
def expire_offers() -> None:
    from .seats import expire_offers

    expire_offers()


@task()
def send_change(*, event_id: int, what: str) -> None:
    """The updated invitation (the event's current SEQUENCE) to everyone confirmed."""
    from .seats import link_url

    event = Event.objects.get(pk=event_id)
    for registration in event.registrations.filter(status=RegistrationStatus.CONFIRMED, erased_at__isnull=True):
        registration.event = event
        mails.changed(registration, link_url(registration), what)


@task()
def send_event_cancelled(*, event_id: int) -> None:
    event = Event.objects.get(pk=event_id)
    active = [RegistrationStatus.CONFIRMED, RegistrationStatus.WAITING, RegistrationStatus.OFFERED]
    for registration in event.registrations.filter(status__in=active, erased_at__isnull=True):
        registration.event = event
        mails.event_cancelled(registration)


@task()
def send_message(*, event_id: int, audience: str, subject: str, text: str) -> None:
    from .services import recipients

    event = Event.objects.get(pk=event_id)
    for registration in recipients(event, audience):
        registration.event = event
        mails.message(registration, subject, text)


@task()
def send_to_followers(*, event_id: int, kind: str) -> None:
    """A new event, or its recording, to everyone following its theme (follow.py)."""
    from .follow import send_announcement

    event = Event.objects.select_related("theme").filter(pk=event_id).first()
    if event is not None:
        send_announcement(event, kind)


@task()
def send_follow_up(*, event_id: int) -> None:
    """The follow-up to everyone who had a place: one message to those who came, another to those who did not."""
    from .follow_up import feedback_url, registrants
    from .seats import link_url

    event = Event.objects.get(pk=event_id)
    feedback = feedback_url(event)
    for registration in registrants(event):
        registration.event = event
        if registration.attended:
            mails.follow_up_attended(registration, link_url(registration), feedback)
        else:
            mails.follow_up_missed(registration, link_url(registration))
