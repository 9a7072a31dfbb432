"""Registering without an account: the form, its spam traps, the waiting list, offers that expire, one-button
cancelling through the personal link, and the emails with their calendar invitations."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from mobilise.core.forms import started_seconds_ago
from mobilise.events import access, schedule, seats
from mobilise.events.models import Event, Registration, RegistrationStatus, Sent

from ..factories import EventFactory, RegistrationFactory
from ..queries import assert_max_queries

_commit = {}


@pytest.fixture(autouse=True)
def mail_after_commit(django_capture_on_commit_callbacks):
    _commit["capture"] = django_capture_on_commit_callbacks


def post(client, url, data=None):
    with _commit["capture"](execute=True):
        return client.post(url, data or {})


def answers(**changes):
    data = {
        "name": "Priya Shah",
        "email": "priya@example.org",
        "organisation": "Mereshire University",
        "sector": "academia",
        "role": "Research fellow",
        "access_needs": ["captions", "bsl"],
        "access_other": "A quiet room",
        "consent_recorded": "on",
        "started": started_seconds_ago(60),
        "website": "",
    }
    data.update(changes)
    return data


def register(client, event, **changes):
    return post(client, reverse("events:register", args=[event.slug]), answers(**changes))


def fields(n):
    return {"name": f"Person {n}", "email": f"person{n}@example.org"}


def invitation(message):
    attachment = next(a for a in message.attachments if a[0] == "invite.ics")
    return Calendar.from_ical(attachment[1])


def personal_link(message):
    return re.search(r"http\S+/events/your-registration/\S+/", message.body).group(0).split("testserver")[-1]


def test_a_visitor_registers_and_is_emailed_a_calendar_invitation(client, db):
    event = EventFactory(capacity=2)
    response = register(client, event)
    assert response.status_code == 302
    registration = Registration.objects.get()
    assert registration.status == RegistrationStatus.CONFIRMED
    assert registration.access_needs == ["captions", "bsl"] and registration.consent_recorded
    assert not registration.consent_attendee_list and not registration.consent_theme_updates
    event.refresh_from_db()
    assert event.seats_taken == 1
    (message,) = mail.outbox
    assert message.to == ["priya@example.org"] and "Your place is booked" in message.subject
    assert "/events/your-registration/" in message.body
    calendar = invitation(message)
    assert calendar["METHOD"] == "REQUEST"
    entry = calendar.walk("VEVENT")[0]
    assert str(entry["UID"]) == f"event-{event.uid}@mobilise"
    assert entry["SEQUENCE"] == 0
    assert entry["DTSTART"].params["TZID"] == "Europe/London"
    assert entry["DTSTART"].dt == event.start
    assert "kmb@example.org" in str(entry["ORGANIZER"])
    assert "priya@example.org" in str(entry["ATTENDEE"])
    assert event.joining_link not in entry.get("LOCATION", "")  # private until shortly before
    zone = calendar.walk("VTIMEZONE")[0]
    assert zone["TZID"] == "Europe/London" and {c.name for c in zone.subcomponents} == {"DAYLIGHT", "STANDARD"}
    assert client.get(reverse("events:registered", args=[event.slug])).status_code == 200


@pytest.mark.parametrize(
    "changes, error",
    [
        ({"name": ""}, "Enter your name"),
        ({"email": "not an address"}, "Enter a valid email address"),
        ({"access_needs": ["teleport"]}, "Select a valid choice"),
    ],
)
def test_bad_answers_are_named_and_nothing_is_saved(client, db, changes, error):
    event = EventFactory()
    response = register(client, event, **changes)
    assert response.status_code == 400
    assert "nhsuk-error-summary" in response.content.decode() and error in response.content.decode()
    assert not Registration.objects.exists() and not mail.outbox


@pytest.mark.parametrize("changes", [{"website": "http://spam.example"}, {"started": "just now"}])
def test_bots_are_answered_as_if_registered_and_nothing_is_kept(client, db, changes):
    if changes.get("started") == "just now":
        changes = {"started": started_seconds_ago(0)}
    response = register(client, EventFactory(), **changes)
    assert response.status_code == 200
    assert not Registration.objects.exists() and not mail.outbox


def test_registration_is_throttled(client, db, settings):
    event = EventFactory(capacity=100)
    for n in range(10):
        assert register(client, event, email=f"p{n}@example.org").status_code == 302
    response = register(client, event, email="late@example.org")
    assert response.status_code == 429 and "Too many registrations" in response.content.decode()


def test_registering_twice_sends_the_link_again_without_a_second_place(client, db):
    event = EventFactory()
    register(client, event)
    register(client, event, email="PRIYA@example.org")
    assert Registration.objects.count() == 1
    assert "already registered" in mail.outbox[1].body


def test_a_closed_or_draft_event_takes_no_registrations(client, db):
    closed = EventFactory(registration_closes=timezone.now() - timedelta(hours=1))
    assert register(client, closed).status_code == 400
    draft = EventFactory(status="draft")
    assert register(client, draft).status_code == 404
    assert not Registration.objects.exists()


def test_a_full_event_puts_people_on_the_waiting_list_in_order(db):
    event = EventFactory(capacity=1)
    with _commit["capture"](execute=True):
        first, second, third = (seats.register(event=event, fields=fields(n)) for n in range(3))
    assert [r.status for r in (first, second, third)] == ["confirmed", "waiting", "waiting"]
    assert (second.waiting_position, third.waiting_position) == (1, 2)
    assert seats.waiting_ahead(third) == 1
    assert "waiting list" in mail.outbox[2].subject and "1 person ahead" in mail.outbox[2].body


def test_a_cancelled_place_is_offered_to_the_next_person_who_claims_it(client, db, settings):
    settings.EVENTS_OFFER_HOURS = 48
    event = EventFactory(capacity=1)
    with _commit["capture"](execute=True):
        first = seats.register(event=event, fields=fields(1))
        second = seats.register(event=event, fields=fields(2))
    cancel_link = personal_link(mail.outbox[0])
    assert "Cancel my registration" in client.get(cancel_link).content.decode()
    assert Registration.objects.get(pk=first.pk).status == "confirmed"  # opening the link changed nothing
    mail.outbox.clear()
    assert post(client, cancel_link, {"action": "cancel"}).status_code == 302
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.status == "cancelled" and second.status == "offered"
    assert timedelta(hours=47) < second.offer_expires - timezone.now() <= timedelta(hours=48)
    cancelled, offer = mail.outbox
    assert invitation(cancelled)["METHOD"] == "CANCEL"
    assert "A place is free for you" in offer.subject
    offer_link = personal_link(offer)
    assert "Take the place" in client.get(offer_link).content.decode()
    assert Registration.objects.get(pk=second.pk).status == "offered"
    post(client, offer_link, {"action": "claim"})
    second.refresh_from_db()
    assert second.status == "confirmed"
    assert Event.objects.get(pk=event.pk).seats_taken == 1
    assert invitation(mail.outbox[-1])["METHOD"] == "REQUEST"


def test_an_offer_not_taken_in_time_passes_to_the_next_person(db):
    event = EventFactory(capacity=1)
    with _commit["capture"](execute=True):
        first = seats.register(event=event, fields=fields(1))
        second = seats.register(event=event, fields=fields(2))
        third = seats.register(event=event, fields=fields(3))
        seats.cancel(registration=first)
    second.refresh_from_db()
    later = second.offer_expires + timedelta(minutes=1)
    with _commit["capture"](execute=True):
        assert seats.expire_offers(later) == 1
    second.refresh_from_db()
    third.refresh_from_db()
    assert second.status == "cancelled" and third.status == "offered"
    assert "offer of a place has ended" in mail.outbox[-2].subject
    with pytest.raises(seats.NotOffered):
        seats.claim(registration=second)
    assert Event.objects.get(pk=event.pk).seats_taken == 1


def test_staff_promote_someone_from_the_waiting_list(as_user, adviser, db):
    event = EventFactory(capacity=1)
    RegistrationFactory(event=event)
    waiting = RegistrationFactory(event=event, status="waiting", waiting_position=1)
    url = reverse("events:promote", args=[event.pk, waiting.pk])
    assert post(as_user(adviser), url).status_code == 302
    waiting.refresh_from_db()
    assert waiting.status == "confirmed"
    assert Event.objects.get(pk=event.pk).seats_taken == 2
    assert mail.outbox[-1].to == [waiting.email]


def test_reminders_and_the_joining_link_are_sent_once_each(db, settings):
    settings.EVENTS_REMINDER_HOURS = [168, 24, 1]
    settings.EVENTS_JOINING_LINK_HOURS = 2
    event = EventFactory(start=timezone.now() + timedelta(hours=30))
    RegistrationFactory(event=event, email="a@example.org")
    with _commit["capture"](execute=True):
        assert schedule.send_due(event, timezone.now()) == []
    # 30 hours before, the one-week reminder is too late to say "in one week": it is passed over.
    assert list(Sent.objects.filter(event=event).values_list("kind", flat=True)) == [schedule.reminder_kind(event, 168)]
    with _commit["capture"](execute=True):
        assert schedule.send_due(event, event.start - timedelta(hours=23)) == [schedule.reminder_kind(event, 24)]
    (reminder,) = mail.outbox
    assert reminder.subject.endswith("tomorrow")
    with _commit["capture"](execute=True):
        assert schedule.send_due(event, event.start - timedelta(hours=22)) == []  # a second run, a restarted worker
    assert len(mail.outbox) == 1
    with _commit["capture"](execute=True):
        sent = schedule.send_due(event, event.start - timedelta(minutes=90))
    assert len(sent) == 1 and sent[0].startswith("joining@")
    joining = mail.outbox[-1]
    assert event.joining_link in joining.body
    entry = invitation(joining).walk("VEVENT")[0]
    assert entry["SEQUENCE"] == 1 and event.joining_link in entry["LOCATION"]
    with _commit["capture"](execute=True):
        sent = schedule.send_due(event, event.start - timedelta(minutes=30))
    assert sent == [schedule.reminder_kind(event, 1)]


def test_the_programme_page_keeps_to_its_query_budget(client, db):
    def add_rows():
        for _ in range(3):
            event = EventFactory()
            RegistrationFactory(event=event)
        EventFactory(start=timezone.now() - timedelta(days=5), status="held", recording_url="https://x.example/r")

    add_rows()
    client.get(reverse("events:programme"))  # the site's settings made on the first visit
    # A page of events to come and their count, the latest past ones, the site's settings.
    with assert_max_queries(4):
        assert client.get(reverse("events:programme")).status_code == 200
    add_rows()
    with assert_max_queries(4):
        assert client.get(reverse("events:programme")).status_code == 200


def test_the_programme_pages_through_events_to_come_and_shows_the_latest_past_ones(client, db):
    now = timezone.now()
    EventFactory.create_batch(access.UPCOMING_PER_PAGE + 1)
    held = [
        EventFactory(start=now - timedelta(days=n), status="held", title=f"Held {n}")
        for n in range(1, access.RECENT_PAST + 3)
    ]
    EventFactory(start=now - timedelta(days=1), status="cancelled", title="Called off")

    def cards(response):
        return response.content.decode().count('class="nhsuk-card__link"')

    def past(response):
        return re.findall(r">(Held \d+)</a>", response.content.decode())

    first = client.get(reverse("events:programme"))
    assert cards(first) == access.UPCOMING_PER_PAGE
    assert past(first) == [e.title for e in held[: access.RECENT_PAST]]
    assert reverse("events:past").encode() in first.content
    assert cards(client.get(reverse("events:programme"), {"page": 2})) == 1
    archive = client.get(reverse("events:past"))
    assert past(archive) == [e.title for e in held]
    assert b"Called off" not in archive.content


def test_the_past_webinars_page_keeps_to_its_query_budget(client, db):
    EventFactory(start=timezone.now() - timedelta(days=5), status="held", recording_url="https://x.example/r")
    url = reverse("events:past")
    client.get(url)  # the site's settings made on the first visit
    with assert_max_queries(3) as before:  # the page and its count, the site's settings
        assert client.get(url).status_code == 200
    for n in range(5):
        EventFactory(start=timezone.now() - timedelta(days=6 + n), status="held", recording_url="https://x.example/r")
    with assert_max_queries(len(before)):
        assert client.get(url).status_code == 200


def test_the_event_page_keeps_to_its_query_budget(client, db):
    from ..factories import PersonFactory, ProjectFactory

    event = EventFactory()
    event.projects.add(ProjectFactory())  # with one example, so its case studies are looked up from the start
    url = reverse("events:event", args=[event.slug])
    client.get(url)
    # The event, its speakers, panel and projects, the site's settings, the projects' case studies.
    with assert_max_queries(6) as before:
        assert client.get(url).status_code == 200
    event.speakers.add(*PersonFactory.create_batch(3))
    event.panel.add(*PersonFactory.create_batch(3))
    event.projects.add(*ProjectFactory.create_batch(3))
    with assert_max_queries(len(before)):
        assert client.get(url).status_code == 200


def test_erasing_a_registration_keeps_the_counts_and_frees_the_seat(db):
    from mobilise.core import retention

    event = EventFactory(capacity=1)
    with _commit["capture"](execute=True):
        first = seats.register(event=event, fields={**fields(1), "sector": "academia", "access_needs": ["bsl"]})
        second = seats.register(event=event, fields=fields(2))
        assert retention.erase(first)
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.name == "Erased" and first.email.endswith("@invalid") and first.access_needs == []
    assert first.sector == "academia" and first.status == "cancelled"
    assert second.status == "offered"


def test_the_feed_calendar_file_and_event_data_are_public_and_keep_the_link_private(client, db):
    import json
    from xml.etree import ElementTree

    event = EventFactory(title="Tools & <techniques>")
    feed = ElementTree.fromstring(client.get(reverse("events:feed")).content)
    titles = [e.text for e in feed.iter("{http://www.w3.org/2005/Atom}title")]
    assert "Tools & <techniques>" in titles
    download = client.get(reverse("events:calendar", args=[event.slug]))
    calendar = Calendar.from_ical(download.content)
    entry = calendar.walk("VEVENT")[0]
    assert "METHOD" not in calendar and "ATTENDEE" not in entry and event.joining_link not in download.content.decode()
    page = client.get(reverse("events:event", args=[event.slug])).content.decode()
    data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)[1])
    assert data["@type"] == "Event" and data["name"] == event.title and data["isAccessibleForFree"]
    assert event.joining_link not in page


def test_events_tick_passes_on_expired_offers(db):
    from django.core.management import call_command

    event = EventFactory(capacity=1)
    with _commit["capture"](execute=True):
        first = seats.register(event=event, fields=fields(1))
        second = seats.register(event=event, fields=fields(2))
        seats.cancel(registration=first)
    Registration.objects.filter(pk=second.pk).update(offer_expires=timezone.now() - timedelta(minutes=1))
    with _commit["capture"](execute=True):
        call_command("events_tick")
    second.refresh_from_db()
    assert second.status == "cancelled"


def test_the_blank_form_rendered_once_is_the_form_rendered_afresh(client, db, settings):
    """The event page keeps the blank registration form's fields (views/public.py, blank_fields): they must be what
    the template gives each time, the time trap and the CSRF token apart."""
    import re

    event = EventFactory()
    url = reverse("events:event", args=[event.slug])

    def form(page: bytes) -> str:
        html = page.decode().split('id="main-form"', 1)[1].split("</form>", 1)[0]
        return re.sub(r'(name="(?:csrfmiddlewaretoken|started)" value=)"[^"]*"', r"\1", html)

    client.get(url)
    kept = form(client.get(url).content)
    settings.DEBUG = True  # rendered afresh each time
    assert form(client.get(url).content) == kept and 'name="access_needs"' in kept
