"""Registrations under core/retention.py: a registration's retention ends RETENTION_MONTHS after its event.

Erasing keeps what the programme's figures count (the event, status, sector, dates, consents given, attendance)
and replaces what names the person: name, email, organisation, role and their access needs. Erasing an active
registration for an event still to come cancels it first, so its seat goes to the next person waiting.

A theme's follower (follow.py) is erased on unsubscribing, at their wish through staff, and otherwise
RETENTION_MONTHS after the theme's last event (an unconfirmed one, CONFIRM_DAYS after it was asked for): the row
stays, with its theme, source and dates, for the counts."""

from datetime import datetime, timedelta
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone

from mobilise.core.retention import ERASED, blank, placeholder_email

from .models import ACTIVE, Registration, Subscription


def expired(cutoff: datetime) -> QuerySet[Registration]:
    return Registration.objects.filter(event__start__lte=cutoff)


def anonymise(registration: Registration, by: Any) -> None:
    from . import seats

    if registration.status in ACTIVE and registration.event.start > timezone.now():
        seats.cancel(registration=registration, notify=False)
        registration.refresh_from_db()
    r = registration
    r.name, r.email = ERASED, placeholder_email(r)
    r.organisation, r.role, r.access_other = blank(r.organisation), blank(r.role), blank(r.access_other)
    r.access_needs = []
    r.save(update_fields=["name", "email", "organisation", "role", "access_other", "access_needs"])


def followers_expired(cutoff: datetime) -> QuerySet[Subscription]:
    from .follow import CONFIRM_DAYS

    pending = Q(confirmed_at__isnull=True, created__lte=timezone.now() - timedelta(days=CONFIRM_DAYS))
    theme_over = Q(created__lte=cutoff) & ~Q(theme__events__start__gt=cutoff)
    return Subscription.objects.filter(pending | theme_over).distinct()


def anonymise_follower(subscription: Subscription, by: Any) -> None:
    subscription.email = placeholder_email(subscription)
    subscription.save(update_fields=["email"])
