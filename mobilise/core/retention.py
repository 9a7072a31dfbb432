"""Retention: how long a person's details from a public journey are kept, and erasing them, built once here for
every journey (support requests now; webinar registrations and ideas later).

An app whose model holds a person's details registers it in its AppConfig.ready():

    from mobilise.core import retention

    retention.register(SupportRequest, retention.Retained(noun="request", expired=expired, anonymise=anonymise))

The model has a nullable `erased_at` DateTimeField, which core sets. The app says what core cannot know:

- `expired(cutoff)`: a queryset of the rows whose retention ended at or before `cutoff` (closed, decided,
  withdrawn... RETENTION_MONTHS ago). Rows still open never expire. Core leaves out rows already erased.
- `anonymise(obj, by)`: blank or replace every personal field of obj (and of its rows: history texts, notes),
  keeping what the figures need (counts, dates, types, statuses, minutes). Called inside the transaction with
  obj's row locked; `by` is the member of staff who erased on request, or None for the scheduled run.

Core then revokes obj's personal links (`core.links.revoke`; the link then opens a page that says the details
have been erased) and records `erased_at`. Erasing again does nothing. The scheduled run is the management
command `erase_expired` (daily from cron, see the README).
"""

import calendar
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import models, transaction
from django.db.models import QuerySet
from django.utils import timezone

from .models import PersonalLink

# What a personal text field that held something becomes: says it was there, keeps nothing of it.
ERASED = "Erased"


def placeholder_email(obj: models.Model) -> str:
    """An address that cannot receive mail (the .invalid top-level domain is reserved for that)."""
    return f"erased-{obj.pk}@invalid"


def blank(text: str) -> str:
    return ERASED if text else ""


@dataclass(frozen=True)
class Retained:
    """What an app tells core about one model that holds a person's details."""

    noun: str  # how one row is named to its person: "request" -> "This request's details have been erased"
    expired: Callable[[datetime], QuerySet[Any]]
    anonymise: Callable[[Any, Any], None]


_registry: dict[type[models.Model], Retained] = {}


def register(model: type[models.Model], retained: Retained) -> None:
    if not any(f.name == "erased_at" for f in model._meta.get_fields()):
        raise ImproperlyConfigured(f"{model.__name__} needs an erased_at field to be registered for retention")
    _registry[model] = retained


def registered() -> dict[type[models.Model], Retained]:
    return dict(_registry)


def retained_for(model: type[models.Model]) -> Retained:
    if model not in _registry:
        raise ImproperlyConfigured(f"{model.__name__} is not registered for retention")
    return _registry[model]


def months_before(moment: datetime, months: int) -> datetime:
    """The same day and time `months` calendar months earlier (the month's last day when it is shorter)."""
    index = moment.year * 12 + moment.month - 1 - months
    year, month = divmod(index, 12)
    day = min(moment.day, calendar.monthrange(year, month + 1)[1])
    return moment.replace(year=year, month=month + 1, day=day)


def cutoff(now: datetime | None = None) -> datetime:
    """Rows whose retention ended at or before this moment are erased: RETENTION_MONTHS calendar months ago."""
    return months_before(now or timezone.now(), settings.RETENTION_MONTHS)


def is_erased(obj: Any) -> bool:
    return type(obj) in _registry and getattr(obj, "erased_at", None) is not None


def erased_noun(obj: Any) -> str | None:
    """The noun for an erased object (its personal link's page says so), else None."""
    return _registry[type(obj)].noun if is_erased(obj) else None


@transaction.atomic
def erase(obj: models.Model, *, by: Any = None) -> bool:
    """Anonymise obj, revoke its personal links and record when; False when it was erased already."""
    model = type(obj)
    retained = retained_for(model)
    locked = model._default_manager.select_for_update().get(pk=obj.pk)
    if locked.erased_at is not None:  # type: ignore[attr-defined]
        return False
    retained.anonymise(locked, by)
    from . import links  # links asks this module whether a revoked link's object was erased

    for link in PersonalLink.objects.about(locked).filter(revoked_at__isnull=True):
        links.revoke(link)
    now = timezone.now()
    model._default_manager.filter(pk=locked.pk).update(erased_at=now)
    obj.erased_at = now  # type: ignore[attr-defined]
    return True


def erase_expired(now: datetime | None = None) -> dict[str, int]:
    """Erase every registered row whose retention has ended; {model label: rows erased}. Each row is erased in its
    own transaction, so one failure leaves the others done and the next run picks it up again."""
    end = cutoff(now)
    counts = {}
    for model, retained in _registry.items():
        pks = list(retained.expired(end).filter(erased_at__isnull=True).order_by("pk").values_list("pk", flat=True))
        counts[model._meta.label] = sum(erase(model(pk=pk)) for pk in pks)
    return counts
