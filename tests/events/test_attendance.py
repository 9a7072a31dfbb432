"""Importing a Teams or Zoom attendance report (upload, check what it matched, save all or nothing), and checking
registrants in by hand at an event in person."""

import datetime
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from mobilise.events import services
from mobilise.events.models import AttendanceUpload, EventStatus, Format, Registration, RegistrationStatus

from ..factories import EventFactory, RegistrationFactory
from ..queries import assert_max_queries

SAMPLES = Path(__file__).parent / "samples"
UTC = datetime.UTC


def upload_file(name):
    return SimpleUploadedFile(name, (SAMPLES / name).read_bytes(), content_type="text/csv")


@pytest.fixture
def held(db):
    """The webinar the Teams sample reports, with its registrants."""
    event = EventFactory(start=datetime.datetime(2026, 3, 18, 10, tzinfo=UTC), status=EventStatus.HELD)
    people = {
        "priya": RegistrationFactory(event=event, name="Priya Raman", email="priya.raman@EXAMPLE.nhs.uk"),
        "siobhan": RegistrationFactory(event=event, name="Siobhan Byrne", email="siobhan.byrne@example.com"),
        "gareth": RegistrationFactory(event=event, name="Gareth Lloyd", email="gareth@home.example"),
        "noshow": RegistrationFactory(event=event, name="Nia Jones", email="nia@example.org"),
        "cancelled": RegistrationFactory(
            event=event, name="Tomás Ruiz", email="t.ruiz@example.ac.uk", status=RegistrationStatus.CANCELLED
        ),
    }
    return event, people


def test_staff_upload_check_and_save_a_teams_report(as_user, adviser, held):
    event, people = held
    client = as_user(adviser)
    response = client.post(reverse("events:attendance", args=[event.pk]), {"file": upload_file("teams_attendance.csv")})
    upload = AttendanceUpload.objects.get(event=event)
    assert response.status_code == 302
    assert response["Location"] == reverse("events:attendance-confirm", args=[event.pk, upload.pk])
    assert not Registration.objects.filter(event=event, attended__isnull=False).exists()  # nothing saved yet

    page = client.get(response["Location"]).content.decode()
    assert "3 matched to a registration" in page
    assert "2 in the file matched nobody" in page  # the organiser, and the speaker whose registration is cancelled
    assert "1 with a place are not in the file" in page and "Nia Jones" in page

    response = client.post(response["Location"])
    assert response.status_code == 302
    for reg in people.values():
        reg.refresh_from_db()
    assert (people["priya"].attended, people["priya"].minutes_attended) == (True, 49)  # rejoined: merged
    assert people["priya"].joined_at == datetime.datetime(2026, 3, 18, 10, 0, 3, tzinfo=UTC)
    assert people["priya"].left_at == datetime.datetime(2026, 3, 18, 11, 0, 30, tzinfo=UTC)
    assert (people["gareth"].attended, people["gareth"].minutes_attended) == (True, 45)  # a guest, by name
    assert people["siobhan"].minutes_attended == 44
    assert people["noshow"].attended is False
    assert people["cancelled"].attended is None
    upload.refresh_from_db()
    assert upload.imported_at is not None and bytes(upload.content) == b""
    # confirming twice saves nothing more
    assert client.post(reverse("events:attendance-confirm", args=[event.pk, upload.pk])).status_code == 302


def test_zoom_rows_of_one_person_are_merged_and_matched_on_email(as_user, adviser, db):
    event = EventFactory(start=datetime.datetime(2026, 6, 17, 13, tzinfo=UTC), status=EventStatus.HELD)
    priya = RegistrationFactory(event=event, name="P. Raman", email="priya.raman@example.nhs.uk")
    tomas = RegistrationFactory(event=event, name="Tomás Ruiz", email="t.ruiz@example.ac.uk")
    client = as_user(adviser)
    client.post(reverse("events:attendance", args=[event.pk]), {"file": upload_file("zoom_participants.csv")})
    upload = AttendanceUpload.objects.get(event=event)
    client.post(reverse("events:attendance-confirm", args=[event.pk, upload.pk]))
    priya.refresh_from_db()
    tomas.refresh_from_db()
    assert (
        priya.attended and priya.minutes_attended == 62
    )  # three rows (10m50s, 27m30s, 24m), the waiting room left out
    assert tomas.attended and tomas.minutes_attended == 64


@pytest.mark.parametrize("name", ["teams_attendance_malformed.csv", "zoom_participants_malformed.csv"])
def test_a_malformed_report_names_every_problem_by_row_and_saves_nothing(as_user, adviser, held, name):
    event, _ = held
    response = as_user(adviser).post(reverse("events:attendance", args=[event.pk]), {"file": upload_file(name)})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Nothing has been saved" in page
    assert "Row 3: the join time “13/45/2026 10:00 AM” is not a date and time" in page or (
        "Row 16: the join time “31/02/2026 10:00” is not a date and time" in page
        and "Row 19: the join time is blank" in page
    )
    assert not AttendanceUpload.objects.exists()
    assert not Registration.objects.filter(attended__isnull=False).exists()


def test_a_file_that_is_not_a_report_is_refused(as_user, adviser, held):
    event, _ = held
    bad = SimpleUploadedFile("notes.csv", b"a,b\n1,2\n", content_type="text/csv")
    response = as_user(adviser).post(reverse("events:attendance", args=[event.pk]), {"file": bad})
    assert response.status_code == 400
    assert "not a Microsoft Teams attendance report" in response.content.decode()


def test_the_save_is_all_or_nothing(held, monkeypatch):
    event, people = held
    upload, _ = services.upload_attendance(
        event=event, filename="teams_attendance.csv", content=(SAMPLES / "teams_attendance.csv").read_bytes(), by=None
    )

    def broken(*args, **kwargs):
        raise RuntimeError("the database went away")

    monkeypatch.setattr(Registration.objects, "bulk_update", broken)
    with pytest.raises(RuntimeError):
        services.save_attendance(upload=upload)
    assert not Registration.objects.filter(event=event, attended__isnull=False).exists()
    upload.refresh_from_db()
    assert upload.imported_at is None


def test_a_new_upload_replaces_the_one_not_yet_confirmed(held):
    event, _ = held
    content = (SAMPLES / "teams_attendance.csv").read_bytes()
    first, _ = services.upload_attendance(event=event, filename="a.csv", content=content, by=None)
    second, _ = services.upload_attendance(event=event, filename="b.csv", content=content, by=None)
    assert list(AttendanceUpload.objects.values_list("pk", flat=True)) == [second.pk]


def test_attendance_waits_for_the_event(as_user, adviser, db):
    event = EventFactory()  # a fortnight ahead
    response = as_user(adviser).get(reverse("events:attendance", args=[event.pk]))
    assert response.status_code == 302
    assert not services.attendance_allowed(EventFactory(status=EventStatus.CANCELLED, start=event.start))


def test_a_checked_in_registrant_not_in_the_file_still_attended(held):
    event, people = held
    services.check_in(registration=people["noshow"])
    upload, _ = services.upload_attendance(
        event=event, filename="t.csv", content=(SAMPLES / "teams_attendance.csv").read_bytes(), by=None
    )
    services.save_attendance(upload=upload)
    people["noshow"].refresh_from_db()
    assert people["noshow"].attended is True and people["noshow"].checked_in_at is not None


def test_check_in_by_hand_at_an_event_in_person(as_user, adviser, db):
    event = EventFactory(format=Format.HYBRID, venue="1 High Street", status=EventStatus.HELD)
    event.start = datetime.datetime.now(UTC) - datetime.timedelta(hours=1)
    event.save()
    registration = RegistrationFactory(event=event)
    client = as_user(adviser)
    page = client.get(reverse("events:manage-event", args=[event.pk])).content.decode()
    assert f"Check in {registration.name}" in page
    client.post(reverse("events:check-in", args=[event.pk, registration.pk]))
    registration.refresh_from_db()
    assert registration.attended is True and registration.checked_in_at is not None
    assert (
        f"Undo check-in of {registration.name}"
        in client.get(reverse("events:manage-event", args=[event.pk])).content.decode()
    )
    client.post(reverse("events:check-in", args=[event.pk, registration.pk]), {"undo": "1"})
    registration.refresh_from_db()
    assert registration.attended is None and registration.checked_in_at is None


def test_no_check_in_for_an_online_event(as_user, adviser, held):
    event, people = held
    as_user(adviser).post(reverse("events:check-in", args=[event.pk, people["priya"].pk]))
    people["priya"].refresh_from_db()
    assert people["priya"].checked_in_at is None


def test_the_confirm_page_reads_in_a_fixed_number_of_queries(as_user, adviser, held):
    event, _ = held
    client = as_user(adviser)
    content = (SAMPLES / "teams_attendance.csv").read_bytes()
    upload, _ = services.upload_attendance(event=event, filename="t.csv", content=content, by=None)
    url = reverse("events:attendance-confirm", args=[event.pk, upload.pk])
    with assert_max_queries(8):
        assert client.get(url).status_code == 200
    RegistrationFactory.create_batch(20, event=event)
    with assert_max_queries(8):
        assert client.get(url).status_code == 200
