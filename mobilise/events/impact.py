"""Webinars as what produced an impact claim: the events app fills the evaluation.activities hook, since the
evaluation app sits below it and cannot read events."""

from typing import Any

from django.db.models import Count, Q, QuerySet
from django.urls import reverse
from django.utils import timezone

from mobilise.evaluation.activities import Activity, ActivityKind, through_rows
from mobilise.evaluation.models import ImpactClaim
from mobilise.projects.models import Project

from .models import Event, EventStatus, RegistrationStatus


def _offered(project: Project) -> QuerySet[Event]:
    """The webinars that featured the project and have taken place (published or held), newest first."""
    return Event.objects.filter(
        projects=project, status__in=(EventStatus.PUBLISHED, EventStatus.HELD), start__lte=timezone.now()
    ).order_by("-start", "-pk")


def _activity(event: Any) -> Activity:
    """An event annotated by _linked with its counts of registrations."""
    reached = f"{event.attended:,} attended" if event.recorded else f"{event.registered:,} registered"
    return Activity(
        pk=event.pk,
        kind="Webinar",
        title=event.title,
        date=event.start.date(),
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


def _link(claim: ImpactClaim, rows: list) -> None:
    claim.webinars.set(rows)


WEBINARS = ActivityKind(
    name="webinars",
    label="Webinars that featured the project",
    offered=_offered,
    label_of=lambda event: f"{event.title}, {event.start:%-d %b %Y}",
    linked=_linked,
    link=_link,
)
