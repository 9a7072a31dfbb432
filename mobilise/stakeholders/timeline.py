"""Timelines gather dated entries from every app with something to show for a project or one stakeholder.

The stakeholder map sits below the job apps, so it cannot import them: they fill the TIMELINE hook instead.
Entries are ordered newest first by (when, kind, pk), a total order; a page ends at the Cursor of its last
entry, and the next page holds the entries strictly after that cursor in this order (strictly older), so paging
neither skips nor repeats entries that share an instant.
"""

import datetime
import re
from collections.abc import Collection
from dataclasses import dataclass, field
from typing import NamedTuple

from django.db.models import Q
from django.utils import timezone

from mobilise.core import hooks
from mobilise.projects.models import Project

from .models import Stakeholder

TIMELINE = hooks.declare(
    "stakeholders.timeline",
    """Dated entries for a project's timeline and for each stakeholder's.

    Called as provider(project, stakeholder=None, before=None, limit=50) -> list[Entry]: up to `limit` entries of
    the project (or only those involving the stakeholder), newest first by (when, kind, pk), all strictly older
    than the Cursor `before` when it is given (`older()` builds that filter). Each provider uses a fixed number of
    queries however many entries there are.""",
)


@dataclass(frozen=True)
class Entry:
    when: datetime.datetime  # timezone-aware
    kind: str  # for example "interaction", "action", "workshop", "output"
    pk: int  # of the row the entry shows, unique within its kind
    title: str
    url: str
    detail: str = ""
    people: tuple = field(default=())  # names of the stakeholders involved

    @property
    def cursor(self) -> "Cursor":
        return Cursor(self.when, self.kind, self.pk)


class Cursor(NamedTuple):
    """A position in the timeline: the entry (when, kind, pk) that the previous page ended with."""

    when: datetime.datetime
    kind: str
    pk: int

    def __str__(self) -> str:
        return f"{self.when.astimezone(datetime.UTC).isoformat()}~{self.kind}~{self.pk}"


_CURSOR = re.compile(
    r"(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,6})?(?:Z|[+-]\d{2}:\d{2}))~([a-z_]{1,40})~(\d{1,18})", re.ASCII
)
# A day inside the range a date can hold, so that moving the cursor to any time zone cannot overflow.
_EARLIEST = datetime.datetime(1, 1, 2, tzinfo=datetime.UTC)
_LATEST = datetime.datetime(9999, 12, 30, tzinfo=datetime.UTC)


def parse_cursor(value: str) -> Cursor | None:
    """The cursor written by str(Cursor), or None for anything else, out of range values included."""
    match = _CURSOR.fullmatch(value or "")
    if match is None:
        return None
    try:
        when = datetime.datetime.fromisoformat(match[1]).astimezone(datetime.UTC)
    except (ValueError, OverflowError):
        return None
    if not _EARLIEST <= when <= _LATEST:
        return None
    return Cursor(when, match[2], int(match[3]))


def at_hour(day: datetime.date, hour: int) -> datetime.datetime:
    """The instant an entry that carries only a date is placed at: a fixed local hour of its day."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def older(before: Cursor | None, kind: str, field: str, *, hour: int | None = None) -> Q:
    """The rows of one kind whose entries come strictly after `before` in timeline order.

    field names what the entry's `when` is read from: a DateTimeField, or with `hour` a DateField whose entries
    sit at that hour of their day (at_hour). Rows are compared on (field, pk)."""
    if before is None:
        return Q()
    same: Q | None
    if hour is None:
        earlier, same = Q(**{f"{field}__lt": before.when}), Q(**{field: before.when})
    else:
        day = timezone.localtime(before.when).date()
        stamp = at_hour(day, hour)
        earlier = Q(**{f"{field}__lte" if stamp < before.when else f"{field}__lt": day})
        same = Q(**{field: day}) if stamp == before.when else None
    if same is None or kind > before.kind:
        return earlier
    if kind < before.kind:
        return earlier | same
    return earlier | (same & Q(pk__lt=before.pk))


def _order(entry: Entry) -> tuple:
    return (entry.when, entry.kind, entry.pk)


def entries(
    project: Project,
    *,
    stakeholder: Stakeholder | None = None,
    kinds: Collection[str] | None = None,
    before: Cursor | None = None,
    limit: int = 50,
) -> list[Entry]:
    """The newest `limit` entries strictly older than `before`, from every provider, merged newest first.

    Page on by passing the last entry's cursor as `before`: each page costs a fixed number of queries however
    long the timeline is."""
    merged = []
    for provider in TIMELINE.providers:
        merged.extend(provider(project, stakeholder=stakeholder, before=before, limit=limit))
    if kinds:
        merged = [e for e in merged if e.kind in kinds]
    merged.sort(key=_order, reverse=True)
    return merged[:limit]
