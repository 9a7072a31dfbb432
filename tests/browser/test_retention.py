"""Erasing a requester's details in a real browser: the adviser reads what goes and what stays, erases, and the
requester's private link then says the details have been erased. axe-core on each page."""

import os

import pytest
from playwright.sync_api import expect

from mobilise.core import links
from mobilise.support import services

from ..factories import SupportRequestFactory
from .helpers import assert_accessible, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
# Set to a folder to keep screenshots of each page at 1280 and 320 pixels wide (for looking at the pages).
SHOTS = os.environ.get("RETENTION_SCREENSHOTS")


def _look(page, name):
    assert_accessible(page)
    if SHOTS:
        for width in (1280, 320):
            page.set_viewport_size({"width": width, "height": 900})
            page.screenshot(path=f"{SHOTS}/{name}-{width}.png", full_page=True)
        page.set_viewport_size({"width": 1280, "height": 900})


def test_an_adviser_erases_a_requesters_details(page, live_server, adviser):
    support_request = SupportRequestFactory(name="Priya Shah", email="priya@example.org")
    token = links.make_link(services.STATUS_LINK, support_request, expires=None, once=False).token
    sign_in(page, live_server, adviser)
    page.goto(f"{live_server.url}/support/requests/{support_request.pk}/")
    page.get_by_role("link", name="Erase this person's details").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Erase this person's details")
    _look(page, "erase-confirm")

    page.get_by_role("button", name="Erase this person's details").click()
    expect(page.get_by_text("The requester's details have been erased.")).to_be_visible()
    expect(page.get_by_text("Priya Shah")).to_have_count(0)
    _look(page, "erase-record")

    page.goto(f"{live_server.url}/support/your-request/{token}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("This request's details have been erased")
    _look(page, "erase-link")
