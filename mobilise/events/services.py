"""Every staff write to the programme: themes, events, publishing, cancelling, duplicating, and messages to all
registrants. Seats are seats.py's business."""

from datetime import datetime
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import F, QuerySet
from django.utils import timezone
from django.utils.text import slugify

from mobilise.core.tasks import enqueue_on_commit
from mobilise.core.uploads import clean_name

from . import attendance, follow, follow_up, mails, materials, schedule, seats, tasks
from .attendance import Matching
from .attendance_files import AttendanceFile, read_attendance
from .models import AttendanceUpload, Event, EventStatus, Registration, RegistrationStatus, Sent, Theme

# A change to any of these is a change to the calendar entry registrants hold: they are sent it again.
CALENDAR_FIELDS = ("title", "start", "duration_minutes", "format", "venue", "joining_link")


class NotAllowed(Exception):
    """The event's status does not allow this (publishing a cancelled event, say)."""


# Addresses under /events/ that are not events.
RESERVED_SLUGS = {"feed", "manage", "your-registration", "themes", "follow", "past"}


def unique_slug(model: type[Theme] | type[Event], text: str, *, exclude: int | None = None) -> str:
    base = slugify(text)[:70] or "event"
    slug, n = base, 1
    others = model.objects.exclude(pk=exclude) if exclude is not None else model.objects.all()
    while slug in RESERVED_SLUGS or others.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


@transaction.atomic
def save_theme(*, theme: Theme | None = None, fields: dict[str, Any]) -> Theme:
    theme = theme or Theme()
    for name, value in fields.items():
        setattr(theme, name, value)
    if not theme.slug:
        theme.slug = unique_slug(Theme, f"{theme.title} {theme.year}", exclude=theme.pk)
    theme.save()
    return theme


@transaction.atomic
def save_event(
    *, event: Event | None = None, fields: dict[str, Any], people: dict[str, Any] | None = None
) -> tuple[Event, list[str]]:
    """Create or change an event; people holds the many-to-many fields (speakers, panel, projects). Returns the
    event and the calendar fields that changed: when it has registrants, they are sent the updated invitation
    (SEQUENCE raised), and reminders are scheduled again for a new time."""
    creating = event is None
    event = event or Event()
    before = {name: getattr(event, name) for name in CALENDAR_FIELDS} if not creating else {}
    link_was_shared = not creating and mails.link_shared(event)
    for name, value in fields.items():
        setattr(event, name, value)
    if not event.slug:
        event.slug = unique_slug(Event, event.title, exclude=event.pk)
    changed = [name for name in CALENDAR_FIELDS if not creating and before[name] != getattr(event, name)]
    event.save()
    for name, values in (people or {}).items():
        getattr(event, name).set(values)
    if link_was_shared and "joining_link" in changed and event.joining_link:
        # Registrants had the old link: the change message carries the new one, and it counts as sent.
        Sent.objects.get_or_create(event=event, kind=mails.joining_kind(event))
    if changed and event.status == EventStatus.PUBLISHED:
        Event.objects.filter(pk=event.pk).update(sequence=F("sequence") + 1)
        event.refresh_from_db(fields=["sequence"])
        if event.registrations.filter(status=RegistrationStatus.CONFIRMED).exists():
            enqueue_on_commit(tasks.send_change, event_id=event.pk, what=describe(changed))
    if not creating and ("start" in changed or "capacity" in fields):
        seats.offer_free_seats(event=event)
    if event.status == EventStatus.PUBLISHED and (creating or "start" in changed):
        schedule.plan(event)
    return event, changed


def describe(changed: list[str]) -> str:
    if "start" in changed or "duration_minutes" in changed:
        return "The time of this event has changed."
    if "joining_link" in changed:
        return "The joining link has changed: please use the new one."
    if "venue" in changed or "format" in changed:
        return "Where this event takes place has changed."
    return "The details of this event have changed."


@transaction.atomic
def publish(*, event: Event) -> None:
    if event.status != EventStatus.DRAFT:
        raise NotAllowed
    Event.objects.filter(pk=event.pk).update(status=EventStatus.PUBLISHED)
    event.status = EventStatus.PUBLISHED
    schedule.plan(event)
    follow.announce_published(event)


@transaction.atomic
def cancel_event(*, event: Event) -> None:
    """Cancel the event: everyone confirmed is sent METHOD:CANCEL with a raised SEQUENCE; offers and the
    waiting list end (they are told too)."""
    if event.status not in (EventStatus.DRAFT, EventStatus.PUBLISHED):
        raise NotAllowed
    Event.objects.filter(pk=event.pk).update(status=EventStatus.CANCELLED, sequence=F("sequence") + 1)
    event.refresh_from_db(fields=["status", "sequence"])
    enqueue_on_commit(tasks.send_event_cancelled, event_id=event.pk)


@transaction.atomic
def mark_held(*, event: Event, recording_url: str, slides_url: str, materials_public: bool) -> None:
    """The event took place: its recording and slides (public only if the organiser chooses), and its feedback
    form, made now so that the follow-up can link to it."""
    Event.objects.filter(pk=event.pk).update(
        status=EventStatus.HELD, recording_url=recording_url, slides_url=slides_url, materials_public=materials_public
    )
    event.status, event.recording_url, event.slides_url = EventStatus.HELD, recording_url, slides_url
    event.materials_public = materials_public
    follow_up.feedback_form(event)
    follow.announce_recording(event)


@transaction.atomic
def save_materials(
    *, event: Event, uploads: dict[str, UploadedFile], remove: list[str], materials_public: bool
) -> None:
    """Store the event's new files (checked already: forms.MaterialsForm), take away those removed, and say
    whether everyone may have them after the event. Replaced files are deleted once the change is committed."""
    replaced: list[tuple[Any, str]] = []
    fields = ["materials_public"]
    for name, kind in materials.KINDS.items():
        current = kind.file(event)
        if name not in uploads and name not in remove:
            continue
        if current and current.name:
            replaced.append((current.storage, current.name))
        if name in uploads:
            upload = uploads[name]
            current.save(upload.name or name, upload, save=False)
            setattr(event, f"{name}_name", clean_name(upload.name or name))
            setattr(event, f"{name}_size", upload.size or 0)
        else:
            setattr(event, f"{name}_file", "")
            setattr(event, f"{name}_name", "")
            setattr(event, f"{name}_size", 0)
        fields += [f"{name}_file", f"{name}_name", f"{name}_size"]
    event.materials_public = materials_public
    event.save(update_fields=fields)

    def delete_replaced() -> None:
        for storage, path in replaced:
            storage.delete(path)

    transaction.on_commit(delete_replaced)
    if materials.happened(event):
        follow.announce_recording(event)


class AlreadySent(Exception):
    """The follow-up has been sent already."""


@transaction.atomic
def send_follow_up(*, event: Event) -> tuple[int, int]:
    """Email the follow-up once: attendees and no-shows get different messages. Returns (attendees, others)."""
    if event.status != EventStatus.HELD:
        raise NotAllowed
    _, created = Sent.objects.get_or_create(event=event, kind=follow_up.KIND)
    if not created:
        raise AlreadySent
    counts = follow_up.audience_counts(event)
    enqueue_on_commit(tasks.send_follow_up, event_id=event.pk)
    return counts


@transaction.atomic
def duplicate(*, event: Event, start: datetime) -> Event:
    """A new draft with the event's details, people and project examples, at a new time; no registrations."""
    copy = Event(
        theme=event.theme,
        title=event.title,
        slug=unique_slug(Event, f"{event.title} {timezone.localdate(start).isoformat()}"),
        description=event.description,
        start=start,
        duration_minutes=event.duration_minutes,
        format=event.format,
        venue=event.venue,
        access_information=event.access_information,
        capacity=event.capacity,
    )
    copy.save()
    copy.speakers.set(event.speakers.all())
    copy.panel.set(event.panel.all())
    copy.projects.set(event.projects.all())
    return copy


def recipients(event: Event, audience: str) -> QuerySet[Registration]:
    statuses = {
        "confirmed": [RegistrationStatus.CONFIRMED],
        "waiting": [RegistrationStatus.WAITING, RegistrationStatus.OFFERED],
        "all": [RegistrationStatus.CONFIRMED, RegistrationStatus.WAITING, RegistrationStatus.OFFERED],
    }[audience]
    return event.registrations.filter(status__in=statuses, erased_at__isnull=True)


@transaction.atomic
def message_all(*, event: Event, audience: str, subject: str, text: str) -> int:
    """Email everyone in the audience (confirmed, waiting, or all active); how many will be sent it."""
    count = recipients(event, audience).count()
    enqueue_on_commit(tasks.send_message, event_id=event.pk, audience=audience, subject=subject, text=text)
    return count


# -- Attendance ------------------------------------------------------------------------------------------------


def attendance_allowed(event: Event, now: datetime | None = None) -> bool:
    """Attendance is recorded once the event has begun (check-in from the start of its day), unless cancelled."""
    now = now or timezone.now()
    started = timezone.localdate(now) >= timezone.localdate(event.start)
    return event.status in (EventStatus.PUBLISHED, EventStatus.HELD) and started


@transaction.atomic
def upload_attendance(
    *, event: Event, filename: str, content: bytes, by: Any
) -> tuple[AttendanceUpload | None, AttendanceFile]:
    """Read the report; a file with problems keeps nothing. A readable one is kept for the confirm page, in place
    of any earlier upload for the event not yet confirmed."""
    report = read_attendance(content, filename)
    if report.problems:
        return None, report
    event.attendance_uploads.filter(imported_at__isnull=True).delete()
    upload = AttendanceUpload.objects.create(event=event, filename=filename[:255], content=content, by=by)
    return upload, report


class AlreadyImported(Exception):
    """The upload's attendance has been saved already."""


@transaction.atomic
def save_attendance(*, upload: AttendanceUpload, now: datetime | None = None) -> Matching:
    """Everything the report matched, or nothing: the matched registrants attended (minutes, first join, last
    leave); confirmed registrants not in the file did not, unless they were checked in at the door."""
    locked = AttendanceUpload.objects.select_for_update().get(pk=upload.pk)
    if locked.imported_at is not None:
        raise AlreadyImported
    result = attendance.match(upload.event, attendance.read_upload(locked))
    for found in result.matched:
        registration, person = found.registration, found.attendee
        registration.attended, registration.minutes_attended = True, person.minutes_attended
        registration.joined_at, registration.left_at = person.first_join, person.last_leave
    for registration in result.absent:
        if registration.checked_in_at is None:
            registration.attended, registration.minutes_attended = False, None
            registration.joined_at = registration.left_at = None
    fields = ["attended", "minutes_attended", "joined_at", "left_at"]
    Registration.objects.bulk_update([m.registration for m in result.matched] + result.absent, fields, batch_size=500)
    locked.imported_at, locked.content = now or timezone.now(), b""
    locked.save(update_fields=["imported_at", "content"])
    return result


@transaction.atomic
def check_in(*, registration: Registration, undo: bool = False, now: datetime | None = None) -> None:
    """Check a registrant in at the door (or undo a mistaken check-in)."""
    if undo:
        Registration.objects.filter(pk=registration.pk).update(checked_in_at=None, attended=None)
        registration.checked_in_at, registration.attended = None, None
        return
    when = now or timezone.now()
    Registration.objects.filter(pk=registration.pk).update(checked_in_at=when, attended=True)
    registration.checked_in_at, registration.attended = when, True
