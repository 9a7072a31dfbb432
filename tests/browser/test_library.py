"""The case-study library in a real browser: an adviser writes a case study, a second adviser approves it, the
first publishes it, and a visitor finds it by searching the library and reads it. axe-core on each page; none of
it needs JavaScript."""

import re

import pytest
from playwright.sync_api import expect

from mobilise.core.models import Review
from tests.factories import UserFactory

from .helpers import assert_accessible, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TITLE = "Diabetes checks in community pharmacies"


def test_an_adviser_publishes_and_a_visitor_finds_it_by_search(page, live_server, adviser):
    second = UserFactory(full_name="Tom Second", is_adviser=True)
    sign_in(page, live_server, adviser)
    page.get_by_role("link", name="Case studies", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Case studies")
    assert_accessible(page)
    page.get_by_role("button", name="Write a case study").click()
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".nhsuk-error-summary")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Title").fill(TITLE)
    page.get_by_label("Summary").fill("Pharmacists now offer diabetes checks after a pilot we helped plan.")
    page.get_by_label("What we did").fill("We built a logic model with the pharmacists and ran a workshop.")
    page.get_by_label("Outcome and impact").fill("The integrated care board funded checks in twelve pharmacies.")
    page.get_by_label("Logic model").check()
    page.get_by_label("Region").select_option(label="East of England")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    assert_accessible(page)

    page.get_by_role("button", name="Send for review").click()
    page.get_by_label("Tom Second").check()
    assert_accessible(page)
    page.get_by_role("button", name="Send for review").click()
    expect(page.locator(".nhsuk-notification-banner--success")).to_contain_text("Sent for review to Tom Second")

    page.context.clear_cookies()
    sign_in(page, live_server, second)
    page.goto(f"{live_server.url}/reviews/{Review.objects.get().pk}/")
    page.get_by_role("button", name="Approve").click()
    expect(page.locator(".nhsuk-notification-banner--success")).to_contain_text("approved")

    page.context.clear_cookies()
    sign_in(page, live_server, adviser)
    page.get_by_role("link", name="Case studies", exact=True).click()
    page.get_by_role("link", name=TITLE).click()
    page.get_by_role("button", name="Publish").click()
    expect(page.locator(".nhsuk-notification-banner--success")).to_contain_text("Published")
    assert_accessible(page)

    page.context.clear_cookies()
    page.goto(f"{live_server.url}/case-studies/")
    assert_accessible(page)
    page.get_by_label("Search case studies").fill('pharmacy "checks')
    page.get_by_role("button", name="Show case studies").click()
    expect(page.locator(".app-results-count")).to_contain_text("1 case study")
    assert_accessible(page)
    page.get_by_role("link", name=TITLE).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(page.get_by_text(re.compile(r"First published \d+ \w+ \d{4}"))).to_be_visible()
    expect(page.get_by_text("First published.")).to_be_visible()
    assert_accessible(page)
