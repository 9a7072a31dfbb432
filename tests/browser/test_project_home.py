"""The project's home and the sub-navigation across its jobs: readable at 1280 and 320 px, accessible, and usable
with the keyboard alone."""

import datetime
import os

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.factories import ActionFactory, StakeholderFactory

from .helpers import assert_accessible, focused, sign_in
from .test_keyboard import tab_to

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SHOTS = os.environ.get("SCREENSHOTS")  # a folder to save screenshots in, to look at them


@pytest.fixture(autouse=True)
def patient(page):
    """The first page a live server serves compiles the templates: on a busy machine it takes longer than 10 s."""
    page.set_default_navigation_timeout(30_000)


def shot(page, name):
    if SHOTS:
        page.screenshot(path=f"{SHOTS}/{name}.png", full_page=True)


def no_sideways_scroll(page):
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def nav_fits(page):
    """The sub-navigation wraps within the window (the page under it is its own app's concern)."""
    assert page.evaluate(
        "[...document.querySelectorAll('.app-project-nav__link')].every(a => a.getBoundingClientRect().right <= "
        "window.innerWidth)"
    )


@pytest.mark.parametrize("width", [1280, 320])
def test_home_and_subnav_at_each_width(page, live_server, lead, project, width):
    today = timezone.localdate()
    StakeholderFactory(project=project, cadence="monthly", last_contact=today - datetime.timedelta(days=60))
    ActionFactory(project=project, due=today - datetime.timedelta(days=2))
    page.set_viewport_size({"width": width, "height": 900})
    sign_in(page, live_server, lead)
    page.goto(f"{live_server.url}/projects/{project.pk}/")
    nav = page.get_by_role("navigation", name=f"Project: {project.short_title}")
    expect(nav.get_by_role("link", name="Overview")).to_have_attribute("aria-current", "page")
    expect(page.get_by_role("link", name="1 overdue contact")).to_be_visible()
    no_sideways_scroll(page)
    assert_accessible(page)
    shot(page, f"home-{width}")
    nav.get_by_role("link", name="Engagement").click()
    expect(page.get_by_role("navigation", name=f"Project: {project.short_title}").get_by_role(
        "link", name="Engagement"
    )).to_have_attribute("aria-current", "page")  # fmt: skip
    nav_fits(page)
    assert_accessible(page)
    shot(page, f"engagement-{width}")
    page.goto(f"{live_server.url}/projects/{project.pk}/evaluation/indicators/periods/generate/")
    no_sideways_scroll(page)
    page.goto(f"{live_server.url}/projects/{project.pk}/stakeholders/equity/")  # a section's four tabs wrap
    no_sideways_scroll(page)
    assert_accessible(page)
    shot(page, f"generate-{width}")


def test_the_subnav_with_the_keyboard(page, live_server, lead, project):
    sign_in(page, live_server, lead)
    page.goto(f"{live_server.url}/projects/{project.pk}/")
    tab_to(page, "Stakeholders")
    assert focused(page)["tag"] == "a"
    page.keyboard.press("Enter")
    expect(page).to_have_url(f"{live_server.url}/projects/{project.pk}/stakeholders/")
    tab_to(page, "Evaluation")
    page.keyboard.press("Enter")
    expect(page).to_have_url(f"{live_server.url}/projects/{project.pk}/evaluation/")
    expect(page.get_by_role("link", name="Evaluation", exact=True).first).to_have_attribute("aria-current", "page")
