"""Who should hear a finding, in a real browser: the lead opens the ranking from the finding, reads why each is
suggested, ticks the best by keyboard, puts them on the send list of a brief that carries the finding, records the
sending, and finds them listed apart as already told; then records the claim of impact that came of it, linked to
the sending, and follows the chain to the outcome; axe-core on each page and at 320 px wide."""

import pytest
from playwright.sync_api import expect

from mobilise.outputs.models import Dissemination
from mobilise.planning.models import Column, Element, LogicModel
from tests.factories import FindingFactory, OutputFactory, StakeholderFactory

from .helpers import assert_accessible, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_lead_ranks_who_should_hear_a_finding_and_sends_it_to_them(page, live_server, project, lead):
    model = LogicModel.objects.create(project=project)
    Element.objects.create(model=model, column=Column.SHORT, text="More women screened")
    finding = FindingFactory(
        project=project, statement="Screening uptake rose where champions held sessions in mosques."
    )
    brief = OutputFactory(project=project, created_by=lead, title="Champions in mosques")
    brief.findings.add(finding)
    forum = StakeholderFactory(project=project, group_name="Faith forum", what_matters="Sessions in mosques")
    StakeholderFactory(project=project, group_name="Cancer board", what_matters="Screening uptake", influence=5)
    StakeholderFactory(project=project, group_name="Estates", what_matters="Car parks")

    sign_in(page, live_server, lead)
    page.goto(f"{live_server.url}/projects/{project.pk}/outputs/")
    page.get_by_role("link", name="Who should hear this finding (1)").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Who should hear this finding")
    expect(page.get_by_text("Words in common: mosques, sessions. Influence 3, interest 3.")).to_be_visible()
    expect(page.get_by_text("1 stakeholder shares no words with this finding.")).to_be_visible()
    assert_accessible(page)

    expect(page.get_by_label("1. Cancer board")).to_be_visible()  # influence 5 beats 3 for as many words
    choice = page.get_by_label("2. Faith forum")
    choice.focus()
    page.keyboard.press("Space")
    expect(choice).to_be_checked()
    page.get_by_label("Add them to").select_option(label="Send list of the output: Champions in mosques")
    page.get_by_role("button", name="Add them").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Record who it was sent to")
    expect(page.get_by_label("Faith forum")).to_be_checked()
    expect(page.get_by_label("Cancer board")).not_to_be_checked()
    page.get_by_label("Channel").fill("email")
    page.get_by_role("button", name="Record").click()
    expect(page.locator(".nhsuk-notification-banner--success")).to_contain_text("Recorded")
    assert list(Dissemination.objects.get().stakeholders.all()) == [forum]

    page.goto(f"{live_server.url}/projects/{project.pk}/outputs/findings/{finding.pk}/hear/")
    told = page.locator("h2:text('Already told') + ul")
    expect(told).to_contain_text("Faith forum: sent “Champions in mosques”")
    expect(page.get_by_label("1. Cancer board")).to_be_visible()
    page.set_viewport_size({"width": 320, "height": 800})
    assert_accessible(page)

    # The team records what came of it, linked to the sending, and sees the whole chain to the outcome.
    page.goto(f"{live_server.url}/projects/{project.pk}/evaluation/impact/")
    page.get_by_role("button", name="Record a claim of impact").click()
    page.get_by_label("Policy influence").check()
    page.get_by_label("Claim").fill("The faith forum runs sessions in every mosque")
    page.get_by_label("Day").fill("1")
    page.get_by_label("Month").fill("5")
    page.get_by_label("Year").fill("2026")
    page.get_by_label("Logic-model outcome it shows").select_option(label="Short-term outcomes: More women screened")
    page.get_by_label("Champions in mosques: sent").check()
    page.get_by_role("button", name="Save claim").click()
    expect(page.locator("#produced + .app-table-scroll table")).to_contain_text("1 person: Faith forum")
    page.get_by_role("link", name="See the whole chain to “More women screened”").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("How each outcome came about")
    expect(page.locator("section.app-chain")).to_contain_text("Champions in mosques (policy brief), by email")
    assert_accessible(page)
