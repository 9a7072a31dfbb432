"""A workshop invitee replies through the personal link in the email, without an account, and the owner sees the
reply and the access needs on the workshop page, reorders the agenda without JavaScript and sees the feedback
form's QR code. Every page is checked with axe-core."""

import datetime
import re

import pytest
from django.conf import settings
from django.utils import timezone
from playwright.sync_api import expect

from mobilise.engagement import services
from mobilise.evaluation.models import FeedbackForm
from mobilise.stakeholders import services as stakeholder_services
from tests.factories import PersonFactory

from .helpers import assert_accessible, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def workshop(project, lead):
    raj = PersonFactory(full_name="Raj Patel", email="raj@example.org")
    stakeholder = stakeholder_services.add_stakeholder(project=project, by=lead, person=raj)
    starts = timezone.now() + datetime.timedelta(days=14)
    w = services.create_workshop(
        project=project,
        title="Commissioning workshop",
        purpose="Reflect on the findings with system partners.",
        starts=starts,
        ends=starts + datetime.timedelta(hours=3),
        place="Mereshire Town Hall",
        online_link="https://meet.example.org/room",
        owner=lead,
    )
    services.invite(workshop=w, stakeholders=[stakeholder])
    for title in ("Welcome", "What we found"):
        services.add_agenda_item(workshop=w, title=title)
    FeedbackForm.objects.create(project=project, title="How was today?", workshop=w)
    return w


def test_an_invitee_replies_with_access_needs_and_the_owner_sees_it(page, live_server, lead, workshop, mailoutbox):
    page.set_default_timeout(120_000)  # the shared test machine can be slow to serve the first page
    sign_in(page, live_server, lead)
    workshop_url = f"{live_server.url}/projects/{workshop.project_id}/engagement/workshops/{workshop.pk}/"
    page.goto(workshop_url)
    page.get_by_role("button", name="Send invitations by email").click()
    expect(page.locator(".nhsuk-notification-banner--success")).to_contain_text("Invitations sent to 1 person")
    (message,) = mailoutbox
    path = re.search(r"https?://\S+/workshops/reply/\S+/", message.body).group(0)
    reply_url = live_server.url + path.removeprefix(settings.SITE_URL.rstrip("/"))
    page.get_by_role("link", name="Sign out").click()
    page.get_by_role("button", name="Sign out").click()

    page.goto(reply_url)
    expect(page.get_by_role("heading", level=1)).to_have_text("Commissioning workshop")
    expect(page.get_by_text("Mereshire Town Hall")).to_be_visible()
    expect(page.get_by_role("link", name="Join online")).to_have_attribute("href", "https://meet.example.org/room")
    assert_accessible(page)
    page.get_by_role("button", name="Send your reply").click()  # nothing chosen
    summary = page.locator(".nhsuk-error-summary")
    expect(summary.get_by_role("link", name="Select whether you can come")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Yes, I can come").check()
    page.get_by_label("Is there anything we can do to help you take part?").fill("A hearing loop, please")
    page.get_by_role("button", name="Send your reply").click()
    expect(page.locator(".nhsuk-notification-banner--success")).to_contain_text("Your reply has been saved")
    expect(page.get_by_text("Your reply: coming.")).to_be_visible()
    assert_accessible(page)
    page.set_viewport_size({"width": 320, "height": 800})
    assert page.evaluate("document.documentElement.scrollWidth <= 320")
    page.screenshot(path="/tmp/workshop-reply-320.png", full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.screenshot(path="/tmp/workshop-reply-1280.png", full_page=True)

    sign_in(page, live_server, lead)
    page.goto(workshop_url)
    row = page.get_by_role("row", name=re.compile("Raj Patel"))
    expect(row).to_contain_text("Access needs: A hearing loop, please")
    expect(row.get_by_label("Reply from Raj Patel")).to_have_value("accepted")
    expect(page.get_by_role("img", name="QR code that opens the feedback form “How was today?”")).to_be_visible()
    page.get_by_role("button", name=re.compile(r"^Move down\W+Welcome$")).click()
    expect(page.locator(".nhsuk-notification-banner--success")).to_contain_text("“Welcome” moved down")
    expect(page.locator("#agenda + .app-table-scroll table tbody tr").first).to_contain_text("What we found")
    assert_accessible(page)
    page.screenshot(path="/tmp/workshop-owner-1280.png", full_page=True)
    page.set_viewport_size({"width": 320, "height": 800})
    page.screenshot(path="/tmp/workshop-owner-320.png", full_page=True)
