"""Matching an attendance report (attendance_files) to an event's registrations, for the confirm page and the save.

A person in the report is matched on their email address, lower-cased; failing that, on their name exactly as
registered (spaces tidied, and the "(Guest)" Teams adds to people who joined anonymously left off), when exactly
one registrant not matched already has that name. Cancelled and erased registrations are never matched; a
person registered twice (cancelled, then again) matches the live registration. What is left over is shown:
the people in the file who matched nobody (often the organisers and speakers), and the registrants with a
place who are not in the file (the no-shows)."""

import re
from dataclasses import dataclass

from .attendance_files import AttendanceFile, Attendee, read_attendance
from .models import AttendanceUpload, Event, Registration, RegistrationStatus

_GUEST = re.compile(r"\s*\((guest|external|unverified)\)\s*$", re.IGNORECASE)


def _name(text: str) -> str:
    return " ".join(_GUEST.sub("", text).split())


@dataclass(frozen=True)
class Match:
    registration: Registration
    attendee: Attendee
    by: str  # "email" or "name"


@dataclass(frozen=True)
class Matching:
    report: AttendanceFile
    matched: list[Match]
    unmatched: list[Attendee]  # in the file, matched to nobody
    absent: list[Registration]  # confirmed registrants not in the file


def candidates(event: Event) -> list[Registration]:
    """The registrations a report may match, in one query: live ones first, so that they win over older ones."""
    live = [RegistrationStatus.CONFIRMED, RegistrationStatus.OFFERED, RegistrationStatus.WAITING]
    rows = event.registrations.filter(status__in=live, erased_at__isnull=True).order_by("created", "pk")
    return sorted(rows, key=lambda r: r.status != RegistrationStatus.CONFIRMED)


def match(event: Event, report: AttendanceFile) -> Matching:
    registrations = candidates(event)
    by_email: dict[str, Registration] = {}
    for registration in registrations:
        by_email.setdefault(registration.email.casefold(), registration)
    taken: set[int] = set()
    matched: list[Match] = []
    later: list[Attendee] = []
    for attendee in report.people:
        found = by_email.get(attendee.email.casefold()) if attendee.email else None
        if found is not None and found.pk not in taken:
            taken.add(found.pk)
            matched.append(Match(found, attendee, "email"))
        else:
            later.append(attendee)
    unmatched = []
    for attendee in later:
        same = [r for r in registrations if r.pk not in taken and _name(r.name) == _name(attendee.name)]
        if len(same) == 1:
            taken.add(same[0].pk)
            matched.append(Match(same[0], attendee, "name"))
        else:
            unmatched.append(attendee)
    matched.sort(key=lambda m: (m.registration.name.casefold(), m.registration.pk))
    absent = [r for r in registrations if r.status == RegistrationStatus.CONFIRMED and r.pk not in taken]
    return Matching(report, matched, unmatched, absent)


def read_upload(upload: AttendanceUpload) -> AttendanceFile:
    return read_attendance(bytes(upload.content), upload.filename)
