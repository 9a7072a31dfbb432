"""Journeys through evaluation: define an indicator for a logic-model outcome, enter actuals and see the chart
with its table; build a feedback form, answer it anonymously and see the summary. Every page is checked with
axe-core."""

import datetime

import pytest
from playwright.sync_api import expect

from mobilise.evaluation import services
from mobilise.evaluation.models import FeedbackResponse, QuestionKind
from mobilise.planning.models import Column, Element, LogicModel
from mobilise.projects.models import Membership, Role
from tests.factories import ProjectFactory, UserFactory

from .helpers import assert_accessible, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def setup():
    project = ProjectFactory(short_title="CASCADE", title="Cancer screening in community settings")
    lead = UserFactory(full_name="Lee Lead")
    Membership.objects.create(project=project, user=lead, role=Role.LEAD)
    model = LogicModel.objects.create(project=project)
    Element.objects.create(model=model, column=Column.MEDIUM, text="Screening uptake rises")
    return project, lead


def test_define_an_indicator_and_enter_actuals(page, live_server, setup):
    project, lead = setup
    sign_in(page, live_server, lead)
    page.goto(f"{live_server.url}/projects/{project.pk}/logic-model/")
    expect(page.locator("#review ~ ul").first).to_contain_text("“Screening uptake rises” has no indicator")
    page.get_by_role("link", name="add an indicator for Screening uptake rises").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Define an indicator")
    assert_accessible(page)
    page.get_by_label("Name").fill("Screening uptake")
    page.get_by_label("Unit").fill("%")
    page.get_by_label("Baseline", exact=True).fill("abc")
    page.get_by_label("Breakdowns").fill("Ethnicity: Bangladeshi, Pakistani")
    page.get_by_role("button", name="Save indicator").click()
    expect(page.locator(".nhsuk-error-summary")).to_contain_text("Enter the baseline as a number")
    assert_accessible(page)
    page.get_by_label("Baseline", exact=True).fill("52")
    page.get_by_role("button", name="Save indicator").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Screening uptake")
    assert_accessible(page)
    for label, year, target in (("2024", "2024", "55"), ("2025", "2025", "60")):
        page.get_by_role("link", name="Add a reporting period and target").click()
        page.get_by_label("Period", exact=True).fill(label)
        page.locator("#id_ends-day").fill("31")
        page.locator("#id_ends-month").fill("12")
        page.locator("#id_ends-year").fill(year)
        page.get_by_label("Target").fill(target)
        page.get_by_role("button", name="Save period").click()
    page.get_by_role("link", name="Enter values for a period").click()
    assert_accessible(page)
    page.get_by_label("Period").select_option(label="2024")
    page.get_by_label("Total (%)").fill("57")
    page.get_by_label("Ethnicity: Bangladeshi").fill("51")
    page.get_by_label("Ethnicity: Pakistani").fill("59")
    page.get_by_role("button", name="Save values").click()
    expect(page.locator("#indicator-status")).to_have_text("On track")
    expect(page.locator("svg.app-chart")).to_be_visible()
    expect(page.locator("#progress-table")).to_contain_text("57")
    expect(page.get_by_role("table", name="By ethnicity (%)")).to_contain_text("51")
    assert_accessible(page)
    page.screenshot(path="/tmp/wt-evaluation-indicator.png", full_page=True)
    page.goto(f"{live_server.url}/projects/{project.pk}/logic-model/")
    expect(page.locator("#review ~ *").first).not_to_contain_text("has no indicator")


def test_answer_a_feedback_form_anonymously(page, live_server, setup, browser):
    project, lead = setup
    form = services.save_feedback_form(
        project=project, title="Workshop feedback", intro="Two minutes.", is_open=True, one_per_browser=True
    )
    services.save_feedback_question(form=form, kind=QuestionKind.RATING, text="How useful was it?", required=True)
    services.save_feedback_question(form=form, kind=QuestionKind.MULTIPLE, text="Useful parts", choices="Talks\nGroups")
    services.save_feedback_question(form=form, kind=QuestionKind.TEXT, text="What would you change?")
    page.goto(f"{live_server.url}/feedback/{form.token}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Workshop feedback")
    assert_accessible(page)
    page.get_by_role("button", name="Send your answers").click()
    expect(page.locator(".nhsuk-error-summary")).to_contain_text("Answer “How useful was it?”")
    assert_accessible(page)
    page.get_by_label("5 (excellent)").check()
    page.get_by_label("Groups").check()
    page.get_by_label("What would you change?").fill("More time for questions")
    page.get_by_role("button", name="Send your answers").click()
    expect(page.locator(".nhsuk-panel")).to_contain_text("Thank you")
    assert_accessible(page)
    page.goto(f"{live_server.url}/feedback/{form.token}/")
    expect(page.locator(".nhsuk-panel")).to_contain_text("already answered")
    assert FeedbackResponse.objects.count() == 1
    sign_in(page, live_server, lead)
    page.goto(f"{live_server.url}/projects/{project.pk}/evaluation/feedback/{form.pk}/")
    expect(page.get_by_role("heading", name="Responses (1)")).to_be_visible()
    expect(page.get_by_role("table", name="Answers to How useful was it?")).to_contain_text("100%")
    expect(page.locator("main")).to_contain_text("More time for questions")
    assert_accessible(page)
    page.screenshot(path="/tmp/wt-evaluation-feedback.png", full_page=True)
    page.goto(f"{live_server.url}/projects/{project.pk}/evaluation/")
    assert_accessible(page)
    claim = services.save_claim(
        project=project, kind="practice", title="Practices refer women to sessions", date=datetime.date(2025, 3, 1)
    )
    services.add_evidence(
        claim=claim,
        by=lead,
        kind="testimonial",
        title="Practice nurse",
        text="Most women come.",
        source="Nurse",
        consent=True,
    )
    services.save_learning(project=project, date=datetime.date(2025, 1, 1), tried="Mornings", learned="Few came")
    page.get_by_role("link", name="Impact evidence and learning log").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Impact and learning")
    assert_accessible(page)
    page.get_by_role("link", name="Practices refer women to sessions").click()
    expect(page.locator("main")).to_contain_text("Most women come.")
    assert_accessible(page)
    page.screenshot(path="/tmp/wt-evaluation-claim.png", full_page=True)


def test_draft_a_case_study_with_live_word_counts(page, live_server, setup):
    project, lead = setup
    claim = services.save_claim(
        project=project, kind="commissioning", title="The ICB funds champion sessions", date=datetime.date(2025, 6, 1)
    )
    services.add_evidence(claim=claim, by=lead, kind="link", title="Cancer board minutes", url="https://example.org")
    sign_in(page, live_server, lead)
    page.goto(f"{live_server.url}/projects/{project.pk}/evaluation/")
    page.get_by_role("link", name="Impact case study").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Impact case study")
    expect(page.locator("main")).to_contain_text("Cancer board minutes")  # the impact log, to draw on
    assert_accessible(page)
    summary = page.get_by_label("Summary of the impact")
    summary.press_sequentially("Uptake rose by nine points in two years.", delay=5)
    expect(page.locator("#count-summary")).to_have_text("8 of 100 words")
    summary.fill("")
    summary.press_sequentially("word " * 3)
    summary.fill("word " * 104)
    summary.press("End")  # a key press after the pause sends the text for counting
    expect(page.locator("#count-summary")).to_have_text("Error: 104 of 100 words: 4 too many")
    page.get_by_label("Title of the case study").fill("Champions narrow the screening gap")
    page.get_by_role("button", name="Save case study").click()
    expect(page.get_by_role("heading", name="1 section is over the limit")).to_be_visible()
    expect(page.locator(".nhsuk-card--warning")).to_contain_text("Cut it before exporting.")
    assert_accessible(page)
    # No download link while a section is over its limit: the page says why and links to the section to cut.
    expect(page.get_by_role("link", name="case study as PDF")).to_have_count(0)
    expect(page.locator("#downloads")).to_contain_text("Downloads unavailable")
    page.locator("#downloads").get_by_role("link", name="summary of the impact").click()
    expect(page.get_by_label("Summary of the impact")).to_be_focused()
    page.get_by_label("Summary of the impact").fill("Uptake rose by nine points in two years.")
    page.get_by_role("button", name="Save case study").click()
    expect(page.locator(".nhsuk-notification-banner")).to_contain_text("Every section is within its limit")
    expect(page.locator("#count-summary")).to_have_text("8 of 100 words")
    page.screenshot(path="/tmp/wt-evaluation-case-study.png", full_page=True)
    with page.expect_download() as download:
        page.get_by_role("link", name="case study as PDF").click()
    assert download.value.suggested_filename == "champions-narrow-the-screening-gap.pdf"
