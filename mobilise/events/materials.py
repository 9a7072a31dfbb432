"""An event's files: its slides, its recording and the recording's captions, uploaded by staff and kept private
(core/uploads.py: checked by their content, stored under a random name, served only through `serve_private`).

Staff can download them at any time. Everyone else sees them only after the event: registrants with a place
through their personal link, and the public once the organiser shows the materials to everyone, and only for an
event that was published (never a draft, never a cancelled one)."""

from dataclasses import dataclass
from datetime import datetime
from pathlib import PurePath

from django.conf import settings
from django.db.models.fields.files import FieldFile
from django.utils import timezone

from mobilise.core.uploads import MEDIA_TYPES, TYPES

from .models import Event, EventStatus


@dataclass(frozen=True)
class Kind:
    name: str
    label: str
    types: tuple[str, ...]
    allowed: str  # after "must be"
    help: str

    def file(self, event: Event) -> FieldFile:
        return getattr(event, f"{self.name}_file")

    def file_name(self, event: Event) -> str:
        return getattr(event, f"{self.name}_name")

    @property
    def max_bytes(self) -> int:
        return settings.EVENTS_MATERIALS_MAX_MB * 1024 * 1024


KINDS = {
    k.name: k
    for k in (
        Kind("slides", "Slides", (".pdf", ".pptx"), "a PDF or PowerPoint (.pptx) file", "PDF or PowerPoint (.pptx)"),
        Kind("recording", "Recording", (".mp4",), "an MP4 video", "MP4 video"),
        Kind("captions", "Captions or transcript", (".vtt",), "a WebVTT captions file (.vtt)", "WebVTT (.vtt)"),
    )
}


def content_type(kind: Kind, event: Event) -> str:
    suffix = PurePath(kind.file(event).name or "").suffix.lower()
    return {**TYPES, **MEDIA_TYPES}.get(suffix, ("", "application/octet-stream"))[1]


def happened(event: Event, now: datetime | None = None) -> bool:
    """The event was published and has begun (or was marked held)."""
    published = event.status in (EventStatus.PUBLISHED, EventStatus.HELD)
    return published and (event.status == EventStatus.HELD or event.start <= (now or timezone.now()))


def public(event: Event, now: datetime | None = None) -> bool:
    """Whether everyone may have the event's files now."""
    return event.materials_public and happened(event, now)


@dataclass(frozen=True)
class Material:
    """One file to offer on a page: its kind, the name it downloads as, and its size."""

    kind: Kind
    name: str
    size: int

    @property
    def described(self) -> str:
        megabytes = self.size / (1024 * 1024)
        size = f"{megabytes:.1f} MB" if megabytes >= 0.1 else f"{max(1, round(self.size / 1024))} KB"
        return f"{PurePath(self.name).suffix.lstrip('.').upper()}, {size}"


def of(event: Event) -> list[Material]:
    """The event's uploaded files, in the order of KINDS (no query: the names and sizes are on the event)."""
    return [
        Material(kind, kind.file_name(event), getattr(event, f"{kind.name}_size"))
        for kind in KINDS.values()
        if kind.file(event)
    ]
