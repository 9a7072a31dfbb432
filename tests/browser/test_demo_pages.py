"""Every kind of page, filled with the demo programme's realistic data, passes axe."""

import io

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from mobilise.core.management.commands.demo import DEMO_PASSWORD
from mobilise.core.models import User

from .helpers import assert_accessible, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_demo_data_pages_are_accessible(page, live_server):
    call_command("demo", stdout=io.StringIO())
    sign_in(page, live_server, User.objects.get(email="adviser@mobilise.test"), password=DEMO_PASSWORD)
    assert_accessible(page)

    project_links = page.locator("table tbody tr td:first-child a")
    expect(project_links.first).to_be_visible()
    hrefs = [project_links.nth(i).get_attribute("href") for i in range(min(3, project_links.count()))]
    for href in hrefs:
        page.goto(live_server.url + href)
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        assert_accessible(page)
        page.goto(live_server.url + href + "history/")
        expect(page.get_by_role("heading", level=1)).to_have_text("Change history")
        assert_accessible(page)
    page.goto(live_server.url + hrefs[0] + "team/")
    assert_accessible(page)

    for listing in ("/directory/", "/directory/people/"):
        page.goto(live_server.url + listing)
        assert_accessible(page)
        page.locator("table tbody tr td:first-child a").first.click()
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        assert_accessible(page)
