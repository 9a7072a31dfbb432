"""Keyboard only: the skip link, the sign-in form and reaching a project's edit link with Tab and Enter."""

import pytest
from playwright.sync_api import expect

from tests.factories import PASSWORD

from .helpers import assert_accessible, focused, url_of

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def tab_to(page, text, limit=60):
    """Press Tab until the element with this text has focus; fail if it never does."""
    seen = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        now = focused(page)
        if now["text"] == text:
            return now
        seen.append(now["text"] or f"<{now['tag']} id={now['id']!r}>")
    raise AssertionError(f"{text!r} never took focus in {limit} presses of Tab; focus went to: {seen}")


def test_sign_in_and_reach_edit_with_the_keyboard(page, live_server, lead, project):
    page.goto(live_server.url + "/sign-in/")
    assert_accessible(page)

    # The first Tab reaches the skip link, which shows itself when focused.
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to main content")
    expect(skip).to_be_focused()
    expect(skip).to_be_in_viewport()
    page.keyboard.press("Enter")
    assert focused(page)["id"] == "maincontent"

    # From the main content, the next Tab is the email address, then the password; Enter signs in.
    page.keyboard.press("Tab")
    assert focused(page)["id"] == "id_username"
    page.keyboard.type(lead.email)
    page.keyboard.press("Tab")
    assert focused(page)["id"] == "id_password"
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    # The skip link's #maincontent stays on the address through the redirect, as browsers keep fragments.
    expect(page).to_have_url(url_of(live_server, "/"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Projects")

    # Tab to the project and open it, then Tab to "Edit project" and follow it.
    tab_to(page, "CASCADE")
    page.keyboard.press("Enter")
    expect(page).to_have_url(live_server.url + f"/projects/{project.pk}/")
    edit = tab_to(page, "Edit project")
    assert edit["tag"] == "a"
    page.keyboard.press("Enter")
    expect(page).to_have_url(live_server.url + f"/projects/{project.pk}/edit/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Edit project")
