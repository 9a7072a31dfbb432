"""An event's slides, recording and captions as files: checked by their content and size before anything is kept,
downloaded by staff at any time, by registrants with a place through their link after the event, and by everyone
only after a published event whose materials the organiser shows to all."""

import io
import zipfile
from datetime import timedelta

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from mobilise.core import links
from mobilise.events import seats
from mobilise.events.models import Event, EventStatus, RegistrationStatus

from ..factories import EventFactory, RegistrationFactory

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4 the slides"
MP4 = b"\x00\x00\x00\x18ftypmp42" + b"\x00" * 64
VTT = b"WEBVTT\n\n00:00.000 --> 00:02.000\nWelcome to the webinar.\n"


def pptx():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("ppt/presentation.xml", "<presentation/>")
    return buffer.getvalue()


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def kept_files(media):
    return sorted(p.name for p in (media / "events").glob("*")) if (media / "events").exists() else []


def upload(client, event, **files):
    data = {name: SimpleUploadedFile(filename, content) for name, (filename, content) in files.items()}
    return client.post(reverse("events:materials", args=[event.pk]), {**data, "materials_public": "on"})


def past_event(**kwargs):
    return EventFactory(status=EventStatus.HELD, start=timezone.now() - timedelta(days=2), **kwargs)


def test_staff_upload_slides_a_recording_and_captions_and_download_them(as_user, adviser, media):
    event = past_event()
    client = as_user(adviser)
    response = upload(
        client,
        event,
        slides=("Tools and techniques.pptx", pptx()),
        recording=("webinar.mp4", MP4),
        captions=("webinar.vtt", VTT),
    )
    assert response.status_code == 302
    event.refresh_from_db()
    assert (event.slides_name, event.recording_name, event.captions_name) == (
        "Tools and techniques.pptx",
        "webinar.mp4",
        "webinar.vtt",
    )
    assert event.recording_size == len(MP4) and event.materials_public
    # Stored under random names, never the ones they came with.
    assert len(kept_files(media)) == 3 and "webinar.mp4" not in kept_files(media)
    response = client.get(reverse("events:material-file", args=[event.pk, "recording"]))
    assert response.status_code == 200 and b"".join(response.streaming_content) == MP4
    assert response["Content-Type"] == "video/mp4" and 'filename="webinar.mp4"' in response["Content-Disposition"]
    assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"


@pytest.mark.parametrize(
    "kind, filename, content, error",
    [
        ("slides", "slides.pdf", b"MZ\x90\x00 a program", "“slides.pdf” is not really a PDF file"),
        ("slides", "slides.docx", b"PK\x03\x04", "“slides.docx” must be a PDF or PowerPoint (.pptx) file"),
        ("recording", "webinar.mp4", b"<html>not a video</html>", "“webinar.mp4” is not really a video file"),
        ("recording", "webinar.mov", MP4, "“webinar.mov” must be an MP4 video"),
        ("captions", "captions.vtt", b"1\n00:00:00,000 --> 00:00:02,000\nHi\n", "is not really a captions (WebVTT)"),
        ("captions", "captions.vtt", b"", "“captions.vtt” is empty"),
        ("recording", "webinar.mp4", MP4 + b"\x00" * (1024 * 1024), "“webinar.mp4” must be smaller than 1 MB"),
    ],
)
def test_a_bad_file_is_named_in_the_error_summary_and_nothing_is_saved(
    as_user, adviser, media, settings, kind, filename, content, error
):
    settings.EVENTS_MATERIALS_MAX_MB = 1
    event = past_event()
    # A good file posted alongside is not kept either: nothing is half-saved.
    good = {"captions": ("ok.vtt", VTT)} if kind != "captions" else {"slides": ("ok.pdf", PDF)}
    response = upload(as_user(adviser), event, **{kind: (filename, content)}, **good)
    assert response.status_code == 400
    page = response.content.decode()
    assert "nhsuk-error-summary" in page and error in page
    event.refresh_from_db()
    assert not event.slides_file and not event.recording_file and not event.captions_file
    assert not event.materials_public and kept_files(media) == []


def test_a_new_file_replaces_the_old_and_a_box_removes_one(as_user, adviser, media, django_capture_on_commit_callbacks):
    event = past_event()
    client = as_user(adviser)
    with django_capture_on_commit_callbacks(execute=True):
        upload(client, event, slides=("first.pdf", PDF), captions=("c.vtt", VTT))
    first = kept_files(media)
    with django_capture_on_commit_callbacks(execute=True):
        upload(client, event, slides=("second.pdf", PDF))
    event.refresh_from_db()
    assert event.slides_name == "second.pdf" and len(kept_files(media)) == 2 and set(first) & set(kept_files(media))
    url = reverse("events:materials", args=[event.pk])
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url, {"remove_slides": "on", "materials_public": "on"}).status_code == 302
    event.refresh_from_db()
    assert not event.slides_file and event.slides_name == "" and event.captions_name == "c.vtt"
    assert len(kept_files(media)) == 1


def with_slides(event: Event, public=True) -> Event:
    event.slides_file.save("slides.pdf", ContentFile(PDF), save=False)
    event.slides_name, event.slides_size, event.materials_public = "Our slides.pdf", len(PDF), public
    event.save()
    return event


def test_everyone_gets_the_files_of_a_published_event_once_it_has_happened(client):
    event = with_slides(past_event())
    page = client.get(reverse("events:event", args=[event.slug])).content.decode()
    link = reverse("events:file", args=[event.slug, "slides"])
    assert f'href="{link}"' in page and "PDF, 1 KB" in page
    response = client.get(link)
    assert response.status_code == 200 and b"".join(response.streaming_content) == PDF
    assert response["Content-Type"] == "application/pdf"
    assert client.get(reverse("events:file", args=[event.slug, "nonsense"])).status_code == 404
    assert client.get(reverse("events:file", args=[event.slug, "recording"])).status_code == 404  # none uploaded


@pytest.mark.parametrize(
    "changes",
    [
        {"status": EventStatus.DRAFT},
        {"status": EventStatus.CANCELLED},
        {"status": EventStatus.PUBLISHED, "start": timezone.now() + timedelta(days=3)},  # not happened yet
        {"materials_public": False},  # the organiser keeps them for registrants
    ],
    ids=["draft", "cancelled", "to come", "not shown to all"],
)
def test_the_public_gets_no_file_otherwise(client, changes):
    event = with_slides(past_event())
    Event.objects.filter(pk=event.pk).update(**changes)
    assert client.get(reverse("events:file", args=[event.slug, "slides"])).status_code == 404
    page = client.get(reverse("events:event", args=[event.slug]))
    assert reverse("events:file", args=[event.slug, "slides"]) not in page.content.decode()


@pytest.mark.parametrize(
    "status, happened, found",
    [
        (RegistrationStatus.CONFIRMED, True, 200),
        (RegistrationStatus.CONFIRMED, False, 404),
        (RegistrationStatus.WAITING, True, 404),
        (RegistrationStatus.CANCELLED, True, 404),
    ],
)
def test_a_registrant_with_a_place_gets_the_files_through_their_link_after_the_event(client, status, happened, found):
    start = timezone.now() + timedelta(days=-2 if happened else 2)
    event = with_slides(EventFactory(status=EventStatus.PUBLISHED, start=start), public=False)
    registration = RegistrationFactory(event=event, status=status)
    token = links.make_link(seats.REGISTRATION_LINK, registration, expires=None, once=False).token
    link = reverse("events:registration-file", args=[token, "slides"])
    response = client.get(link)
    assert response.status_code == found
    if found == 200:
        page = client.get(reverse("events:registration", args=[token])).content.decode()
        assert f'href="{link}"' in page


def test_the_follow_up_points_people_who_missed_it_to_the_files(mailoutbox, django_capture_on_commit_callbacks):
    from mobilise.events import mails

    event = with_slides(past_event(), public=False)
    registration = RegistrationFactory(event=event)
    with django_capture_on_commit_callbacks(execute=True):
        mails.follow_up_missed(registration, "https://example.org/your-registration/x/")
    (message,) = mailoutbox
    assert (
        "catch up" in message.body and "To download (slides): https://example.org/your-registration/x/" in message.body
    )
