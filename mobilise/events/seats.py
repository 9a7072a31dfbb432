"""Every write that gives, frees or offers a seat: registering, cancelling, offers from the waiting list and
staff promotion.

The seat decision is one transaction that locks the event's row before it counts: `select_for_update` on
PostgreSQL; on SQLite every transaction begins IMMEDIATE (settings.py), so it already holds the database's one
write lock. `Event.seats_taken` counts the seats held (confirmed and offered) and changes only under that lock,
so two sign-ups at once can never both take the last seat. The waiting list is first come, first served:
`waiting_position` keeps the order, and a freed seat is offered to the first person waiting for
EVENTS_OFFER_HOURS; an offer not taken in time passes to the next (`expire_offers`, run by the worker)."""

from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import F, Max
from django.utils import timezone

from mobilise.core import happenings, links

from . import mails, schedule
from .models import ACTIVE, Event, Registration, RegistrationStatus

REGISTRATION_LINK = "event-registration"


class RegistrationClosed(Exception):
    """The event does not take registrations now (not published, not open yet, or closed)."""


class NotOffered(Exception):
    """The registration holds no offer that may be taken now (it expired, or was passed on)."""


def _locked(event_pk: int) -> Event:
    return Event.objects.select_for_update().get(pk=event_pk)


def _take_seat(event: Event, delta: int) -> None:
    Event.objects.filter(pk=event.pk).update(seats_taken=F("seats_taken") + delta)
    event.seats_taken += delta


def link_url(registration: Registration) -> str:
    """A new personal link to the registration's page; it works until a while after the event."""
    from django.urls import reverse

    expires = registration.event.end + timedelta(days=90)
    issued = links.make_link(REGISTRATION_LINK, registration, expires=expires, once=False)
    return links.absolute_url(reverse("events:registration", args=[issued.token]))


@transaction.atomic
def register(*, event: Event, fields: dict[str, Any], now: datetime | None = None) -> Registration:
    """A seat if one is free and nobody is waiting for it, else the end of the waiting list; the person is
    emailed either way. Someone already registered (or waiting) with the same address gets their link again
    rather than a second place."""
    event = _locked(event.pk)
    if not event.registration_open(now):
        raise RegistrationClosed
    existing = event.registrations.filter(email__iexact=fields["email"], status__in=ACTIVE).first()
    if existing is not None:
        mails.already_registered(existing, link_url(existing))
        return existing
    waiting = event.registrations.filter(status=RegistrationStatus.WAITING)
    if event.seats_taken < event.capacity and not waiting.exists():
        _take_seat(event, 1)
        registration = Registration.objects.create(event=event, status=RegistrationStatus.CONFIRMED, **fields)
        mails.confirmed(registration, link_url(registration), requested=True)
    else:
        last = event.registrations.aggregate(last=Max("waiting_position"))["last"] or 0
        registration = Registration.objects.create(
            event=event, status=RegistrationStatus.WAITING, waiting_position=last + 1, **fields
        )
        mails.waiting(registration, link_url(registration), waiting_ahead(registration))
    happenings.announce("registration.created", registration)
    return registration


def waiting_ahead(registration: Registration) -> int:
    """How many people are before this one on the waiting list."""
    return Registration.objects.filter(
        event=registration.event_id,
        status=RegistrationStatus.WAITING,
        waiting_position__lt=registration.waiting_position or 0,
    ).count()


def _offer_next(event: Event, now: datetime) -> Registration | None:
    """With the event locked: offer a free seat to the first person waiting, if any and the event is to come."""
    if event.seats_taken >= event.capacity or event.start <= now or event.status != "published":
        return None
    first = event.registrations.filter(status=RegistrationStatus.WAITING).order_by("waiting_position", "pk").first()
    if first is None:
        return None
    _take_seat(event, 1)
    expires = min(now + timedelta(hours=settings.EVENTS_OFFER_HOURS), event.start)
    first.status, first.offer_expires = RegistrationStatus.OFFERED, expires
    first.save(update_fields=["status", "offer_expires"])
    first.event = event
    mails.offered(first, link_url(first))
    from . import tasks

    schedule.at(tasks.expire_offers, expires)
    return first


@transaction.atomic
def offer_free_seats(*, event: Event, now: datetime | None = None) -> list[Registration]:
    """Offer every free seat to the people waiting, in order (after a cancellation, or more capacity)."""
    locked, now = _locked(event.pk), now or timezone.now()
    offers = []
    while (offer := _offer_next(locked, now)) is not None:
        offers.append(offer)
    return offers


@transaction.atomic
def cancel(*, registration: Registration, notify: bool = True, now: datetime | None = None) -> bool:
    """Cancel the registration and, if it held a seat, offer the seat at once; False if it was cancelled already."""
    event, now = _locked(registration.event_id), now or timezone.now()
    current = Registration.objects.select_for_update().get(pk=registration.pk)
    if current.status == RegistrationStatus.CANCELLED:
        return False
    held = current.status in (RegistrationStatus.CONFIRMED, RegistrationStatus.OFFERED)
    was_confirmed = current.status == RegistrationStatus.CONFIRMED
    current.status, current.cancelled_at, current.offer_expires = RegistrationStatus.CANCELLED, now, None
    current.save(update_fields=["status", "cancelled_at", "offer_expires"])
    happenings.announce("registration.cancelled", current)
    registration.status = current.status
    if held:
        _take_seat(event, -1)
    current.event = event
    if notify:
        mails.cancelled(current, calendar=was_confirmed)
    if held:
        while _offer_next(event, now) is not None:
            pass
    return True


@transaction.atomic
def claim(*, registration: Registration, now: datetime | None = None) -> Registration:
    """Take the seat offered: the registration is confirmed, and emailed the calendar invitation."""
    event, now = _locked(registration.event_id), now or timezone.now()
    current = Registration.objects.select_for_update().get(pk=registration.pk)
    if current.status != RegistrationStatus.OFFERED or current.offer_expires is None or current.offer_expires <= now:
        raise NotOffered
    current.status, current.offer_expires, current.waiting_position = RegistrationStatus.CONFIRMED, None, None
    current.save(update_fields=["status", "offer_expires", "waiting_position"])
    current.event = event
    mails.confirmed(current, link_url(current), requested=True)
    return current


@transaction.atomic
def promote(*, registration: Registration) -> Registration:
    """A staff member gives someone waiting (or holding an offer) a confirmed seat, over capacity if need be."""
    event = _locked(registration.event_id)
    current = Registration.objects.select_for_update().get(pk=registration.pk)
    if current.status not in (RegistrationStatus.WAITING, RegistrationStatus.OFFERED):
        return current
    if current.status == RegistrationStatus.WAITING:
        _take_seat(event, 1)
    current.status, current.offer_expires, current.waiting_position = RegistrationStatus.CONFIRMED, None, None
    current.save(update_fields=["status", "offer_expires", "waiting_position"])
    current.event = event
    mails.confirmed(current, link_url(current))
    return current


def expire_offers(now: datetime | None = None) -> int:
    """Pass every offer not taken in time to the next person waiting; how many expired. Each event in its own
    transaction, so one failure leaves the others done."""
    now = now or timezone.now()
    expired = Registration.objects.filter(status=RegistrationStatus.OFFERED, offer_expires__lte=now)
    count = 0
    for event_pk in set(expired.values_list("event", flat=True)):
        count += _expire_for(event_pk, now)
    return count


@transaction.atomic
def _expire_for(event_pk: int, now: datetime) -> int:
    event = _locked(event_pk)
    lapsed = list(
        Registration.objects.select_for_update().filter(
            event=event, status=RegistrationStatus.OFFERED, offer_expires__lte=now
        )
    )
    for registration in lapsed:
        registration.status, registration.offer_expires = RegistrationStatus.CANCELLED, None
        registration.cancelled_at = now
        registration.save(update_fields=["status", "offer_expires", "cancelled_at"])
        _take_seat(event, -1)
        registration.event = event
        mails.offer_lapsed(registration)
    while _offer_next(event, now) is not None:
        pass
    return len(lapsed)
