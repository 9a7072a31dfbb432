"""Reading a Microsoft Teams attendance report: the current one in numbered sections, and the older single table
of joins and leaves. The formats are described in attendance_files."""

import datetime
import re
from collections.abc import Sequence

from .attendance_rows import Clock, Columns, Problems, Report, Session, cell, duration_seconds, read_session

SOURCE = "Microsoft Teams"
LEGACY_SOURCE = "Microsoft Teams (older attendance list)"

_TITLE = re.compile(r"\d+\.\s*(?P<name>\S.*)")
_SECTIONS = {"summary": "summary", "participants": "participants", "activit": "activities"}

MAX_HEAD = 50  # rows in which the start of a report is looked for
Numbered = list[tuple[int, list[str]]]  # rows with their numbers in the file


def _section(row: Sequence[str]) -> str | None:
    """The section a title row such as "3. In-Meeting Activities" starts, or None if the row is not a title."""
    found = _TITLE.fullmatch(row[0]) if row and not any(row[1:]) else None
    if found is None:
        return None
    name = found["name"].casefold()
    return next((key for word, key in _SECTIONS.items() if word in name), "other")


def is_sectioned(rows: Sequence[Sequence[str]]) -> bool:
    titles = {_section(row) for row in rows[:MAX_HEAD]}
    return "participants" in titles or "activities" in titles or "summary" in titles


def is_legacy(rows: Sequence[Sequence[str]]) -> bool:
    first = next((row for row in rows[:MAX_HEAD] if any(row)), [])
    return Columns(first).find("user action") is not None


def _sections(rows: Sequence[list[str]]) -> dict[str, Numbered]:
    sections: dict[str, Numbered] = {}
    current: Numbered | None = None
    for number, row in enumerate(rows, 1):
        key = _section(row)
        if key is not None:
            current = sections.setdefault(key, [])
        elif current is not None and any(row):
            current.append((number, row))
    return sections


def _summary(rows: Numbered, clock: Clock, problems: Problems, report: Report) -> None:
    for number, row in rows:
        key, value = row[0].casefold(), cell(row, 1)
        if key == "meeting title":
            report.title = value
        elif key in ("start time", "end time") and value:
            when = clock.read(value, key, number, problems)
            if key == "start time":
                report.start = when
            else:
                report.end = when
        elif key in ("meeting duration", "average attendance time") and value and duration_seconds(value) is None:
            problems.add(number, f"the {key} “{value}” is not a duration such as 1h 2m 3s")


def _table(rows: Numbered, names: tuple[str, str, str], clock: Clock, problems: Problems) -> list[Session]:
    """The sessions of the participants or activities table: its headings first, then a row for each."""
    if not rows:
        return []
    number, headers = rows[0]
    columns = Columns(headers)
    name, joined, left = (columns.find(n) for n in names)
    if columns.missing(number, problems, **{names[0]: name, names[1]: joined, names[2]: left}):
        return []
    email, upn = columns.find("email"), columns.find("participant id (upn)")
    sessions = []
    for number, row in rows[1:]:
        address = cell(row, email) or (cell(row, upn) if "@" in cell(row, upn) else "")
        times = (cell(row, joined), cell(row, left))
        session = read_session(number, cell(row, name), address, times, clock, problems)
        if session:
            sessions.append(session)
    return sessions


def read_sectioned(rows: Sequence[list[str]], problems: Problems) -> Report:
    """The activities give each stay in the meeting; a report without them falls back on each participant's first
    join and last leave."""
    clock = Clock((c for row in rows for c in row), month_first=False)
    sections = _sections(rows)
    report = Report(SOURCE)
    _summary(sections.get("summary", []), clock, problems, report)
    participants = _table(sections.get("participants", []), ("name", "first join", "last leave"), clock, problems)
    activities = _table(sections.get("activities", []), ("name", "join time", "leave time"), clock, problems)
    report.sessions = activities or participants
    return report


def read_legacy(rows: Sequence[list[str]], problems: Problems) -> Report:
    """Pairs each person's joins and leaves in time order. A join still open at the end of the list (the person was
    there when it was downloaded) ends at the list's last time; a leave with no join before it is a problem."""
    clock = Clock((c for row in rows for c in row), month_first=False)
    start = next(i for i, row in enumerate(rows) if any(row))
    columns = Columns(rows[start])
    name, action, stamp = columns.find("full name", "name"), columns.find("user action"), columns.find("timestamp")
    report = Report(LEGACY_SOURCE)
    if columns.missing(start + 1, problems, full_name=name, user_action=action, timestamp=stamp):
        return report
    events: list[tuple[datetime.datetime, int, str, bool]] = []
    for number, row in enumerate(rows[start + 1 :], start + 2):
        if not any(row):
            continue
        who, what = " ".join(cell(row, name).split()), cell(row, action).casefold()
        when = clock.read(cell(row, stamp), "timestamp", number, problems)
        if not who:
            problems.add(number, "the name is blank")
        if not what.startswith(("joined", "left")):
            problems.add(number, f"the action “{cell(row, action)}” is neither Joined nor Left")
        elif when and who:
            events.append((when, number, who, what.startswith("joined")))
    if events:
        report.sessions = _pair(sorted(events), problems)
    return report


def _pair(events: list[tuple[datetime.datetime, int, str, bool]], problems: Problems) -> list[Session]:
    last = events[-1][0]
    open_joins: dict[str, tuple[datetime.datetime, int, str]] = {}
    sessions = []
    for when, number, who, joined in events:
        key = who.casefold()
        if joined:
            open_joins.setdefault(key, (when, number, who))  # a second join while there (another device) adds nothing
        elif key in open_joins:
            start, row, name = open_joins.pop(key)
            sessions.append(Session(row, name, "", start, when))
        else:
            problems.add(number, f"{who} left without having joined")
    sessions.extend(Session(row, name, "", start, last) for start, row, name in open_joins.values())
    return sessions
