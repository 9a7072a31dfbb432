"""The staff side: events with bad dates or capacity are refused whole, a change of time or a cancellation reaches
every registrant's calendar, duplicates, messages and the registrant list with its exports."""

import csv
import io
from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from mobilise.events import access
from mobilise.events.forms import EventForm
from mobilise.events.models import Event, EventStatus

from ..factories import EventFactory, EventThemeFactory, RegistrationFactory
from ..queries import assert_max_queries


def event_data(theme, **changes):
    start = timezone.localtime(timezone.now() + timedelta(days=30))
    data = {
        "theme": theme.pk,
        "title": "Practical tools, techniques and support",
        "description": "Three project examples and an expert panel.",
        "start_date[day]": start.day,
        "start_date[month]": start.month,
        "start_date[year]": start.year,
        "start_time": "10:00",
        "duration_minutes": 90,
        "format": "online",
        "joining_link": "https://meet.example.org/abc",
        "capacity": 100,
    }
    data.update(changes)
    return data


def post(client, url, data, capture):
    with capture(execute=True):
        return client.post(url, data)


def test_an_adviser_adds_an_event_in_uk_time(as_user, adviser, django_capture_on_commit_callbacks):
    theme = EventThemeFactory()
    response = post(
        as_user(adviser), reverse("events:new-event"), event_data(theme), django_capture_on_commit_callbacks
    )
    assert response.status_code == 302
    event = Event.objects.get()
    assert timezone.localtime(event.start).strftime("%H:%M") == "10:00"
    assert event.status == EventStatus.DRAFT and event.slug == "practical-tools-techniques-and-support"


def test_the_event_form_asks_for_the_date_and_time_beside_the_details_they_belong_with(adviser):
    form = EventForm(user=adviser)
    assert list(form.fields) == [
        *["theme", "title", "description", "start_date", "start_time", "duration_minutes", "format"],
        *["joining_link", "venue", "access_information", "capacity", "opens_date", "closes_date", "closes_time"],
        *["speakers", "panel", "projects"],
    ]


@pytest.mark.parametrize(
    "changes, error",
    [
        ({"start_date[year]": "2020"}, "The event must start in the future"),
        ({"capacity": "0"}, "Capacity must be 1 or more"),
        ({"start_time": "25:00"}, "Enter the start time as hours and minutes"),
        ({"closes_date[day]": "1", "closes_date[month]": "1", "closes_date[year]": "2199"}, "must close before"),
        ({"format": "in_person"}, "Enter the venue"),
    ],
)
def test_bad_events_are_refused_whole(as_user, adviser, changes, error):
    theme = EventThemeFactory()
    response = as_user(adviser).post(reverse("events:new-event"), event_data(theme, **changes))
    page = response.content.decode()
    assert response.status_code == 400 and "nhsuk-error-summary" in page and error in page
    assert not Event.objects.exists()


def test_a_new_time_sends_everyone_an_updated_invitation(as_user, adviser, django_capture_on_commit_callbacks):
    event = EventFactory(capacity=1)
    RegistrationFactory(event=event, email="a@example.org")
    RegistrationFactory(event=event, status="waiting", waiting_position=1)
    later = timezone.localtime(event.start + timedelta(days=1))
    data = event_data(
        event.theme,
        title=event.title,
        **{"start_date[day]": later.day, "start_date[month]": later.month, "start_date[year]": later.year},
        start_time=later.strftime("%H:%M"),
        duration_minutes=60,
        capacity=event.capacity,
        joining_link=event.joining_link,
    )
    url = reverse("events:edit-event", args=[event.pk])
    assert post(as_user(adviser), url, data, django_capture_on_commit_callbacks).status_code == 302
    event.refresh_from_db()
    assert event.sequence == 1
    (message,) = mail.outbox
    assert message.to == ["a@example.org"] and "time of this event has changed" in message.body
    entry = Calendar.from_ical(message.attachments[0][1]).walk("VEVENT")[0]
    assert entry["SEQUENCE"] == 1 and entry["DTSTART"].dt == event.start


def test_cancelling_sends_method_cancel(as_user, adviser, django_capture_on_commit_callbacks):
    event = EventFactory()
    RegistrationFactory(event=event)
    url = reverse("events:change-status", args=[event.pk, "cancel"])
    post(as_user(adviser), url, {}, django_capture_on_commit_callbacks)
    event.refresh_from_db()
    assert event.status == EventStatus.CANCELLED and event.sequence == 1
    calendar = Calendar.from_ical(mail.outbox[0].attachments[0][1])
    assert calendar["METHOD"] == "CANCEL" and calendar.walk("VEVENT")[0]["SEQUENCE"] == 1


def test_duplicate_makes_a_draft_without_registrations(as_user, adviser):
    event = EventFactory()
    RegistrationFactory(event=event)
    start = timezone.localtime(event.start + timedelta(days=90))
    data = {"start_date[day]": start.day, "start_date[month]": start.month, "start_date[year]": start.year}
    as_user(adviser).post(reverse("events:duplicate", args=[event.pk]), {**data, "start_time": "14:00"})
    copy = Event.objects.exclude(pk=event.pk).get()
    assert copy.status == EventStatus.DRAFT and copy.title == event.title and not copy.registrations.exists()


def test_message_all_registrants(as_user, adviser, django_capture_on_commit_callbacks):
    event = EventFactory()
    RegistrationFactory(event=event, email="a@example.org")
    RegistrationFactory(event=event, email="b@example.org", status="cancelled")
    data = {"audience": "confirmed", "subject": "Slides", "text": "The slides are ready."}
    post(as_user(adviser), reverse("events:message", args=[event.pk]), data, django_capture_on_commit_callbacks)
    assert [m.to for m in mail.outbox] == [["a@example.org"]]


def test_the_registrant_export_lists_access_needs_and_consents(as_user, adviser):
    event = EventFactory()
    RegistrationFactory(event=event, name="Ann", access_needs=["bsl"], access_other="Quiet room", consent_recorded=True)
    response = as_user(adviser).get(reverse("events:export", args=[event.pk, "csv"]))
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[1][0] == "Ann"
    assert rows[1][7] == "British Sign Language (BSL) interpreter; Quiet room" and rows[1][8] == "Yes"
    xlsx = as_user(adviser).get(reverse("events:export", args=[event.pk, "xlsx"]))
    assert xlsx.content[:2] == b"PK"


def test_the_registrant_list_keeps_to_its_query_budget(as_user, adviser):
    event = EventFactory()
    client = as_user(adviser)
    url = reverse("events:manage-event", args=[event.pk])
    RegistrationFactory(event=event)
    client.get(url)
    # Session and user; the event, its counts by status, the page of registrants and its count, the feedback
    # forms (whether the follow-up went is asked only of a held event).
    with assert_max_queries(7) as before:
        assert client.get(url).status_code == 200
    RegistrationFactory.create_batch(5, event=event)
    RegistrationFactory(event=event, status="waiting", waiting_position=1)
    with assert_max_queries(len(before)):
        assert client.get(url).status_code == 200


def test_the_staff_list_counts_the_places_of_the_events_shown_in_a_fixed_number_of_queries(as_user, adviser):
    client = as_user(adviser)
    url = reverse("events:manage")
    full = EventFactory(capacity=2)
    RegistrationFactory.create_batch(2, event=full)
    RegistrationFactory(event=full, status="waiting", waiting_position=1)
    RegistrationFactory(event=full, status="cancelled")
    empty = EventFactory()
    assert access.places_of(adviser, [full, empty]) == {full.pk: access.Places(2, 1), empty.pk: access.Places(0, 0)}
    client.get(url)
    # Session and user; the page of events and its count, their places in one aggregate, the themes.
    with assert_max_queries(6) as before:
        assert b"2 of 2" in client.get(url).content
    for _ in range(3):
        RegistrationFactory(event=EventFactory())
    with assert_max_queries(len(before)):
        assert client.get(url).content.count(b" of ") >= 5


def test_a_new_joining_link_after_it_was_sent_goes_to_everyone_once(adviser, django_capture_on_commit_callbacks):
    from mobilise.events import schedule, services

    event = EventFactory(start=timezone.now() + timedelta(hours=1, minutes=30))
    RegistrationFactory(event=event, email="a@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        schedule.send_due(event, timezone.now())
        services.save_event(event=event, fields={"joining_link": "https://meet.example.org/new"})
        schedule.send_due(event, timezone.now())
    subjects = [m.subject for m in mail.outbox]
    assert sum(s.startswith("How to join") for s in subjects) == 1 and subjects[-1].startswith("Changed")
    assert "https://meet.example.org/new" in mail.outbox[-1].body
    entry = Calendar.from_ical(mail.outbox[-1].attachments[0][1]).walk("VEVENT")[0]
    assert "https://meet.example.org/new" in entry["LOCATION"]


@pytest.mark.parametrize("name", ["duplicate", "message", "materials", "attendance"])
def test_the_forms_about_one_event_lead_back_to_it_under_its_title(as_user, adviser, name):
    event = EventFactory(status=EventStatus.HELD, start=timezone.now() - timedelta(days=2), title="Tools for impact")
    page = as_user(adviser).get(reverse(f"events:{name}", args=[event.pk])).content.decode()
    back = reverse("events:manage-event", args=[event.pk])
    assert f'href="{back}"' in page and '<span class="nhsuk-caption-l">Tools for impact</span>' in page


@pytest.mark.parametrize(
    "name, with_event, posted",
    [
        ("new-theme", False, True),
        ("new-event", False, True),
        ("edit-event", True, True),
        ("duplicate", True, True),
        ("message", True, True),
        ("attendance", True, True),
        ("materials", True, False),
    ],
)
def test_each_staff_form_page_sits_under_webinars_and_refuses_a_bad_post_with_400(
    as_user, adviser, name, with_event, posted
):
    """The one way a staff form page is shown (views/staff.py form_page)."""
    event = EventFactory(status=EventStatus.HELD, start=timezone.now() - timedelta(days=2))
    url = reverse(f"events:{name}", args=[event.pk] if with_event else [])
    client = as_user(adviser)
    response = client.get(url)
    current = '<strong class="nhsuk-header__navigation-item-current-fallback">Webinars</strong>'
    assert response.status_code == 200 and current in response.content.decode()
    if posted:
        response = client.post(url, {})
        assert response.status_code == 400 and "nhsuk-error-summary" in response.content.decode()
