"""A KMb plan in a real browser: from the project's home the lead drafts an NIHR plan from the project's data, sees
the live count as they type, saves a section and downloads the plan as Word, which opens. axe-core on each page."""

import io
from pathlib import Path

import docx
import pytest
from playwright.sync_api import expect

from tests.plans.conftest import fill

from .helpers import assert_accessible, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_lead_drafts_an_nihr_plan_and_downloads_it(page, live_server, project, lead):
    fill(project)
    sign_in(page, live_server, lead)
    page.goto(f"{live_server.url}/projects/{project.pk}/")
    expect(page.locator("#plan-health")).to_contain_text("7 of 7 met")
    page.get_by_role("link", name="Knowledge mobilisation plans").click()
    assert_accessible(page)
    page.get_by_role("button", name="Start a plan").click()
    page.get_by_label("NIHR: dissemination, outputs and anticipated impact").check()
    page.get_by_label("Title").fill("NIHR stage 2")
    assert_accessible(page)
    page.get_by_role("button", name="Draft the plan").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("NIHR stage 2")
    expect(page.locator("#section-impact")).to_contain_text("More women screened 0")
    assert_accessible(page)

    page.get_by_role("link", name="Edit What do you think the impact").click()
    box = page.get_by_label("Your text")
    box.fill("Women aged 50 to 70 in Mereshire would be screened " + "earlier " * 300)
    expect(page.locator("#count")).to_contain_text("too many")  # the live count, through htmx
    assert_accessible(page)
    box.fill("Women aged 50 to 70 in Mereshire would be screened earlier, and commissioners would fund champions.")
    expect(page.locator("#count")).to_have_text("16 of 300 words")
    page.get_by_role("button", name="Save the section").click()
    expect(page.locator(".nhsuk-notification-banner--success")).to_contain_text("saved")
    expect(page.locator("#section-impact")).to_contain_text("commissioners would fund champions")
    assert_accessible(page)

    with page.expect_download() as download:
        page.get_by_role("link", name="plan as Word (DOCX)").click()
    document = docx.Document(io.BytesIO(Path(download.value.path()).read_bytes()))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "NIHR stage 2" in text and "commissioners would fund champions" in text
