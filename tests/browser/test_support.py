"""The front door in a real browser: a visitor reads the home page, asks for support, checks their answers, gets
the email and follows the request through its private link; an adviser finds it in the queue. axe-core on each
page, and none of it needs JavaScript."""

import re

import pytest
from django.conf import settings
from playwright.sync_api import expect

from mobilise.support.models import SupportRequest

from .helpers import assert_accessible, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _fill_the_form(page):
    page.get_by_label("Your name").fill("Priya Shah")
    page.get_by_label("Your email address").fill("priya@example.org")
    page.get_by_label("Your organisation").fill("Mereshire University")
    page.get_by_label("Your role").fill("Research fellow")
    page.get_by_role("group", name="Which describes you best?").get_by_label("Researcher").check()
    page.get_by_label("A logic model or theory of change").check()
    page.get_by_label("Project title").fill("Pharmacy checks for people with diabetes")
    page.get_by_role("group", name="What stage is the project at?").get_by_label("Idea").check()
    page.get_by_label("Tell us about the project").fill("We want to test checks in community pharmacies.")


def test_a_visitor_asks_for_support_and_follows_it(page, live_server, adviser, mailoutbox, settings_override):
    page.goto(live_server.url + "/")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Ask us for support").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Ask for support")
    assert_accessible(page)

    page.get_by_role("button", name="Continue").click()
    summary = page.locator(".nhsuk-error-summary")
    expect(summary.get_by_role("link", name="Enter your name")).to_have_attribute("href", "#id_name")
    assert_accessible(page)

    _fill_the_form(page)
    page.get_by_label("I have read the privacy notice").check()
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your answers before sending your request")
    expect(page.get_by_text("Pharmacy checks for people with diabetes")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Send request").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Request sent")
    reference = SupportRequest.objects.get().reference
    expect(page.get_by_text(reference)).to_be_visible()
    assert_accessible(page)

    message = next(m for m in mailoutbox if m.to == ["priya@example.org"])
    link = re.search(r"https?://\S+/support/your-request/\S+/", message.body).group(0)
    page.goto(live_server.url + link.removeprefix(settings.SITE_URL.rstrip("/")))
    expect(page.get_by_role("heading", level=1)).to_have_text("Pharmacy checks for people with diabetes")
    page.get_by_label("Add information to your request").fill("Our deadline is in June.")
    page.get_by_role("button", name="Add to your request").click()
    expect(page.locator(".nhsuk-notification-banner--success")).to_contain_text("We have added this")
    expect(page.get_by_text("Our deadline is in June.")).to_be_visible()
    assert_accessible(page)

    page.context.clear_cookies()
    sign_in(page, live_server, adviser)
    page.get_by_role("link", name="Support", exact=True).click()
    page.get_by_role("link", name=reference).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Pharmacy checks for people with diabetes")
    expect(page.get_by_text("Our deadline is in June.")).to_be_visible()
    assert_accessible(page)


@pytest.fixture
def settings_override(settings):
    settings.PUBLIC_FORM_MIN_SECONDS = 0  # Playwright fills a form faster than a person can
    return settings
