"""Support requests under core/retention.py: when a request's retention ends, and what erasing it keeps.

A request's retention ends RETENTION_MONTHS after it closed: after its case closed, or, when it never became a
case, after it was redirected, declined or withdrawn. Open requests and open cases never expire.

Erasing keeps every figure the support report (reports.py) and the service level count: the reference, dates,
status and its history's kinds and dates, requester type, needs, source, stage, themes, project title, funder and
deadline, the service-level facts, the case's dates, advisers and outcome, and each advice entry's date, kind and
minutes. It replaces what names or describes the person: name, email, organisation (and its directory match), role,
the project summary and health-inequalities text, every history text (the requester's words and the advisers'
reasons, which quote them), the case's closing note, advice notes and next steps (notes of meetings and calls name
the people met), and assessment comments (ratings stay). A text that held something becomes "Erased", so a reader
still sees there was one. Erasing an open request on the person's wish withdraws it (and closes its case): with
no way to reach them, nothing else can happen to it.
"""

from datetime import datetime
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone

from mobilise.core.retention import ERASED, blank, placeholder_email
from mobilise.engagement import services as engagement

from .models import (
    AdviceEntry,
    Assessment,
    Case,
    EventKind,
    Idea,
    IdeaEvent,
    IdeaEventKind,
    IdeaStatus,
    Outcome,
    RequestEvent,
    Status,
    SupportRequest,
)
from .services_ideas import raised_by

ENDED = (Status.REDIRECTED, Status.DECLINED, Status.WITHDRAWN)


def expired(cutoff: datetime) -> QuerySet[SupportRequest]:
    closed_by_then = RequestEvent.objects.filter(status__in=ENDED, when__lte=cutoff).values("request")
    return SupportRequest.objects.filter(
        Q(status=Status.ACCEPTED, case__closed__lte=cutoff)
        | Q(status__in=ENDED, decided_at__lte=cutoff)
        | Q(status__in=ENDED, pk__in=closed_by_then)
    )


def _close(support_request: SupportRequest, by: Any) -> None:
    now = timezone.now()
    if support_request.is_open:
        RequestEvent.objects.create(
            request=support_request, when=now, kind=EventKind.STATUS, status=Status.WITHDRAWN, by=by
        )
        support_request.status = Status.WITHDRAWN
    Case.objects.filter(request=support_request, closed__isnull=True).update(closed=now, outcome=Outcome.WITHDRAWN)


def anonymise(support_request: SupportRequest, by: Any) -> None:
    _close(support_request, by)
    r = support_request
    r.name, r.email, r.organisation = ERASED, placeholder_email(r), None
    r.organisation_name, r.role = blank(r.organisation_name), blank(r.role)
    r.summary, r.inequalities = blank(r.summary), blank(r.inequalities)
    r.save(
        update_fields=[
            "status",
            "name",
            "email",
            "organisation",
            "organisation_name",
            "role",
            "summary",
            "inequalities",
        ]
    )
    _erase_around(r)


def _erase_around(subject: SupportRequest | Idea) -> None:
    """What a request and an idea both have: history texts, their case's notes, and assessment comments."""
    subject.events.exclude(text="").update(text=ERASED)
    cases = Case.objects.filter(**{"request" if isinstance(subject, SupportRequest) else "idea": subject})
    cases.exclude(closing_note="").update(closing_note=ERASED)
    advice = AdviceEntry.objects.filter(case__in=cases)
    advice.exclude(notes="").update(notes=ERASED)
    advice.exclude(next_step="").update(next_step=ERASED)
    for assessment in Assessment.objects.about(subject):
        for answer in assessment.answers.values():
            if isinstance(answer, dict) and answer.get("comment"):
                answer["comment"] = ERASED
        Assessment.objects.filter(pk=assessment.pk).update(answers=assessment.answers)  # keeps its date


# Ideas. An idea's retention ends RETENTION_MONTHS after it closed: not taken forward, withdrawn, turned into a
# project or an evidence gap (Idea.closed_at), or, when it became a support case, after the case closed. Erasing
# keeps the reference, title, stage, dates, statuses and history kinds, the answer and decision times, the
# outcome's link and assessment ratings; it replaces the sender's name, email and organisation, every text they
# wrote (problem, idea, who would benefit, evidence, help wanted), history texts, the case's notes, assessment
# comments, and the line naming them on an evidence gap the idea became.


def ideas_expired(cutoff: datetime) -> QuerySet[Idea]:
    return Idea.objects.filter(Q(closed_at__lte=cutoff) | Q(case__closed__lte=cutoff))


def anonymise_idea(idea: Idea, by: Any) -> None:
    now = timezone.now()
    if idea.is_open:
        IdeaEvent.objects.create(idea=idea, when=now, kind=IdeaEventKind.STATUS, status=IdeaStatus.WITHDRAWN, by=by)
        idea.status = IdeaStatus.WITHDRAWN
    if idea.closed_at is None and not Case.objects.filter(idea=idea).exists():
        idea.closed_at = now
    Case.objects.filter(idea=idea, closed__isnull=True).update(closed=now, outcome=Outcome.WITHDRAWN)
    if idea.evidence_gap_id:
        _erase_from_gap(idea)
    idea.name, idea.email, idea.organisation_name = ERASED, placeholder_email(idea), blank(idea.organisation_name)
    for name in ("problem", "idea", "who_benefits", "evidence", "help_wanted"):
        setattr(idea, name, blank(getattr(idea, name)))
    fields = ["status", "closed_at", "name", "email", "organisation_name", "problem", "idea", "who_benefits"]
    idea.save(update_fields=[*fields, "evidence", "help_wanted"])
    _erase_around(idea)


def _erase_from_gap(idea: Idea) -> None:
    gap = idea.evidence_gap
    assert gap is not None
    line = raised_by(idea)
    if line in gap.why_it_matters:
        engagement.save_insight(
            project=gap.project,
            insight=gap,
            question=gap.question,
            why_it_matters=gap.why_it_matters.replace(line, f"Raised through Get involved ({idea.reference})."),
            status=gap.status,
            stakeholders=gap.stakeholders.all(),
            interactions=gap.interactions.all(),
        )
