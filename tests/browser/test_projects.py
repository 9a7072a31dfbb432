"""Journeys through projects: sign in, find a project, edit it, read its history; and bad input."""

import datetime
import re

import pytest
from playwright.sync_api import expect

from mobilise.projects.models import Project, Role, Stage
from tests.factories import PASSWORD, MembershipFactory, ProjectFactory

from .helpers import assert_accessible, focused, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def results(page):
    """Short titles of the projects listed on the dashboard."""
    return page.locator("table tbody tr td:first-child a").all_inner_texts()


def test_sign_in_find_edit_and_see_history(page, live_server, lead, project):
    bridge = ProjectFactory(short_title="BRIDGE", title="Bridging hospital and home", stage=Stage.IDEA)
    MembershipFactory(project=bridge, user=lead, role=Role.MEMBER)
    ProjectFactory(short_title="SECRET", title="Someone else's project")

    # The sign-in page, and a failed sign-in with the NHS error summary.
    page.goto(live_server.url + "/sign-in/")
    expect(page).to_have_title("Sign in – Mobilise")
    assert_accessible(page)
    page.fill("#id_username", lead.email)
    page.fill("#id_password", "not-the-password")
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_title("Error: Sign in – Mobilise")
    summary = page.locator(".nhsuk-error-summary")
    expect(summary).to_contain_text("There is a problem")
    expect(summary).to_contain_text("Enter a correct email address and password")
    assert_accessible(page)

    # Sign in properly and land on the dashboard, which lists only the lead's projects.
    expect(page.locator("#id_username")).to_have_value(lead.email)
    page.fill("#id_password", PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(live_server.url + "/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Projects")
    expect(page.locator(".app-results-count")).to_have_text("2 projects")
    assert results(page) == ["BRIDGE", "CASCADE"]
    assert_accessible(page)

    # Search by title, then filter by stage.
    page.get_by_label("Title or award reference").fill("cancer screening")
    page.get_by_role("button", name="Filter projects").click()
    expect(page).to_have_url(re.compile(r"\?q=cancer\+screening"))
    expect(page.locator(".app-results-count")).to_have_text("1 project")
    assert results(page) == ["CASCADE"]
    assert_accessible(page)
    page.get_by_role("link", name="Clear filters").click()
    page.locator("#stage").select_option(label="Idea")
    page.get_by_role("button", name="Filter projects").click()
    expect(page.locator(".app-results-count")).to_have_text("1 project")
    assert results(page) == ["BRIDGE"]
    page.get_by_role("link", name="Clear filters").click()

    # Open the project.
    page.get_by_role("link", name="CASCADE").click()
    expect(page).to_have_url(live_server.url + f"/projects/{project.pk}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Cancer screening in community settings")
    assert_accessible(page)

    # Edit it: title, a date in the day/month/year boxes, and the stage.
    # (Whether the date is saved is checked in test_dates_typed_in_day_month_year_boxes_are_saved.)
    page.get_by_role("button", name="Edit project").click()
    expect(page).to_have_url(live_server.url + f"/projects/{project.pk}/edit/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Edit project")
    assert_accessible(page)
    page.get_by_label("Title", exact=True).fill("Cancer screening in community pharmacies")
    start = page.get_by_role("group", name="Start date")
    start.get_by_label("Day").fill("1")
    start.get_by_label("Month").fill("4")
    start.get_by_label("Year").fill("2025")
    page.get_by_role("group", name="Stage").get_by_label("Implementation").check()
    page.get_by_role("button", name="Save project").click()

    # The project page with the success banner and the new title.
    expect(page).to_have_url(live_server.url + f"/projects/{project.pk}/")
    expect(page.locator(".nhsuk-notification-banner--success")).to_contain_text("Project saved.")
    expect(page.get_by_role("heading", level=1)).to_have_text("Cancer screening in community pharmacies")
    expect(page.locator(".nhsuk-tag").first).to_have_text("Implementation")
    assert_accessible(page)
    project.refresh_from_db()
    assert (project.title, project.stage) == ("Cancer screening in community pharmacies", Stage.IMPLEMENTATION)

    # The change history shows who changed what.
    page.get_by_role("link", name="Change history").click()
    expect(page).to_have_url(live_server.url + f"/projects/{project.pk}/history/")
    latest = page.locator("table tbody tr").first
    expect(latest).to_contain_text("Lee Lead")
    expect(latest).to_contain_text(
        "Title: Cancer screening in community settings → Cancer screening in community pharmacies"
    )
    expect(latest).to_contain_text("Stage: Active → Implementation")
    assert_accessible(page)


def test_dates_typed_in_day_month_year_boxes_are_saved(page, live_server, lead, project):
    Project.objects.filter(pk=project.pk).update(end_date=datetime.date(2027, 3, 31))
    sign_in(page, live_server, lead)
    page.goto(live_server.url + f"/projects/{project.pk}/edit/")
    start = page.get_by_role("group", name="Start date")
    start.get_by_label("Day").fill("1")
    start.get_by_label("Month").fill("4")
    start.get_by_label("Year").fill("2025")
    page.get_by_role("button", name="Save project").click()
    expect(page.locator(".nhsuk-notification-banner--success")).to_contain_text("Project saved.")
    project.refresh_from_db()
    assert project.start_date == datetime.date(2025, 4, 1)
    assert project.end_date == datetime.date(2027, 3, 31), "saving the form cleared the end date"
    expect(page.locator(".nhsuk-summary-list")).to_contain_text("1 April 2025 to 31 March 2027")


def test_bad_input_shows_error_summary_and_saves_nothing(page, live_server, member, project):
    sign_in(page, live_server, member)
    page.goto(live_server.url + f"/projects/{project.pk}/edit/")
    page.get_by_label("Title", exact=True).fill("")
    start = page.get_by_role("group", name="Start date")
    start.get_by_label("Day").fill("31")
    start.get_by_label("Month").fill("2")
    start.get_by_label("Year").fill("2025")
    page.get_by_role("button", name="Save project").click()

    expect(page).to_have_url(live_server.url + f"/projects/{project.pk}/edit/")
    expect(page).to_have_title("Error: Edit CASCADE – Mobilise")
    summary = page.locator(".nhsuk-error-summary")
    expect(summary).to_contain_text("There is a problem")
    # The NHS error summary takes focus when the page loads, so screen readers announce it.
    expect(summary).to_be_focused()
    title_link = summary.get_by_role("link", name="Enter the project's title")
    expect(title_link).to_have_attribute("href", "#id_title")
    expect(page.locator("#id_title-error")).to_contain_text("Enter the project's title")
    assert_accessible(page)

    # Following the link puts focus in the field.
    title_link.click()
    expect(page.locator("#id_title")).to_be_focused()
    assert focused(page)["id"] == "id_title"

    project.refresh_from_db()
    assert project.title == "Cancer screening in community settings"
    assert project.version == 1


def test_impossible_date_is_reported_and_links_to_the_day_box(page, live_server, member, project):
    sign_in(page, live_server, member)
    page.goto(live_server.url + f"/projects/{project.pk}/edit/")
    start = page.get_by_role("group", name="Start date")
    start.get_by_label("Day").fill("31")
    start.get_by_label("Month").fill("2")
    start.get_by_label("Year").fill("2025")
    page.get_by_role("button", name="Save project").click()

    # Wait for either outcome, then check at once: an impossible date must not be saved.
    expect(page.locator(".nhsuk-error-summary, .nhsuk-notification-banner").first).to_be_visible()
    project.refresh_from_db()
    assert project.version == 1, "the form was saved with an impossible date"
    summary = page.locator(".nhsuk-error-summary")
    date_link = summary.get_by_role("link", name="Enter a real date, for example 27 3 2026")
    expect(date_link).to_have_attribute("href", "#id_start_date-day")
    # What was typed is still there to correct.
    expect(start.get_by_label("Day")).to_have_value("31")
    expect(start.get_by_label("Month")).to_have_value("2")
    assert_accessible(page)
    date_link.click()
    expect(start.get_by_label("Day")).to_be_focused()
