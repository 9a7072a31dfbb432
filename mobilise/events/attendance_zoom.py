"""Reading a Zoom participants report: an optional meeting summary, then one row for each time someone joined. The
format is described in attendance_files."""

from collections.abc import Sequence

from .attendance_rows import Clock, Columns, Problems, Report, cell, read_session

SOURCE = "Zoom"
MAX_HEAD = 50  # rows in which the participants' headings are looked for

_NAME = ("name (original name)", "name*", "user name*", "participant*")
_EMAIL = ("user email", "email", "email address", "attendee email")


def _header(rows: Sequence[Sequence[str]]) -> int | None:
    """Where the participants' headings are: the first row naming a join time, a leave time and a name."""
    for i, row in enumerate(rows[:MAX_HEAD]):
        columns = Columns(row)
        if columns.find("join time") is not None and columns.find(*_NAME) is not None:
            return i
    return None


def is_zoom(rows: Sequence[Sequence[str]]) -> bool:
    return _header(rows) is not None


def _summary(rows: Sequence[list[str]], before: int, clock: Clock, problems: Problems, report: Report) -> None:
    """The meeting's topic, start and end from the summary block (headings, then one row of values) if there is one."""
    filled = [(i, row) for i, row in enumerate(rows[:before]) if any(row)]
    if len(filled) < 2 or Columns(filled[0][1]).find("topic") is None:
        return
    columns = Columns(filled[0][1])
    number, values = filled[1][0] + 1, filled[1][1]
    report.title = cell(values, columns.find("topic"))
    start, end = cell(values, columns.find("start time")), cell(values, columns.find("end time"))
    report.start = clock.read(start, "meeting's start time", number, problems) if start else None
    report.end = clock.read(end, "meeting's end time", number, problems) if end else None


def read_zoom(rows: Sequence[list[str]], problems: Problems) -> Report:
    """Rows spent in the waiting room are not attendance and are left out; a guest has no email address."""
    clock = Clock((c for row in rows for c in row), month_first=True)
    report = Report(SOURCE)
    start = _header(rows)
    if start is None:
        return report
    _summary(rows, start, clock, problems, report)
    columns = Columns(rows[start])
    name, email = columns.find(*_NAME), columns.find(*_EMAIL)
    joined, left = columns.find("join time"), columns.find("leave time")
    waiting = columns.find("in waiting room")
    if columns.missing(start + 1, problems, leave_time=left):
        return report
    for number, row in enumerate(rows[start + 1 :], start + 2):
        if not any(row) or cell(row, waiting).casefold() in ("yes", "true"):
            continue
        times = (cell(row, joined), cell(row, left))
        session = read_session(number, cell(row, name), cell(row, email), times, clock, problems)
        if session:
            report.sessions.append(session)
    return report
