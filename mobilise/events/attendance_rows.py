"""What the Teams and Zoom readers share: the problems found so far, row by row; the times in a report, read in the
file's own day-month order as UK time; the columns of a table found by their headings; one session read
from a row.

See attendance_files for the formats themselves.
"""

import datetime
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from mobilise.core.tables import Problem

LONDON = ZoneInfo("Europe/London")
MAX_PROBLEMS = 100

# A date and a time as Teams and Zoom write them in English locales: "3/18/26, 9:58:12 AM", "18/03/2026, 09:58:12",
# "03/18/2026 09:58:12 AM", "2026-03-18 09:58:12"; seconds optional. Browsers put a narrow no-break space before AM.
_WHEN = re.compile(
    r"(?P<a>\d{1,4})[/.-](?P<b>\d{1,2})[/.-](?P<c>\d{1,4}),?[ T\u202f\xa0]+"
    r"(?P<hour>\d{1,2}):(?P<minute>\d{2})(?::(?P<second>\d{2}))?(?:[ \u202f\xa0]?(?P<half>[AaPp])\.?[Mm]\.?)?"
)
# "1h 2m 3s", "2m 3s", "45s", "1h"
_DURATION = re.compile(r"(?:(\d+)\s*h)?\s*(?:(\d+)\s*m(?:in)?)?\s*(?:(\d+)\s*s)?", re.IGNORECASE)


class Problems:
    """The problems of one file in row order, each naming its row as the file counts it (the first line is row 1),
    up to MAX_PROBLEMS of them, then one more saying there are more. Problems with the whole file come first."""

    def __init__(self) -> None:
        self.found: list[tuple[int, str]] = []
        self.count = 0  # all problems found, listed or not

    def add(self, row: int, message: str) -> None:
        self._keep(row, str(Problem(row, message)))

    def whole(self, message: str) -> None:
        """A problem with the file as a whole, not with one row."""
        self._keep(0, message)

    def _keep(self, row: int, message: str) -> None:
        self.count += 1
        if len(self.found) < MAX_PROBLEMS:
            self.found.append((row, message))

    @property
    def messages(self) -> list[str]:
        listed = [message for _, message in sorted(self.found, key=lambda found: found[0])]
        if self.count > MAX_PROBLEMS:
            listed.append(f"The file has more than {MAX_PROBLEMS} problems; the first are listed above.")
        return listed

    def __bool__(self) -> bool:
        return self.count > 0


def _clean(text: str) -> str:
    return " ".join(text.replace("\u202f", " ").replace("\xa0", " ").split())


def _parts(text: str) -> re.Match[str] | None:
    return _WHEN.fullmatch(text.strip()) if ":" in text else None


class Clock:
    """Reads a report's times. Numeric dates are ambiguous (3/4/2026), so the order is decided once for the whole
    file: by the dates whose first number is over 12 (day first) or whose second is (month first), whichever are
    more; if none settles it, a 12-hour clock means an American locale (month first), else `month_first` decides.
    A time without a zone is UK time: Teams writes the organiser's local time and Zoom the account's."""

    def __init__(self, texts: Iterable[str], month_first: bool):
        day_first_dates = month_first_dates = twelve_hour = 0
        for text in texts:
            found = _parts(text) if len(text) < 40 else None
            if found is None or len(found["a"]) == 4:
                continue
            day_first_dates += int(found["a"]) > 12
            month_first_dates += int(found["b"]) > 12
            twelve_hour += bool(found["half"])
        if day_first_dates != month_first_dates:
            self.month_first = month_first_dates > day_first_dates
        else:
            self.month_first = month_first or bool(twelve_hour)

    def read(self, text: str, label: str, row: int, problems: Problems) -> datetime.datetime | None:
        """The aware time the text names, or None after adding the problem to `problems`."""
        if not text.strip():
            problems.add(row, f"the {label} is blank")
            return None
        found = _parts(text)
        when = self._local(found) if found else None
        if when is None:
            problems.add(row, f"the {label} “{text}” is not a date and time")
            return None
        # the UK's clocks skip 01:00-02:00 on the last Sunday of March; a time in the gap does not survive UTC
        if when.hour == 1 and when.astimezone(datetime.UTC).astimezone(LONDON).hour != 1:
            problems.add(row, f"the {label} “{text}” is not a UK time: the clocks skipped that hour")
            return None
        return when

    def _local(self, found: re.Match[str]) -> datetime.datetime | None:
        a, b, c = int(found["a"]), int(found["b"]), int(found["c"])
        if len(found["a"]) == 4:
            year, month, day = a, b, c
        elif self.month_first:
            month, day, year = a, b, c
        else:
            day, month, year = a, b, c
        if len(found["c"]) == 2 and len(found["a"]) != 4:
            year += 2000
        if not 2000 <= year < 2100:  # also refuses a year of one or three digits
            return None
        hour, minute, second = int(found["hour"]), int(found["minute"]), int(found["second"] or 0)
        if found["half"]:
            if not 1 <= hour <= 12:
                return None
            hour = hour % 12 + (12 if found["half"].lower() == "p" else 0)
        try:
            return datetime.datetime(year, month, day, hour, minute, second, tzinfo=LONDON)
        except ValueError:
            return None


def duration_seconds(text: str) -> int | None:
    """Seconds in a Teams duration such as "1h 2m 3s", or None if it is not one."""
    found = _DURATION.fullmatch(text.strip())
    if not text.strip() or found is None or not any(found.groups()):
        return None
    hours, minutes, seconds = (int(g or 0) for g in found.groups())
    return hours * 3600 + minutes * 60 + seconds


class Columns:
    """Where a table's columns are, found by their headings whatever their case."""

    def __init__(self, headers: Sequence[str]):
        self.index: dict[str, int] = {}
        for i, header in enumerate(headers):
            self.index.setdefault(_clean(header).casefold(), i)

    def find(self, *names: str) -> int | None:
        """The first column whose heading is one of `names` or, for a name ending in "*", starts with it."""
        for name in names:
            for heading, i in self.index.items():
                if heading == name or (name.endswith("*") and heading.startswith(name[:-1])):
                    return i
        return None

    def missing(self, row: int, problems: Problems, **wanted: int | None) -> bool:
        """Adds a problem for each column not found (wanted: its label and where it was found, or None)."""
        for label, at in wanted.items():
            if at is None:
                problems.add(row, f"the table has no “{label.replace('_', ' ').title()}” column")
        return any(at is None for at in wanted.values())


def cell(row: Sequence[str], at: int | None) -> str:
    return row[at] if at is not None and at < len(row) else ""


@dataclass(frozen=True)
class Session:
    """One stay in the meeting, as a row of the file gives it (its number in the file, as in a problem)."""

    row: int
    name: str
    email: str
    joined: datetime.datetime
    left: datetime.datetime


def read_session(
    number: int, name: str, email: str, times: tuple[str, str], clock: Clock, problems: Problems
) -> Session | None:
    """A Session from a row's cells, or None after adding each of its problems."""
    name, email = _clean(name), email.strip()
    count = problems.count
    if not name and not email:
        problems.add(number, "the row has neither a name nor an email address")
    if email and not re.fullmatch(r"[^@\s]+@[^@\s]+", email):
        problems.add(number, f"the email address “{email}” is not an email address")
    joined = clock.read(times[0], "join time", number, problems)
    left = clock.read(times[1], "leave time", number, problems)
    if joined and left and left < joined:
        problems.add(number, f"the leave time “{times[1]}” is before the join time “{times[0]}”")
    if problems.count > count or joined is None or left is None:
        return None
    return Session(number, name, email, joined, left)


@dataclass
class Report:
    """What one reader found in a file: which format, the meeting's title and times if it gives them, the sessions."""

    source: str
    title: str = ""
    start: datetime.datetime | None = None
    end: datetime.datetime | None = None
    sessions: list[Session] = field(default_factory=list)
