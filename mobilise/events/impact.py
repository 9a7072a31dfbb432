"""Webinars as what produced an impact claim: the events app fills the evaluation.activities hook, since the
evaluation app sits below it and cannot read events."""

from collections.abc import Collection
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.urls import reverse
from django.utils import timezone

from mobilise.evaluation.activities import Activity, ActivityKind, through_rows
from mobilise.projects.models import Project

from .models import Event, EventStatus, RegistrationStatus


def _offered(project: Project, keep: Collection[int]) -> QuerySet[Event]:
    """The webinars that featured the project and have taken place (published or held), and those in keep, newest
    first."""
    featured = Event.objects.filter(
        projects=project, status__in=(EventStatus.PUBLISHED, EventStatus.HELD), start__lte=timezone.now()
    )
    return Event.objects.filter(Q(pk__in=featured.values("pk")) | Q(pk__in=keep)).order_by("-start", "-pk")


def _activity(event: Any) -> Activity:
    """An event annotated by _linked with its counts of registrations."""
    reached = f"{event.attended:,} attended" if event.recorded else f"{event.registered:,} registered"
    return Activity(
        pk=event.pk,
        kind="Webinar",
        title=event.title,
        date=timezone.localdate(event.start),
        url=reverse("events:event", args=[event.slug]),
        reached=reached,
    )


def _linked(claim_pks: list[int]) -> dict[int, list[Activity]]:
    rows = Event.objects.exclude(status=EventStatus.DRAFT).annotate(
        registered=Count("registrations", filter=Q(registrations__status=RegistrationStatus.CONFIRMED)),
        attended=Count("registrations", filter=Q(registrations__attended=True)),
        recorded=Count("registrations", filter=Q(registrations__attended__isnull=False)),
    )
    out: dict[int, list[Activity]] = {}
    for claim_pk, event in through_rows(Event.claims, claim_pks, "event", rows):
        out.setdefault(claim_pk, []).append(_activity(event))
    return out


WEBINARS = ActivityKind(
    name="webinars",
    label="Webinars that featured the project",
    relation=Event.claims,
    target="event",
    offered=_offered,
    label_of=lambda event: f"{event.title}, {timezone.localdate(event.start):%-d %b %Y}",
    linked=_linked,
)
