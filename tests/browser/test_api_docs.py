"""The API documentation renders Swagger UI from our own static files under the strict Content-Security-Policy,
with nothing refused and no console errors; a personal access token is made, shown once and revoked on the
account page."""

import pytest
from playwright.sync_api import expect

from .helpers import assert_accessible, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_api_docs_render_under_the_csp(page, live_server, lead, project):
    sign_in(page, live_server, lead)  # its pages ask for the NHS fonts, which the test browser refuses: not counted
    errors = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    # A request the browser cancelled because the page moved on (the previous page's favicon) is not a refusal.
    page.on(
        "requestfailed",
        lambda request: request.failure != "net::ERR_ABORTED" and errors.append(f"{request.url}: {request.failure}"),
    )
    response = page.goto(live_server.url + "/api/docs/")
    assert "script-src 'self'" in response.headers["content-security-policy"]
    expect(page.get_by_role("heading", name="Mobilise API")).to_be_visible()
    schema = page.request.get(live_server.url + "/api/schema/?format=json").json()
    methods = {"get", "put", "post", "delete", "patch"}
    documented = sum(len(methods & set(item)) for item in schema["paths"].values())
    assert documented > 30
    operations = page.locator(".opblock-summary")
    # Every operation of the schema is shown (Swagger UI breaks long paths with zero-width spaces: count, not text).
    expect(operations).to_have_count(documented)
    operations.filter(has_text="logic").first.click()
    expect(page.get_by_role("button", name="Try it out")).to_be_visible()
    assert errors == []


def test_a_token_is_made_shown_once_and_revoked(page, live_server, lead):
    sign_in(page, live_server, lead)
    page.goto(live_server.url + "/account/")
    page.get_by_role("link", name="Make a token").click()
    page.get_by_label("Name").fill("Indicator pipeline")
    page.get_by_label("Read and write").check()
    page.get_by_role("button", name="Make the token").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your new token: Indicator pipeline")
    assert page.locator("#token").inner_text().startswith("mob_")
    assert_accessible(page)
    page.get_by_role("link", name="Back to your account").click()
    row = page.get_by_role("row", name="Indicator pipeline")
    expect(row).to_contain_text("Read and write")
    assert_accessible(page)
    row.get_by_role("button", name="Revoke").click()
    expect(page.get_by_text("is revoked")).to_be_visible()
    expect(page.get_by_role("row", name="Indicator pipeline")).to_contain_text("Revoked")
