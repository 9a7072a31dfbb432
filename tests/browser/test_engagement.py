"""Journeys through engagement: log an interaction with a follow-up action, then run a workshop from agenda to
report. Every page is checked with axe-core."""

import datetime
import io
from pathlib import Path

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect
from pypdf import PdfReader

from mobilise.engagement.models import Action, Interaction, Workshop
from mobilise.projects.models import Membership, Role
from mobilise.stakeholders import services as stakeholder_services
from mobilise.stakeholders.models import Cadence
from tests.factories import OrganisationFactory, PersonFactory, ProjectFactory, UserFactory

from .helpers import assert_accessible, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def setup():
    project = ProjectFactory(short_title="CASCADE", title="Cancer screening in community settings")
    lead = UserFactory(full_name="Lee Lead")
    Membership.objects.create(project=project, user=lead, role=Role.LEAD)
    icb = stakeholder_services.add_stakeholder(
        project=project,
        by=lead,
        cadence=Cadence.MONTHLY,
        owner=lead,
        organisation=OrganisationFactory(name="Kingsbridge ICB"),
    )
    raj = PersonFactory(full_name="Raj Patel", email="raj@example.org")
    stakeholder_services.add_stakeholder(project=project, by=lead, person=raj, organisation=raj.organisation)
    fatima = PersonFactory(full_name="Fatima Begum", email="fatima@example.org", do_not_contact=True)
    stakeholder_services.add_stakeholder(project=project, by=lead, person=fatima)
    return project, lead, icb


def test_log_an_interaction_with_an_action(page, live_server, setup):
    project, lead, icb = setup
    sign_in(page, live_server, lead)
    page.goto(f"{live_server.url}/projects/{project.pk}/")
    page.get_by_role("navigation", name=f"Project: {project.short_title}").get_by_role(
        "link", name="Engagement"
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Who is due for contact")
    expect(page.locator("#never ~ ul").first).to_contain_text("Kingsbridge ICB")
    assert_accessible(page)
    page.get_by_role("button", name="Log an interaction").click()
    assert_accessible(page)
    # An error first: nothing chosen, nothing written.
    page.get_by_role("button", name="Save interaction").click()
    expect(page.locator(".nhsuk-error-summary")).to_contain_text("Select the stakeholders involved")
    assert_accessible(page)
    page.get_by_label("Call").check()
    page.get_by_label("Kingsbridge ICB").check()
    page.get_by_label("What happened").fill("Agreed to share the interim findings")
    page.get_by_label("Action 1", exact=True).fill("Send the interim findings")
    page.get_by_label("Who will do action 1").select_option(label="Lee Lead")
    due = timezone.localdate() + datetime.timedelta(days=7)
    group = page.get_by_role("group", name="Action 1 due by (optional)")
    group.get_by_label("Day").fill(str(due.day))
    group.get_by_label("Month").fill(str(due.month))
    group.get_by_label("Year").fill(str(due.year))
    page.get_by_role("button", name="Save interaction").click()
    expect(page.locator(".nhsuk-notification-banner--success")).to_contain_text("Interaction logged")
    expect(page.locator("#action-" + str(Action.objects.get().pk))).to_contain_text("Send the interim findings")
    assert_accessible(page)
    # Marking it done swaps just the action (htmx).
    page.locator(".app-action").get_by_role("button", name="Mark done").click()
    expect(page.locator(".app-action .nhsuk-tag")).to_have_text("Done")
    assert Action.objects.get().status == "done"
    assert_accessible(page)
    assert Interaction.objects.get().stakeholders.get() == icb
    page.goto(f"{live_server.url}/projects/{project.pk}/engagement/timeline/")
    expect(page.locator(".app-timeline")).to_contain_text("Call")
    assert_accessible(page)
    page.goto(f"{live_server.url}/projects/{project.pk}/engagement/stakeholders/{icb.pk}/timeline/")
    expect(page.locator(".app-timeline")).to_contain_text("Agreed to share the interim findings")
    assert_accessible(page)
    page.goto(f"{live_server.url}/engagement/")
    assert_accessible(page)


def test_run_a_workshop_from_agenda_to_report(page, live_server, setup):
    project, lead, _ = setup
    sign_in(page, live_server, lead)
    page.goto(f"{live_server.url}/projects/{project.pk}/engagement/workshops/")
    assert_accessible(page)
    page.get_by_role("button", name="Plan a workshop").click()
    assert_accessible(page)
    page.get_by_label("Title").fill("Commissioning workshop")
    page.get_by_label("Purpose").fill("Reflect on the findings with system partners")
    # Held this morning, so attendance can be recorded straight away.
    today = timezone.localdate()
    page.get_by_label("Day").fill(str(today.day))
    page.get_by_label("Month").fill(str(today.month))
    page.get_by_label("Year").fill(str(today.year))
    page.get_by_label("Starts at").fill("00:00")
    page.get_by_label("Ends at").fill("00:30")
    page.get_by_label("Place (optional)").fill("Town hall")
    page.get_by_role("button", name="Save workshop").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Commissioning workshop")
    assert_accessible(page)
    for time, title in (("00:00", "Welcome"), ("00:10", "Findings")):
        page.get_by_label("Time (optional)").fill(time)
        page.get_by_label("Agenda item").fill(title)
        page.get_by_role("button", name="Add to agenda").click()
        expect(page.locator("#agenda + .app-table-scroll table")).to_contain_text(title)
    page.get_by_text("Invite people from the stakeholder map").click()
    page.get_by_label("Raj Patel").check()
    page.get_by_label("Fatima Begum – do not contact: will not be invited").check()
    page.get_by_role("button", name="Add to the invitation list").click()
    expect(page.locator(".nhsuk-notification-banner").last).to_contain_text("Fatima Begum (marked do not contact)")
    assert_accessible(page)
    page.get_by_role("button", name="Send invitations by email").click()
    expect(page.locator(".nhsuk-notification-banner--success")).to_contain_text("Invitations sent to 1 person")
    assert len(mail.outbox) == 1 and mail.outbox[0].attachments[0][0] == "invitation.ics"
    page.get_by_label("Reply from Raj Patel").select_option(label="Coming")
    page.get_by_label("Raj Patel attended").check()
    page.get_by_role("button", name="Save replies and attendance").click()
    expect(page.locator(".nhsuk-notification-banner--success")).to_contain_text("Replies and attendance saved")
    assert_accessible(page)
    page.get_by_role("link", name="Take notes and record decisions").click()
    assert_accessible(page)
    page.get_by_label("Notes: Findings").fill("Uptake rose by 11 points")
    page.get_by_label("Decisions").fill("Prepare a business case")
    page.get_by_role("button", name="Save notes").click()
    page.get_by_text("Add an action").click()
    page.get_by_label("Action", exact=True).fill("Write the business case")
    page.get_by_label("Who will do it").select_option(label="Lee Lead")
    page.get_by_role("button", name="Add action").click()
    expect(page.locator("#decisions + ul")).to_contain_text("Prepare a business case")
    assert_accessible(page)
    with page.expect_download() as download:
        page.get_by_role("link", name="PDF workshop report").click()
    content = Path(download.value.path()).read_bytes()
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(content)).pages)
    assert "Uptake rose by 11 points" in text and "Write the business case" in text and "Raj Patel" in text
    w = Workshop.objects.get()
    assert w.interaction.stakeholders.get().name == "Raj Patel"
