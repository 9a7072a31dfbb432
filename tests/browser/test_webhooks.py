"""A webhook is added on the account page (its secret shown once), sends a test event to a receiver on this
machine (loopback allowed for this test only), its page shows the delivery in the log, and it is renamed and its
secret replaced (the new one shown once)."""

import os

import pytest
from playwright.sync_api import expect

from mobilise.api import safeurl
from tests.api.receiver import Receiver, serve

from .helpers import assert_accessible, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SHOTS = os.environ.get("SCREENSHOTS")  # a folder to keep screenshots in, when looking at the pages


def shoot(page, name):
    if SHOTS:
        for width in (1280, 320):
            page.set_viewport_size({"width": width, "height": 900})
            page.screenshot(path=f"{SHOTS}/{name}-{width}.png", full_page=True)
        page.set_viewport_size({"width": 1280, "height": 900})


@pytest.fixture
def receiver(settings, monkeypatch):
    settings.WEBHOOK_ALLOW_LOOPBACK = True
    monkeypatch.setattr(safeurl, "lookup", lambda host, port: ["127.0.0.1"])  # hooks.example.org is this machine
    found = Receiver()
    server = serve(found)
    yield found
    server.shutdown()
    server.server_close()


def test_a_webhook_is_added_tested_and_logged(page, live_server, lead, receiver):
    sign_in(page, live_server, lead)
    page.goto(live_server.url + "/account/")
    page.get_by_role("link", name="Add a webhook").click()
    page.get_by_role("button", name="Add the webhook").click()
    expect(page.locator(".nhsuk-error-summary")).to_contain_text("Enter a name for the webhook")
    assert_accessible(page)
    shoot(page, "webhook-form-errors")
    page.get_by_label("Name").fill("CRM sync")
    page.get_by_label("Web address").fill(f"http://hooks.example.org:{receiver.port}/mobilise")
    page.get_by_label("An output is published").check()
    page.get_by_role("button", name="Add the webhook").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your new webhook: CRM sync")
    assert page.locator("#secret").inner_text().startswith("whsec_")
    assert_accessible(page)
    shoot(page, "webhook-made")
    page.get_by_role("link", name="Go to the webhook’s page").click()
    page.get_by_role("button", name="Send test event").click()
    expect(page.get_by_text("A test event is on its way")).to_be_visible()
    expect(page.get_by_role("table")).to_contain_text("webhook.test")
    assert receiver.received[0].headers["Mobilise-Event"] == "webhook.test"
    assert_accessible(page)
    shoot(page, "webhook-page")
    first = receiver.received[0]
    page.get_by_role("link", name="Change its name, address or events").click()
    assert_accessible(page)
    page.get_by_label("Name").fill("CRM sync (live)")
    page.get_by_role("button", name="Save the changes").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("CRM sync (live)")
    page.get_by_role("button", name="Replace the signing secret").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("The new signing secret of CRM sync (live)")
    assert page.locator("#secret").inner_text().startswith("whsec_")
    assert first.headers["Mobilise-Signature"].count("v1=") == 1
    assert_accessible(page)
    shoot(page, "webhook-secret")
    page.goto(live_server.url + "/account/")
    expect(page.get_by_role("row", name="CRM sync (live)")).to_contain_text("On")
    shoot(page, "account")
