"""Who sees what of the programme, and the reads every page goes through.

The programme's public face (published events, their pages, feed and calendar files) is open to all. Drafts and
registrations are the staff's: advisers and administrators, as for support requests; everyone else gets 404.
A registrant reaches their own registration only through their personal link."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import rules
from django.db.models import Case, Count, F, IntegerField, Prefetch, Q, QuerySet, Value, When
from django.shortcuts import get_object_or_404
from django.utils import timezone

from mobilise.directory.models import Person
from mobilise.projects.rules import is_organisation_staff, require

from .examples import case_studies
from .models import AttendanceUpload, Event, EventStatus, Registration, RegistrationStatus, Theme

MANAGE = "events.manage"
LIST_ORDER = [
    RegistrationStatus.CONFIRMED,
    RegistrationStatus.OFFERED,
    RegistrationStatus.WAITING,
    RegistrationStatus.CANCELLED,
]
PUBLIC_STATUSES = (EventStatus.PUBLISHED, EventStatus.CANCELLED, EventStatus.HELD)


rules.add_perm(MANAGE, is_organisation_staff)


def require_staff(user: Any) -> None:
    require(user, MANAGE)


@dataclass(frozen=True)
class Places:
    """An event's places taken and people waiting (offered a place or in the queue)."""

    confirmed: int = 0
    waiting: int = 0


def events_for(user: Any) -> QuerySet[Event]:
    require_staff(user)
    return Event.objects.select_related("theme")


def places_of(user: Any, events: Iterable[Event]) -> dict[int, Places]:
    """The places of the events shown (a page of the staff list), counted in one aggregate query over them alone,
    never over every registration; an event with no registrations has none."""
    require_staff(user)
    waiting = [RegistrationStatus.WAITING, RegistrationStatus.OFFERED]
    counted = (
        Registration.objects.filter(event__in=[e.pk for e in events])
        .order_by()
        .values("event")
        .annotate(
            confirmed=Count("pk", filter=Q(status=RegistrationStatus.CONFIRMED)),
            waiting=Count("pk", filter=Q(status__in=waiting)),
        )
    )
    found = {row["event"]: Places(row["confirmed"], row["waiting"]) for row in counted}
    return {e.pk: found.get(e.pk, Places()) for e in events}


def get_event(user: Any, pk: int) -> Event:
    require_staff(user)
    return get_object_or_404(Event.objects.select_related("theme"), pk=pk)


def themes_for(user: Any) -> QuerySet[Theme]:
    require_staff(user)
    return Theme.objects.all()


def get_theme(user: Any, pk: int) -> Theme:
    return get_object_or_404(themes_for(user), pk=pk)


def registrations_of(user: Any, event: Event) -> QuerySet[Registration]:
    require_staff(user)
    # Places first, then offers and the waiting list in its order, then the cancelled.
    order = Case(*(When(status=s, then=Value(i)) for i, s in enumerate(LIST_ORDER)), output_field=IntegerField())
    return event.registrations.order_by(order, "waiting_position", "created", "pk")


def status_counts(user: Any, event: Event) -> dict[str, int]:
    """How many registrations the event has of each status, counted by the database (one query)."""
    require_staff(user)
    counted = event.registrations.order_by().values_list("status").annotate(n=Count("pk"))
    return {**dict.fromkeys(RegistrationStatus.values, 0), **dict(counted)}


def get_registration(user: Any, event: Event, pk: int) -> Registration:
    return get_object_or_404(registrations_of(user, event), pk=pk)


def attendance_uploads(user: Any, event: Event) -> QuerySet[AttendanceUpload]:
    require_staff(user)
    return event.attendance_uploads.all()


def follow_up_sent(event: Event) -> bool:
    return event.sent.filter(kind="follow-up").exists()


def _people() -> list[Prefetch | str]:
    people = Person.objects.select_related("organisation").order_by("full_name")
    return [Prefetch("speakers", queryset=people), Prefetch("panel", queryset=people), "projects"]


def public_events() -> QuerySet[Event]:
    return Event.objects.filter(status__in=PUBLIC_STATUSES).select_related("theme")


def get_public_event(slug: str) -> Event:
    return get_object_or_404(public_events().prefetch_related(*_people()), slug=slug)


# The programme shows a page of events to come and the latest past ones, linking to the archive for the rest: the
# page costs the same with ten events or ten thousand.
UPCOMING_PER_PAGE = 20
RECENT_PAST = 10


def upcoming_events(now: datetime | None = None) -> QuerySet[Event]:
    """Public events still to come (cancelled ones included, marked), soonest first: the (status, start) index."""
    now = now or timezone.now()
    statuses = [EventStatus.PUBLISHED, EventStatus.CANCELLED]
    return public_events().filter(status__in=statuses, start__gte=now).order_by("start", "pk")


def past_events(now: datetime | None = None) -> QuerySet[Event]:
    """Events held or whose start has passed (the cancelled left out), latest first: the programme shows the
    first few, the archive pages through them all."""
    now = now or timezone.now()
    held = Q(status=EventStatus.HELD) | Q(status=EventStatus.PUBLISHED, start__lt=now)
    return public_events().filter(held).order_by("-start", "-pk")


def by_theme(events: Iterable[Event]) -> list[tuple[Theme, list[Event]]]:
    """Events grouped under their themes, the themes in the order of their first event."""
    themes: dict[int, tuple[Theme, list[Event]]] = {}
    for event in events:
        themes.setdefault(event.theme_id, (event.theme, []))[1].append(event)
    return list(themes.values())


def recent_past(now: datetime | None = None) -> list[Event]:
    return list(past_events(now)[:RECENT_PAST])


def next_events(limit: int, now: datetime | None = None) -> list[Event]:
    """The next published events, soonest first (for the public home page); one query."""
    now = now or timezone.now()
    return list(public_events().filter(start__gte=now, status=EventStatus.PUBLISHED).order_by("start", "pk")[:limit])


def project_examples(event: Event) -> list[tuple[Any, list[tuple[str, str]]]]:
    """The event's projects (prefetched) with their case studies from the library's hook."""
    projects = list(event.projects.all())
    studies = case_studies([p.pk for p in projects])
    return [(p, studies.get(p.pk, [])) for p in projects]


def get_public_theme(slug: str) -> Theme:
    """A theme with at least one public event (a theme of drafts alone is not announced yet)."""
    themes = Theme.objects.filter(events__status__in=PUBLIC_STATUSES).distinct()
    return get_object_or_404(themes, slug=slug)


def theme_events(theme: Theme, now: datetime | None = None) -> tuple[list[Event], list[Event]]:
    """The theme's public events to come (in order) and past (latest first); one query."""
    now = now or timezone.now()
    events = list(public_events().filter(theme=theme).order_by("start", "pk"))
    to_come = [e.start >= now and e.status != EventStatus.HELD for e in events]
    upcoming = [e for e, ahead in zip(events, to_come, strict=True) if ahead]
    past = [e for e, ahead in zip(events, to_come, strict=True) if not ahead and e.status != EventStatus.CANCELLED]
    return upcoming, past[::-1]


def followers_of(user: Any, theme: Theme) -> QuerySet[Any]:
    """A theme's followers, for staff: confirmed first, then those still to confirm; the erased left out."""
    require_staff(user)
    return theme.subscriptions.filter(erased_at__isnull=True).order_by(F("confirmed_at").asc(nulls_last=True), "pk")


def follower_counts(user: Any, theme: Theme) -> dict[str, int]:
    require_staff(user)
    return theme.subscriptions.aggregate(
        following=Count("pk", filter=Q(confirmed_at__isnull=False, erased_at__isnull=True)),
        waiting=Count("pk", filter=Q(confirmed_at__isnull=True, erased_at__isnull=True)),
        unsubscribed=Count("pk", filter=Q(unsubscribed_at__isnull=False)),
    )
