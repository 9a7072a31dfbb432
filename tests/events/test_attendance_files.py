"""Reading Teams and Zoom attendance reports: the shipped samples, every problem named by its row, hostile files."""

import datetime
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mobilise.events.attendance_files import MAX_BYTES, NOT_A_REPORT, NOT_TEXT, read_attendance
from mobilise.events.attendance_rows import MAX_PROBLEMS

SAMPLES = Path(__file__).parent / "samples"
UTC = datetime.UTC


def sample(name):
    return read_attendance((SAMPLES / name).read_bytes(), name)


def utc(*args):
    return datetime.datetime(*args, tzinfo=UTC)


def teams(text, bom=True):
    """A Teams file as Teams writes it: UTF-16 LE with a byte-order mark, CRLF."""
    return (b"\xff\xfe" if bom else b"") + text.replace("\n", "\r\n").encode("utf-16-le")


def summary(people):
    return [(p.name, p.email, p.minutes_attended, len(p.sessions)) for p in people]


ZOOM_HEAD = (
    "Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes),Guest,Recording Consent,In Waiting Room"
)
TEAMS_ACTIVITIES = "3. In-Meeting Activities\nName\tJoin Time\tLeave Time\tDuration\tEmail\tRole\n"


def zoom(*rows):
    return ("\ufeff" + "\r\n".join([ZOOM_HEAD, *rows]) + "\r\n").encode()


# ---------------------------------------------------------------------------------------------------------------
# The samples


def test_the_samples_are_in_the_encodings_teams_and_zoom_use():
    for name in ("teams_attendance.csv", "teams_attendance_legacy.csv", "teams_attendance_malformed.csv"):
        data = (SAMPLES / name).read_bytes()
        assert data.startswith(b"\xff\xfe") and "\t" in data.decode("utf-16")
    assert "1. Summary\r\n" in (SAMPLES / "teams_attendance.csv").read_bytes().decode("utf-16")
    for name in ("zoom_participants.csv", "zoom_participants_malformed.csv"):
        assert (SAMPLES / name).read_bytes().startswith(b"\xef\xbb\xbf")


def test_teams_report_gives_each_person_once_with_their_stays_merged():
    report = sample("teams_attendance.csv")
    assert report.problems == []
    assert report.source == "Microsoft Teams"
    assert report.title == "Research engagement: practical tools and techniques"
    # 18 March 2026 is before the clocks go forward: UK time is UTC
    assert (report.start, report.end) == (utc(2026, 3, 18, 9, 58, 12), utc(2026, 3, 18, 11, 2, 40))
    assert summary(report.people) == [
        ("Amara Okafor", "amara.okafor@example.org", 64, 1),  # 1h 4m 28s
        ("Tomás Ruiz", "t.ruiz@example.ac.uk", 61, 1),
        ("Priya Raman", "Priya.Raman@example.nhs.uk", 49, 2),  # rejoined: 21m 12s + 27m 30s
        ("Siobhan Byrne", "siobhan.byrne@example.com", 44, 2),  # two devices, 10:30-10:40 counted once
        ("Gareth Lloyd (Guest)", "", 45, 1),  # anonymous: no email, matched by name
    ]
    priya = report.people[2]
    assert priya.first_join == utc(2026, 3, 18, 10, 0, 3)
    assert priya.last_leave == utc(2026, 3, 18, 11, 0, 30)
    assert [(s.row, s.joined, s.left) for s in priya.sessions] == [
        (21, utc(2026, 3, 18, 10, 0, 3), utc(2026, 3, 18, 10, 21, 15)),
        (25, utc(2026, 3, 18, 10, 33), utc(2026, 3, 18, 11, 0, 30)),
    ]
    for person in report.people:
        assert person.first_join.utcoffset() is not None and person.last_leave.utcoffset() is not None


def test_older_teams_list_pairs_joins_and_leaves():
    report = sample("teams_attendance_legacy.csv")
    assert report.problems == []
    assert report.source == "Microsoft Teams (older attendance list)"
    assert summary(report.people) == [
        ("Amara Okafor", "", 63, 1),
        ("Gareth Lloyd", "", 63, 1),  # still there when the list ends, at 15:01:00
        ("Tomás Ruiz", "", 60, 1),
        ("Priya Raman", "", 50, 2),
    ]
    # 17 June 2026 is in British Summer Time: 13:58:05 in London is 12:58:05 UTC
    assert report.people[0].first_join == utc(2026, 6, 17, 12, 58, 5)
    assert report.people[1].last_leave == utc(2026, 6, 17, 14, 1)


def test_zoom_report_merges_a_persons_join_rows_and_leaves_out_the_waiting_room():
    report = sample("zoom_participants.csv")
    assert report.problems == []
    assert report.source == "Zoom"
    assert report.title == "Research engagement: implementation in practice"
    assert report.start == utc(2026, 6, 17, 12, 55, 2)  # 01:55:02 PM British Summer Time
    assert summary(report.people) == [
        ("Amara Okafor", "amara.okafor@example.org", 71, 1),
        ("Priya Raman", "priya.raman@example.nhs.uk", 62, 3),  # 10m 50s + 27m 30s + 24m
        ("Kwame Mensah (Kwame M)", "kwame.mensah@example.com", 60, 1),
        ("Ruiz, Tomás", "T.Ruiz@example.ac.uk", 64, 1),
        ("Jo Bell", "", 45, 1),  # a guest without an email address
    ]
    priya = report.people[1]
    assert priya.first_join == utc(2026, 6, 17, 12, 59, 10)  # not 12:58:40, when she was in the waiting room
    assert [s.row for s in priya.sessions] == [7, 11, 12]


def test_malformed_teams_report_names_every_problem_by_row_and_gives_nobody():
    report = sample("teams_attendance_malformed.csv")
    assert report.people == []
    assert report.problems == [
        "Row 6: the meeting duration “an hour or so” is not a duration such as 1h 2m 3s",
        "Row 16: the join time “31/02/2026 10:00” is not a date and time",
        "Row 17: the leave time “18/03/2026, 10:21:15” is before the join time “18/03/2026, 10:33:00”",
        "Row 18: the row has neither a name nor an email address",
        "Row 19: the email address “siobhan.byrne(at)example.com” is not an email address",
        "Row 19: the join time is blank",
    ]


def test_malformed_zoom_report_names_every_problem_by_row_and_gives_nobody():
    report = sample("zoom_participants_malformed.csv")
    assert report.people == []
    assert report.problems == [
        "Row 3: the join time “13/45/2026 10:00 AM” is not a date and time",
        "Row 4: the leave time is blank",
        # 29 March 2026: the clocks went from 01:00 straight to 02:00
        "Row 5: the join time “03/29/2026 01:30:00 AM” is not a UK time: the clocks skipped that hour",
        "Row 6: the leave time “03/29/2026 10:00:00 AM” is before the join time “03/29/2026 11:00:00 AM”",
    ]


# ---------------------------------------------------------------------------------------------------------------
# Shapes and rules


def test_uk_teams_report_is_read_day_first_and_a_24_hour_file_that_fits_both_orders_too():
    rows = "Ana Silva\t01/04/2026, 09:00:00\t01/04/2026, 10:00:00\t1h\tana@example.org\tAttendee\n"
    report = read_attendance(teams(TEAMS_ACTIVITIES + rows), "a.csv")
    assert report.people[0].first_join == utc(2026, 4, 1, 8)  # 1 April, BST, not 4 January
    us = rows.replace("09:00:00", "9:00:00 AM").replace("10:00:00", "10:00:00 AM")
    assert read_attendance(teams(TEAMS_ACTIVITIES + us), "a.csv").people[0].first_join == utc(2026, 1, 4, 9)


@pytest.mark.parametrize(
    "when", ["3/18/026 10:00", "3/18/1926 10:00", "2/29/2026 10:00", "3/18/2026 13:00 PM", "3/18/2026 10:60", "10:00"]
)
def test_times_that_are_not_real_are_problems(when):
    row = f"Ana Silva,ana@example.org,{when},03/18/2026 11:00:00 AM,60,No,,No"
    assert read_attendance(zoom(row), "z.csv").problems == [f"Row 2: the join time “{when}” is not a date and time"]


def test_zoom_dates_that_fit_both_orders_are_month_first():
    report = read_attendance(
        zoom("Ana Silva,ana@example.org,04/01/2026 09:00:00,04/01/2026 10:00:00,60,No,,No"), "z.csv"
    )
    assert report.people[0].first_join == utc(2026, 4, 1, 8)


def test_teams_report_without_activities_uses_first_join_and_last_leave():
    text = (
        "2. Participants\nName\tFirst join\tLast leave\tIn-meeting duration\tEmail\tParticipant ID (UPN)\tRole\n"
        "Ana Silva\t18/03/2026, 10:00:00\t18/03/2026, 10:30:00\t30m\t\tana.silva@example.org\tAttendee\n"
    )
    report = read_attendance(teams(text), "a.csv")
    assert summary(report.people) == [("Ana Silva", "ana.silva@example.org", 30, 1)]  # email from the UPN


def test_a_guest_row_joins_the_one_person_with_an_address_and_that_name():
    report = read_attendance(
        zoom(
            "Ana Silva,ana@example.org,03/18/2026 10:00:00 AM,03/18/2026 10:20:00 AM,20,No,,No",
            "ana silva,,03/18/2026 10:25:00 AM,03/18/2026 10:35:00 AM,10,Yes,,No",
            "Sam Lee,sam@example.org,03/18/2026 10:00:00 AM,03/18/2026 10:10:00 AM,10,No,,No",
            "Sam Lee,sam.lee@example.com,03/18/2026 10:00:00 AM,03/18/2026 10:10:00 AM,10,No,,No",
            "Sam Lee,,03/18/2026 10:20:00 AM,03/18/2026 10:30:00 AM,10,Yes,,No",
        ),
        "z.csv",
    )
    assert summary(report.people) == [
        ("Ana Silva", "ana@example.org", 30, 2),
        ("Sam Lee", "sam@example.org", 10, 1),
        ("Sam Lee", "sam.lee@example.com", 10, 1),
        ("Sam Lee", "", 10, 1),  # two people called Sam Lee have addresses: which one is not guessed
    ]


def test_older_teams_list_problems():
    text = (
        "Full Name\tUser Action\tTimestamp\n"
        "Ana Silva\tLeft\t18/03/2026, 10:00:00\n"
        "Sam Lee\tWaved\t18/03/2026, 10:00:00\n"
        "\tJoined\t18/03/2026, 10:00:00\n"
    )
    assert read_attendance(teams(text), "a.csv").problems == [
        "Row 2: Ana Silva left without having joined",
        "Row 3: the action “Waved” is neither Joined nor Left",
        "Row 4: the name is blank",
    ]


def test_missing_columns_are_named():
    report = read_attendance(teams(TEAMS_ACTIVITIES.replace("\tLeave Time", "")), "a.csv")
    assert report.problems == ["Row 2: the table has no “Leave Time” column"]
    report = read_attendance(teams("Full Name\tUser Action\n"), "a.csv")
    assert report.problems == ["Row 1: the table has no “Timestamp” column"]


def test_a_report_with_headings_only_lists_nobody():
    assert read_attendance(zoom(), "z.csv").problems == ["The file lists nobody who attended."]


def test_problems_stop_being_listed_after_a_hundred():
    rows = ["Ana Silva,ana@example.org,not a date,03/18/2026 10:00:00 AM,1,No,,No" for _ in range(150)]
    problems = read_attendance(zoom(*rows), "z.csv").problems
    assert len(problems) == MAX_PROBLEMS + 1
    assert problems[-1] == "The file has more than 100 problems; the first are listed above."


def test_a_zoom_file_saved_in_windows_1252_is_still_read():
    data = zoom("José Núñez,jose@example.org,03/18/2026 10:00:00 AM,03/18/2026 10:20:00 AM,20,No,,No")
    report = read_attendance(data.decode("utf-8-sig").encode("cp1252"), "z.csv")
    assert summary(report.people) == [("José Núñez", "jose@example.org", 20, 1)]


def test_the_reader_needs_no_django_settings():
    code = "from mobilise.events.attendance_files import read_attendance; import sys; print('django' in sys.modules)"
    env = {"PATH": "/usr/bin:/bin"}
    root = Path(__file__).parents[2]
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=root, check=True)
    assert result.stdout.strip() == "False"


# ---------------------------------------------------------------------------------------------------------------
# Hostile files: problems, never an exception


@pytest.mark.parametrize(
    ("data", "name", "problem"),
    [
        (b"", "a.csv", "The file is empty."),
        (b"\xff\xfe", "a.csv", "The file is empty."),
        (b"\xef\xbb\xbf \r\n\r\n", "a.csv", "The file is empty."),
        (bytes(range(256)) * 64, "a.csv", NOT_TEXT),
        (b"x" * (10 * 1024 * 1024), "a.csv", f"The file must be smaller than {MAX_BYTES // 1024 // 1024} MB."),
        ("1. Summary\r\n".encode("utf-16-le"), "a.csv", NOT_TEXT),  # UTF-16 without its byte-order mark
        (b"\xff\xfe" + "Name\tJoin".encode("utf-16-le")[:-1], "a.csv", NOT_TEXT),  # cut mid-character
        (b"\x81\x8d\x8f\x90\x9d", "a.csv", NOT_TEXT),  # neither UTF-8 nor Windows-1252
        (b"PK\x03\x04" + b"\x00" * 100, "report.xlsx", "The file must be the .csv file that Teams or Zoom downloads."),
        (b"Name,Organisation\r\nAna Silva,NHS Example\r\n", "a.csv", NOT_A_REPORT),
    ],
)
def test_hostile_files_give_a_problem(data, name, problem):
    report = read_attendance(data, name)
    assert (report.people, report.problems) == ([], [problem])


def test_a_field_too_long_for_csv_is_a_problem():
    data = zoom('"' + "A" * 200_000 + '",a@example.org,03/18/2026 10:00:00 AM,03/18/2026 10:20:00 AM,20,No,,No')
    [problem] = read_attendance(data, "z.csv").problems
    assert problem.startswith("The CSV file could not be read near row 2")


def test_a_large_real_report_is_read():
    rows = [
        f"Person {i},person{i}@example.org,03/18/2026 10:{j:02}:00 AM,03/18/2026 10:{j + 5:02}:00 AM,5,No,,No"
        for i in range(2000)
        for j in (0, 10, 20)
    ]
    report = read_attendance(zoom(*rows), "z.csv")
    assert report.problems == [] and len(report.people) == 2000
    assert {p.minutes_attended for p in report.people} == {15}


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=2000), st.sampled_from(["a.csv", "a.CSV", "a.txt", ""]))
def test_arbitrary_bytes_never_raise(data, name):
    report = read_attendance(data, name)
    assert report.problems or report.people
    assert not (report.problems and report.people)


_TOKENS = [
    "1. Summary", "2. Participants", "3. In-Meeting Activities", "Name", "First Join", "Last Leave", "Email",
    "Join Time", "Leave Time", "Full Name", "User Action", "Timestamp", "Joined", "Left", "Meeting ID", "Topic",
    "Start time", "Name (Original Name)", "User Email", "In Waiting Room", "Yes", "Meeting duration", "1h 2m 3s",
    "3/18/26, 9:58:12 AM", "18/03/2026, 13:58:12", "03/29/2026 01:30:00 AM", "31/02/2026 10:00", "2026-03-18 10:00",
    "12/12/2026 00:00", "0/0/0 99:99", "ana@example.org", "@", "", " ", '"', "Ana Silva",
]  # fmt: skip


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(st.lists(st.sampled_from(_TOKENS), max_size=8), max_size=25),
    st.sampled_from(["\t", ","]),
    st.sampled_from(["utf-16", "utf-8-sig"]),
)
def test_report_like_files_never_raise(rows, delimiter, encoding):
    data = "\r\n".join(delimiter.join(row) for row in rows).encode(encoding)
    report = read_attendance(data, "report.csv")
    assert bool(report.problems) != bool(report.people)
    for person in report.people:
        assert person.first_join.utcoffset() is not None and person.first_join <= person.last_leave
