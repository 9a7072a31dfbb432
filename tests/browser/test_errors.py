"""Someone else's project answers 404 with the accessible "Page not found" page, not a hint it exists."""

import pytest
from playwright.sync_api import expect

from .helpers import assert_accessible, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_outsider_gets_page_not_found(page, live_server, outsider, project):
    sign_in(page, live_server, outsider)
    for path in (f"/projects/{project.pk}/", f"/projects/{project.pk}/edit/", f"/projects/{project.pk}/history/"):
        response = page.goto(live_server.url + path)
        assert response.status == 404, path
        expect(page).to_have_title("Page not found – Mobilise")
        expect(page.get_by_role("heading", level=1)).to_have_text("Page not found")
        expect(page.get_by_text("Cancer screening")).to_have_count(0)
    assert_accessible(page)
    page.get_by_role("link", name="Go to your projects").click()
    expect(page).to_have_url(live_server.url + "/")
