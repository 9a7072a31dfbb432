"""The adviser's programme in a real browser: an adviser opens the programme from the menu, filters it by stage,
opens the programme report, chooses last quarter and downloads the report as a PDF that holds its figures.
axe-core on each page, and none of it needs JavaScript."""

import io
from pathlib import Path

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from mobilise.evaluation.models import ClaimType
from mobilise.projects.models import Stage

from ..factories import ImpactClaimFactory, ProjectFactory
from .helpers import assert_accessible, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_adviser_filters_the_programme_and_downloads_the_report(page, live_server, adviser):
    funded = ProjectFactory(short_title="FUNDED-ONE", stage=Stage.FUNDED)
    funded.advisers.add(adviser)
    ProjectFactory(short_title="IDEA-ONE", stage=Stage.IDEA)
    ImpactClaimFactory(project=funded, kind=ClaimType.PRACTICE)
    sign_in(page, live_server, adviser)

    page.get_by_role("link", name="Programme", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Programme")
    expect(page.get_by_text("2 projects")).to_be_visible()
    assert_accessible(page)

    page.get_by_label("Stage").select_option(label="Funded")
    page.get_by_role("button", name="Show projects").click()
    expect(page.get_by_text("1 project", exact=True)).to_be_visible()
    table = page.get_by_role("table", name="Projects in the programme")
    expect(table.get_by_role("link", name="FUNDED-ONE")).to_be_visible()
    expect(table.get_by_text("IDEA-ONE")).to_have_count(0)
    expect(table.get_by_text("Practice or service change: 1")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="programme report").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Programme report")
    expect(page.get_by_role("heading", name="Impact claims by type")).to_be_visible()
    assert_accessible(page)

    # A period that ends before it starts is refused, and says so.
    page.get_by_role("group", name="To").get_by_label("Year").fill("2000")
    page.get_by_role("button", name="Show the report").click()
    summary = page.locator(".nhsuk-error-summary")
    expect(summary).to_contain_text("The end of the period must be the same as or after its start")
    assert_accessible(page)

    page.get_by_role("link", name="This financial year").click()
    expect(page.get_by_role("heading", name="Webinars and attendance")).to_be_visible()
    with page.expect_download() as info:
        page.get_by_role("link", name="PDF", exact=True).click()
    download = info.value
    assert download.suggested_filename.startswith("programme-report-")
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(Path(download.path()).read_bytes())).pages)
    assert "Programme report" in text and "Practice or service change" in text
