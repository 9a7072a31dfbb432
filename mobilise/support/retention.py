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

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q, QuerySet
from django.utils import timezone

from mobilise.core.retention import ERASED, blank, placeholder_email

from .models import AdviceEntry, Assessment, Case, EventKind, Outcome, RequestEvent, Status, SupportRequest

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
    r.events.exclude(text="").update(text=ERASED)
    Case.objects.filter(request=r).exclude(closing_note="").update(closing_note=ERASED)
    advice = AdviceEntry.objects.filter(case__request=r)
    advice.exclude(notes="").update(notes=ERASED)
    advice.exclude(next_step="").update(next_step=ERASED)
    content_type = ContentType.objects.get_for_model(SupportRequest)
    for assessment in Assessment.objects.filter(content_type=content_type, object_id=r.pk):
        for answer in assessment.answers.values():
            if isinstance(answer, dict) and answer.get("comment"):
                answer["comment"] = ERASED
        Assessment.objects.filter(pk=assessment.pk).update(answers=assessment.answers)  # keeps its date
