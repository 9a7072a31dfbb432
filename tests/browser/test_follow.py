"""Following a theme in a real browser, without JavaScript: the form on the theme page, the confirmation link's
one button, and the unsubscribe link's page. axe-core on each page."""

import re

import pytest
from django.conf import settings
from playwright.sync_api import expect

from mobilise.events import services
from mobilise.events.models import EventStatus, Subscription

from ..factories import EventFactory
from .helpers import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _path(message, kind):
    url = re.search(rf"https?://\S+/events/follow/{kind}/\S+/", message.body).group(0)
    return url.removeprefix(settings.SITE_URL.rstrip("/"))


def test_follow_a_theme_confirm_and_unsubscribe(page, live_server, mailoutbox, fast_forms):
    event = EventFactory(title="Practical tools, techniques and support")
    theme = event.theme
    page.goto(f"{live_server.url}/events/{event.slug}/")
    page.get_by_role("link", name=theme.title).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(theme.title)
    assert_accessible(page)
    page.get_by_label("Email address for updates").fill("not an address")
    page.get_by_role("button", name="Follow this theme").click()
    expect(page.locator(".nhsuk-error-summary")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Email address for updates").fill("sam@example.org")
    page.get_by_role("button", name="Follow this theme").click()
    expect(page.locator(".nhsuk-notification-banner--success")).to_contain_text("Check your email")

    page.goto(live_server.url + _path(mailoutbox[-1], "confirm"))
    assert_accessible(page)
    page.get_by_role("button", name="Confirm").click()
    expect(page.locator(".nhsuk-notification-banner--success")).to_contain_text("you are following")
    assert Subscription.objects.get().confirmed_at is not None

    services.publish(event=EventFactory(theme=theme, status=EventStatus.DRAFT))
    page.goto(live_server.url + _path(mailoutbox[-1], "unsubscribe"))
    assert_accessible(page)
    page.get_by_role("button", name="Unsubscribe").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("You have unsubscribed")
    assert Subscription.objects.get().erased_at is not None


@pytest.fixture
def fast_forms(settings):
    settings.PUBLIC_FORM_MIN_SECONDS = 0
