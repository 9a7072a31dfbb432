"""Webinars a person attended, for their directory record (the directory.record hook) and for the stakeholder
timelines of the projects they are a stakeholder of (the stakeholders.timeline hook); both filled in
EventsConfig.ready().

A registration is matched to a directory person by email address, whatever its case. Only attendance the person
agreed may be shown is: the registration form has no consent for "my record", so the nearest one stands for it,
agreeing to appear on the attendee list (name and organisation shown as having attended). Erased registrations
never show."""

from typing import Any

from django.db.models import OuterRef, QuerySet, Subquery
from django.db.models.functions import Lower
from django.urls import reverse

from mobilise.directory.models import Person
from mobilise.directory.record import RecordRow, RecordSection
from mobilise.projects.models import Project
from mobilise.projects.rules import is_organisation_staff
from mobilise.stakeholders import access as stakeholder_access
from mobilise.stakeholders.models import Stakeholder
from mobilise.stakeholders.timeline import Cursor, Entry, older

from .models import Registration

KIND = "webinar"
NOTE = "Webinars they attended and agreed to appear on the attendee list of."


def _attendance(addresses: Any) -> QuerySet[Registration]:
    """Attendance that may be shown, of registrations whose lower-cased address is among `addresses` (a set or a
    subquery)."""
    return (
        Registration.objects.annotate(address=Lower("email"))
        .filter(address__in=addresses, attended=True, consent_attendee_list=True, erased_at__isnull=True)
        .select_related("event")
    )


def shown(emails: set[str]) -> QuerySet[Registration]:
    """Attendance that may be shown, of registrations with any of these (lower-cased) addresses."""
    return _attendance(emails)


def _detail(registration: Registration) -> str:
    minutes = f"{registration.minutes_attended} minutes" if registration.minutes_attended else ""
    door = "checked in" if registration.checked_in_at else ""
    return ", ".join(filter(None, ["Attended", minutes, door]))


def record(person: Person, user: Any) -> RecordSection | None:
    """One query; none without an email address."""
    if not person.email:
        return None
    staff = is_organisation_staff(user)
    rows = []
    for r in shown({person.email.lower()}).order_by("-event__start", "-pk")[:100]:
        url = (
            reverse("events:manage-event", args=[r.event_id]) if staff else reverse("events:event", args=[r.event.slug])
        )
        rows.append(RecordRow(when=r.event.start, title=r.event.title, detail=_detail(r), url=url))
    return RecordSection(heading="Webinars attended", rows=rows, note=NOTE)


def timeline_entries(
    project: Project, stakeholder: Stakeholder | None = None, before: Cursor | None = None, limit: int = 50
) -> list[Entry]:
    """One query: the attendance of the project's stakeholders who are directory people, each row with the
    stakeholder's name."""
    holders = stakeholder_access.named_stakeholders(project).filter(person__isnull=False).exclude(person__email="")
    if stakeholder is not None:
        holders = holders.filter(pk=stakeholder.pk)
    addresses = holders.annotate(lowered=Lower("person__email"))
    same = addresses.filter(lowered=OuterRef("address")).order_by("pk")
    rows = (
        _attendance(addresses.values("lowered"))
        .annotate(holder=Subquery(same.values("person__full_name")[:1]))
        .filter(older(before, KIND, "event__start"))
        .order_by("-event__start", "-pk")[:limit]
    )
    return [
        Entry(
            when=r.event.start,
            kind=KIND,
            pk=r.pk,
            title=f"Attended the webinar “{r.event.title}”",
            url=reverse("events:event", args=[r.event.slug]),
            detail=_detail(r),
            people=(r.holder,) if r.holder else (),
        )
        for r in rows
    ]
