"""The webinar programme in a real browser: a visitor finds a webinar and registers (its calendar invitation
parsed), a second joins the waiting list, the first cancels through the link in their email, and the second takes
the place offered; then an adviser sees the registrants. An adviser imports an attendance report. axe-core on each
page, and none of it needs JavaScript."""

import datetime
import re
from pathlib import Path

import pytest
from django.conf import settings
from icalendar import Calendar
from playwright.sync_api import expect

from mobilise.events.models import EventStatus, Registration

from ..factories import EventFactory, RegistrationFactory
from .helpers import assert_accessible, sign_in

SAMPLES = Path(__file__).parent.parent / "events" / "samples"
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _register(page, live_server, event, name, email):
    page.goto(live_server.url + "/events/")
    page.get_by_role("link", name=event.title).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(event.title)
    page.get_by_label("Your name").fill(name)
    page.get_by_label("Your email address").fill(email)
    page.get_by_label("Live captions").check()
    page.get_by_label("I agree to being recorded").check()


def _link(message):
    url = re.search(r"https?://\S+/events/your-registration/\S+/", message.body).group(0)
    return url.removeprefix(settings.SITE_URL.rstrip("/"))


def test_register_cancel_and_take_a_place_offered(page, live_server, adviser, mailoutbox, fast_forms):
    event = EventFactory(capacity=1, title="Practical tools, techniques and support")
    page.goto(live_server.url + "/")
    page.get_by_role("link", name="See all our webinars and sign up").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Webinars")
    assert_accessible(page)

    _register(page, live_server, event, "Priya Shah", "priya@example.org")
    assert_accessible(page)
    page.get_by_role("button", name="Register").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("You are registered")
    assert_accessible(page)
    confirmation = next(m for m in mailoutbox if m.to == ["priya@example.org"])
    calendar = Calendar.from_ical(confirmation.attachments[0][1])
    assert calendar["METHOD"] == "REQUEST" and calendar.walk("VEVENT")[0]["SUMMARY"] == event.title

    page.context.clear_cookies()
    _register(page, live_server, event, "Sam Lee", "sam@example.org")
    page.get_by_role("button", name="Join the waiting list").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("You are on the waiting list")

    page.goto(live_server.url + _link(confirmation))
    expect(page.get_by_role("heading", level=1)).to_have_text(event.title)
    assert_accessible(page)
    page.get_by_role("button", name="Cancel my registration").click()
    expect(page.locator(".nhsuk-notification-banner--success")).to_contain_text("Your registration is cancelled")

    offer = next(m for m in mailoutbox if m.to == ["sam@example.org"] and "A place is free" in m.subject)
    page.goto(live_server.url + _link(offer))
    assert_accessible(page)
    page.get_by_role("button", name="Take the place").click()
    expect(page.locator(".nhsuk-notification-banner--success")).to_contain_text("The place is yours")
    assert_accessible(page)
    statuses = dict(Registration.objects.values_list("email", "status"))
    assert statuses == {"priya@example.org": "cancelled", "sam@example.org": "confirmed"}

    page.context.clear_cookies()
    sign_in(page, live_server, adviser)
    page.get_by_role("link", name="Webinars", exact=True).click()
    assert_accessible(page)
    page.get_by_role("link", name=event.title).click()
    expect(page.get_by_role("cell", name=re.compile("Sam Lee"))).to_be_visible()
    assert_accessible(page)


def test_staff_import_an_attendance_report(page, live_server, adviser):
    """An adviser uploads the Teams report: a malformed one first (every problem listed, nothing saved), then the
    real one, checks what it matched and saves it."""
    event = EventFactory(start=datetime.datetime(2026, 3, 18, 10, tzinfo=datetime.UTC), status=EventStatus.HELD)
    priya = RegistrationFactory(event=event, name="Priya Raman", email="priya.raman@example.nhs.uk")
    RegistrationFactory(event=event, name="Nia Jones", email="nia@example.org")
    sign_in(page, live_server, adviser)
    page.goto(f"{live_server.url}/events/manage/{event.pk}/")
    page.get_by_role("link", name="Import attendance").click()
    assert_accessible(page)
    page.get_by_label("Attendance report").set_input_files(str(SAMPLES / "teams_attendance_malformed.csv"))
    page.get_by_role("button", name="Upload and check").click()
    expect(page.locator("#problem-list li")).to_have_count(6)
    expect(page.locator("#problem-list")).to_contain_text("Row 16: the join time")
    assert_accessible(page)
    page.get_by_label("Attendance report").set_input_files(str(SAMPLES / "teams_attendance.csv"))
    page.get_by_role("button", name="Upload and check").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check the attendance")
    expect(page.locator("#attendance-counts")).to_contain_text("1 matched to a registration")
    expect(page.locator("#absent")).to_contain_text("Nia Jones")
    assert_accessible(page)
    page.get_by_role("button", name="Save the attendance").click()
    expect(page.locator(".nhsuk-notification-banner--success")).to_contain_text("1 attended")
    assert_accessible(page)
    priya.refresh_from_db()
    assert priya.attended and priya.minutes_attended == 49


@pytest.fixture
def fast_forms(settings):
    settings.PUBLIC_FORM_MIN_SECONDS = 0  # Playwright fills a form faster than a person can
    return settings
