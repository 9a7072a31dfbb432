"""Who sees support requests, and the reads every support page goes through.

Requests hold personal data and are the support organisation's own business: only advisers and administrators
see them; everyone else gets 404. A requester reaches their own request only through their personal link."""

from dataclasses import dataclass
from datetime import date
from typing import Any

import rules
from django.conf import settings
from django.db import models
from django.db.models import Count, OuterRef, Prefetch, QuerySet, Subquery, Sum
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404
from django.utils import timezone

from mobilise.projects.rules import is_organisation_staff, require

from . import sla
from .models import (
    AdviceEntry,
    Assessment,
    Case,
    EventKind,
    Idea,
    IdeaEvent,
    Introduction,
    Priority,
    RequestEvent,
    Status,
    SupportRequest,
)

TRIAGE = "support.triage"


rules.add_perm(TRIAGE, is_organisation_staff)


def require_staff(user: Any) -> None:
    require(user, TRIAGE)


def requests_for(user: Any) -> QuerySet[SupportRequest]:
    require_staff(user)
    return SupportRequest.objects.select_related("organisation", "assignee")


def with_clock(queryset: QuerySet[SupportRequest]) -> QuerySet[SupportRequest]:
    """The status changes each request's clock needs, in one query for the whole page."""
    changes = RequestEvent.objects.filter(kind__in=[EventKind.STATUS, EventKind.WITHDRAWN]).order_by("when", "pk")
    return queryset.prefetch_related(Prefetch("events", queryset=changes, to_attr="status_changes"))


@dataclass(frozen=True)
class Clock:
    """A request against the service level: its age in working days (pauses left out), when the first response
    is due, and whether it is late or waiting on the requester."""

    age: int
    due: date
    responded: bool
    overdue: bool
    paused: bool


def clock(support_request: SupportRequest) -> Clock:
    """Read from `status_changes` (see with_clock)."""
    changes = getattr(support_request, "status_changes")  # noqa: B009 - set by with_clock's prefetch
    waits: list[tuple[Any, Any]] = []
    for change in changes:
        if change.status == Status.WAITING and not (waits and waits[-1][1] is None):
            waits.append((change.when, None))
        elif change.status != Status.WAITING and waits and waits[-1][1] is None:
            waits[-1] = (waits[-1][0], change.when)
    last_change = changes[-1].when if changes else support_request.submitted
    closed = None if support_request.is_open else support_request.decided_at or last_change
    age = sla.elapsed(support_request.submitted, waits, until=closed)
    limit = settings.SUPPORT_FIRST_RESPONSE_DAYS
    responded = support_request.first_response_at is not None
    waited = sla.elapsed(support_request.submitted, waits, until=support_request.first_response_at)
    return Clock(
        age=age,
        due=sla.add_working_days(timezone.localdate(support_request.submitted), limit),
        responded=responded,
        overdue=not responded and support_request.is_open and waited > limit,
        paused=bool(waits) and waits[-1][1] is None,
    )


def get_request(user: Any, pk: int) -> SupportRequest:
    requests = requests_for(user).select_related("case", "gap__project").prefetch_related("themes")
    return get_object_or_404(with_clock(requests), pk=pk)


def history(support_request: SupportRequest) -> QuerySet:
    return support_request.events.select_related("by")


def assessments_of(subject: models.Model) -> list[Assessment]:
    return list(Assessment.objects.about(subject).select_related("assessor").order_by("updated", "pk"))


def cases_for(user: Any) -> QuerySet[Case]:
    require_staff(user)
    return Case.objects.select_related("request", "idea", "lead", "project")


def get_case(user: Any, pk: int) -> Case:
    return get_object_or_404(cases_for(user).prefetch_related("advisers"), pk=pk)


def advice_of(case: Case) -> QuerySet[AdviceEntry]:
    return case.advice.select_related("by")


def advice_totals(case: Case) -> tuple[int, int]:
    """How many advice entries the case has and the minutes they took, counted by the database (the log is paged)."""
    totals = case.advice.aggregate(entries=Count("pk"), minutes=Sum("minutes"))
    return totals["entries"], totals["minutes"] or 0


def ideas_for(user: Any) -> QuerySet[Idea]:
    require_staff(user)
    return Idea.objects.select_related("assignee")


def get_idea(user: Any, pk: int) -> Idea:
    return get_object_or_404(ideas_for(user).select_related("case", "project", "evidence_gap__project"), pk=pk)


def priorities_for(user: Any) -> QuerySet[Priority]:
    """The system's priorities, for advisers and administrators (404 for everyone else)."""
    require_staff(user)
    return Priority.objects.select_related("organisation").prefetch_related("themes")


def get_priority(user: Any, pk: int) -> Priority:
    return get_object_or_404(priorities_for(user).select_related("request", "idea", "created_by"), pk=pk)


def introductions(priority: Priority) -> QuerySet[Introduction]:
    """The introductions brokered for a priority, newest first, with what their lines name."""
    return priority.introductions.select_related("project", "person__organisation", "created_by")


def idea_history(idea: Idea) -> QuerySet[IdeaEvent]:
    return idea.events.select_related("by")


def support_minutes() -> Coalesce:
    """A sum, for annotating projects (`OuterRef("pk")`), of the minutes of advice given on the project's support
    cases, ever: for the adviser's programme view."""
    advice = AdviceEntry.objects.filter(case__project=OuterRef("pk"))
    return Coalesce(Subquery(advice.order_by().values("case__project").annotate(n=Sum("minutes")).values("n")[:1]), 0)
