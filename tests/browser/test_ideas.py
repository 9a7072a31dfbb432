"""Get involved in a real browser: a visitor reads the invitation, shares an idea, checks it and gets the email;
an adviser assesses it on the ideas rubric and answers it with a reason; the sender sees the answer through their
private link. axe-core (and the Nu HTML Checker) on each page, and none of it needs JavaScript."""

import re

import pytest
from django.conf import settings
from playwright.sync_api import expect

from mobilise.support.models import Idea, IdeaStatus
from mobilise.support.rubric import IDEA_CRITERIA

from .helpers import assert_accessible, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def quick_forms(settings):
    settings.PUBLIC_FORM_MIN_SECONDS = 0  # Playwright fills a form faster than a person can
    return settings


def _share(page):
    page.get_by_label("Give your idea a short name").fill("Walk and talk")
    page.get_by_label("What is the problem?").fill("Older men who live alone rarely talk about how they feel.")
    page.get_by_label("What is your idea?").fill("Weekly guided walks where men can talk, led by volunteers.")
    page.get_by_label("Who would benefit?").fill("Older men who live alone.")
    page.get_by_role("group", name="How far has the idea got?").get_by_label(
        "We have tried it on a small scale"
    ).check()
    page.get_by_label("Your name").fill("Sam Okoro")
    page.get_by_label("Your email address").fill("sam@example.org")


def test_a_visitor_shares_an_idea_and_sees_the_answer(page, live_server, adviser, mailoutbox, quick_forms):
    page.goto(live_server.url + "/")
    page.get_by_role("link", name="Get involved: share your idea").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Get involved: share your idea")
    assert_accessible(page)
    page.get_by_role("link", name="Share your idea").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Share your idea")
    assert_accessible(page)

    page.get_by_role("button", name="Continue").click()
    expect(page.locator(".nhsuk-error-summary")).to_be_visible()
    assert_accessible(page)
    _share(page)
    page.get_by_label("I have read the privacy notice").check()
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your answers before sending your idea")
    assert_accessible(page)
    page.get_by_role("button", name="Send idea").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Idea sent")
    idea = Idea.objects.get()
    expect(page.get_by_text(idea.reference)).to_be_visible()
    assert_accessible(page)
    message = next(m for m in mailoutbox if m.to == ["sam@example.org"])
    link = re.search(r"https?://\S+/support/your-idea/\S+/", message.body).group(0)
    link = live_server.url + link.removeprefix(settings.SITE_URL.rstrip("/"))

    page.context.clear_cookies()
    sign_in(page, live_server, adviser)
    page.goto(live_server.url + "/support/ideas/")
    assert_accessible(page)
    page.get_by_role("link", name=idea.reference).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Walk and talk")
    assert_accessible(page)
    page.get_by_role("link", name="Assess this idea").click()
    for _, question, _ in IDEA_CRITERIA:
        page.get_by_role("group", name=question).get_by_label("Yes", exact=True).check()
    page.get_by_label("Comment on feasibility (optional)").fill("The Men's Shed already has volunteers.")
    assert_accessible(page)
    page.get_by_role("button", name="Save assessment").click()
    expect(page.get_by_text("The Men's Shed already has volunteers.")).to_be_visible()

    page.get_by_role("link", name="Accept", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Accept the idea")
    assert_accessible(page)
    page.get_by_label("Reason, for the record").fill("A clear need, and it is already working on a small scale.")
    page.get_by_label("Email to the sender").fill("Dear Sam,\n\nWe would like to help you take it further.")
    page.get_by_role("button", name="Send the answer and change status").click()
    expect(page.locator(".nhsuk-notification-banner--success")).to_contain_text("Accepted")
    idea.refresh_from_db()
    assert idea.status == IdeaStatus.ACCEPTED
    answer = [m for m in mailoutbox if m.to == ["sam@example.org"]][-1]
    assert "We would like to help you take it further." in answer.body
    page.get_by_label("Short title of the new project").fill("WALK")
    page.get_by_role("button", name="Start the project").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Walk and talk")
    assert_accessible(page)

    page.context.clear_cookies()
    page.goto(link)
    expect(page.get_by_role("heading", level=1)).to_have_text("Walk and talk")
    expect(page.get_by_text("A clear need, and it is already working on a small scale.")).to_be_visible()
    expect(page.get_by_text("Taken forward")).to_be_visible()
    assert_accessible(page)
