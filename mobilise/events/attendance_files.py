"""Reading the attendance reports that Microsoft Teams and Zoom produce, into one list of people.

`read_attendance(data, filename)` detects the format and returns an `AttendanceFile`: the people who attended, each
an `Attendee` merged from all their sessions, and `problems`, each naming its row ("Row 7: the join time “31/02/2026
10:00” is not a date and time", rows counted as a spreadsheet shows the file, the first line being row 1). A file
with any problem gives no people, so the caller saves nothing. It never raises on bad input and imports no models.

Formats supported
-----------------
Microsoft Teams attendance report (the meeting's Attendance tab, Download): a .csv in UTF-16 LE with a byte-order
mark, tab-separated, in numbered sections separated by blank lines, each opened by a title row:

    1. Summary                 rows of label, value: Meeting title, Attended participants, Start time, End time,
                               Meeting duration, Average attendance time (durations like "1h 2m 3s")
    2. Participants            Name, First Join, Last Leave, In-Meeting Duration, Email, Participant ID (UPN), Role
    3. In-Meeting Activities   Name, Join Time, Leave Time, Duration, Email, Role: one row for each stay, so a person
                               who rejoined has several

Headings are matched whatever their case ("First join" in some versions) and extra columns or sections (webinars
add some) are ignored. Each stay comes from the activities; a report without them falls back on each participant's
first join and last leave. The email is the Email column, else the UPN if it is an address; people who joined
anonymously have neither and are matched by name.

The older Teams attendance list (before mid-2021; also UTF-16 and tab-separated): one table "Full Name", "User
Action" ("Joined", "Left", "Joined before"), "Timestamp", a row for each event. Each person's joins and leaves are
paired in time order; a join still open when the list ends lasts until the list's last time (the list was
downloaded during the meeting), a leave without a join is a problem. It has no email addresses.

Teams writes times in the organiser's locale with no zone: "3/18/26, 9:58:12 AM" (US), "18/03/2026, 09:58:12"
(UK), sometimes a narrow no-break space before AM. The day-month order is decided for the whole file (see
`attendance_rows.Clock`); a 24-hour file whose dates all fit either order is read day first.

Zoom participants report (Reports > Usage > Participants, Export; or the meeting's participants list): a .csv in
UTF-8, often with a byte-order mark, comma-separated. Some exports start with a meeting summary block, headings
"Meeting ID, Topic, Start Time, End Time, User Email, Duration (Minutes), Participants" and one row of values,
then a blank line. The participants table has "Name (Original Name)" (a renamed person shows as "New (Original)"),
"User Email" (blank for guests and people not signed in), "Join Time", "Leave Time", "Duration (Minutes)",
"Guest", "Recording Consent", "In Waiting Room": one row for each join, so someone whose connection dropped three
times has three rows. Rows spent in the waiting room are left out. Zoom writes "03/18/2026 09:58:12 AM", month
first unless a date shows otherwise.

Times without a zone are taken as UK time (Europe/London) and returned aware; a time the clocks skipped is a
problem. A person's rows are merged on their email address, lower-cased, else on their name; rows with only a name
join the one person with an address who has that name, if there is exactly one. `minutes_attended` sums their
sessions with overlaps (two devices at once) counted once. Times come back in Europe/London, emails as written.
A file may be up to MAX_BYTES; the first MAX_PROBLEMS problems (attendance_rows) are listed, in row order.

Not supported, and so giving problems rather than people: reports saved again as .xlsx, headings in another
language, Teams live-event (town hall) reports and Zoom webinar attendee reports (other tables, in other sections).
"""

import datetime
from dataclasses import dataclass, field

from mobilise.core.tables import TableError, decode_text, text_rows

from .attendance_rows import Problems, Report, Session
from .attendance_teams import is_legacy, is_sectioned, read_legacy, read_sectioned
from .attendance_zoom import is_zoom, read_zoom

MAX_BYTES = 5 * 1024 * 1024  # a 1,000-person webinar's report is well under 1 MB

NOT_TEXT = "The file's text could not be read. Upload the .csv file just as Teams or Zoom downloaded it."
NOT_A_REPORT = (
    "The file is not a Microsoft Teams attendance report or a Zoom participants report. Download the report from "
    "Teams or Zoom again and upload the .csv file as it is."
)


@dataclass
class Attendee:
    """One person, all their sessions together, in the order they joined."""

    name: str
    email: str
    first_join: datetime.datetime
    last_leave: datetime.datetime
    minutes_attended: int
    sessions: list[Session]


@dataclass
class AttendanceFile:
    source: str  # "Microsoft Teams", "Microsoft Teams (older attendance list)", "Zoom", or "" if not recognised
    title: str = ""
    start: datetime.datetime | None = None
    end: datetime.datetime | None = None
    people: list[Attendee] = field(default_factory=list)  # empty whenever there are problems
    problems: list[str] = field(default_factory=list)


def read_attendance(data: bytes, filename: str) -> AttendanceFile:
    """The people in a Teams or Zoom attendance report, or the file's problems (and then no people)."""
    problems = Problems()
    report = _read(data, filename, problems)
    people = [] if problems else merge(report.sessions)
    if not problems and not people:
        problems.whole("The file lists nobody who attended.")
    return AttendanceFile(report.source, report.title, report.start, report.end, people, problems.messages)


def _read(data: bytes, filename: str, problems: Problems) -> Report:
    nothing = Report("")
    if not filename.lower().endswith(".csv"):
        problems.whole("The file must be the .csv file that Teams or Zoom downloads.")
    elif len(data) > MAX_BYTES:
        problems.whole(f"The file must be smaller than {MAX_BYTES // 1024 // 1024} MB.")
    elif not data.strip(b" \t\r\n\x00\xef\xbb\xbf\xff\xfe"):
        problems.whole("The file is empty.")
    if problems:
        return nothing
    try:
        text = decode_text(data)
    except TableError:
        problems.whole(NOT_TEXT)
        return nothing
    try:
        rows = text_rows(text, "\t" if "\t" in text[:4096] else ",")
    except TableError as error:
        problems.whole(error.message)
        return nothing
    for looks_like, read in ((is_sectioned, read_sectioned), (is_legacy, read_legacy), (is_zoom, read_zoom)):
        if looks_like(rows):
            return read(rows, problems)
    problems.whole(NOT_A_REPORT)
    return nothing


def _name_key(name: str) -> str:
    return " ".join(name.casefold().split())


def merge(sessions: list[Session]) -> list[Attendee]:
    """One Attendee for each person, in the order they first joined."""
    groups: dict[str, list[Session]] = {}
    for session in sessions:
        key = session.email.casefold() if session.email else "name:" + _name_key(session.name)
        groups.setdefault(key, []).append(session)
    with_address: dict[str, set[str]] = {}
    for key, group in groups.items():
        if not key.startswith("name:"):
            for session in group:
                with_address.setdefault(_name_key(session.name), set()).add(key)
    for key in [k for k in groups if k.startswith("name:")]:
        same_name = with_address.get(key.removeprefix("name:"), set())
        if len(same_name) == 1:
            groups[next(iter(same_name))].extend(groups.pop(key))
    people = [_attendee(sorted(group, key=lambda s: (s.joined, s.row))) for group in groups.values()]
    return sorted(people, key=lambda a: (a.first_join, _name_key(a.name)))


def _attendee(sessions: list[Session]) -> Attendee:
    return Attendee(
        name=next((s.name for s in sessions if s.name), ""),
        email=next((s.email for s in sessions if s.email), ""),
        first_join=sessions[0].joined,
        last_leave=max(s.left for s in sessions),
        minutes_attended=(_seconds(sessions) + 30) // 60,
        sessions=sessions,
    )


def _seconds(sessions: list[Session]) -> int:
    """Seconds present, sessions sorted by join; time in two sessions at once is counted once."""
    total, until = 0.0, sessions[0].joined
    for session in sessions:
        start = max(session.joined, until)
        if session.left > start:
            total += (session.left - start).total_seconds()
            until = session.left
    return int(total)
