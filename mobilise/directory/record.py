"""What higher apps know about a person, shown on their directory record (webinars attended, say).

The directory sits below every app that deals with people, so it cannot import them: they fill the RECORD hook.
With no provider registered, the person's page shows nothing more.
"""

import datetime
from dataclasses import dataclass

from mobilise.core import hooks

from .models import Person

RECORD = hooks.declare(
    "directory.record",
    """Sections for a person's directory record.

    A provider is called as provider(person, user) -> RecordSection | None, for a user who may see the person (the
    view has checked), in at most two queries whatever the number of rows, and none when the person has no email
    address. It returns only what the person agreed may be shown, newest first.""",
)


@dataclass(frozen=True)
class RecordRow:
    when: datetime.datetime  # timezone-aware
    title: str
    detail: str = ""
    url: str = ""


@dataclass(frozen=True)
class RecordSection:
    heading: str
    rows: list[RecordRow]
    note: str = ""  # says where the rows come from and on what consent


def sections(person: Person, user) -> list[RecordSection]:
    found = (provider(person, user) for provider in RECORD.providers)
    return [section for section in found if section is not None and section.rows]
