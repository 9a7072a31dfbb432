"""Registrations under core/retention.py: a registration's retention ends RETENTION_MONTHS after its event.

Erasing keeps what the programme's figures count (the event, status, sector, dates, consents given, attendance)
and replaces what names the person: name, email, organisation, role and their access needs. Erasing an active
registration for an event still to come cancels it first, so its seat goes to the next person waiting."""

from datetime import datetime
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from mobilise.core.retention import ERASED, blank, placeholder_email

from .models import ACTIVE, Registration


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
