"""The register of the system's priorities in a real browser: an adviser records a priority from a commissioner's
support request (drafted from it), sees it in the register, filters to it and changes its status; keyboard only on
the form, axe-core on each page and at 320 px wide. Then finds what could meet a priority and brokers an
introduction between a project and a partner, and records what came of it."""

import pytest
from playwright.sync_api import expect

from mobilise.support.models import Priority, RequesterType
from tests.factories import (
    FindingFactory,
    OrganisationFactory,
    PersonFactory,
    PriorityFactory,
    ProjectFactory,
    SupportRequestFactory,
)

from .helpers import assert_accessible, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_adviser_records_a_priority_from_a_commissioners_request(page, live_server, adviser):
    icb = OrganisationFactory(name="Vale Integrated Care Board")
    support_request = SupportRequestFactory(
        requester_type=RequesterType.COMMISSIONER, organisation=icb, project_title="Asthma admissions in children"
    )
    sign_in(page, live_server, adviser)
    page.goto(f"{live_server.url}/support/requests/{support_request.pk}/")
    page.get_by_role("link", name="Record a system priority from it").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Record a system priority")
    expect(page.get_by_label("What the priority or challenge is")).to_have_value("Asthma admissions in children")
    assert_accessible(page)
    title = page.get_by_label("What the priority or challenge is")
    title.fill("Fewer emergency admissions for children with asthma")
    title.press("Enter")  # submits from the keyboard
    expect(page.locator(".nhsuk-notification-banner--success")).to_contain_text("Priority recorded")
    expect(page.get_by_role("heading", level=1)).to_have_text("Fewer emergency admissions for children with asthma")
    expect(page.get_by_role("link", name=support_request.reference)).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="System priorities").first.click()
    page.get_by_label("What or whose").fill("Vale")
    page.get_by_role("button", name="Filter").click()
    expect(page.get_by_role("link", name="Fewer emergency admissions for children with asthma")).to_be_visible()
    page.set_viewport_size({"width": 320, "height": 800})
    assert_accessible(page)
    page.set_viewport_size({"width": 1280, "height": 800})

    page.get_by_role("link", name="Fewer emergency admissions for children with asthma").click()
    page.get_by_role("button", name="Edit priority").click()
    page.get_by_label("Met").check()
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".nhsuk-notification-banner--success")).to_contain_text("Changes saved")
    assert Priority.objects.get().status == "met"


def test_an_adviser_finds_what_could_meet_a_priority_and_brokers_an_introduction(page, live_server, adviser):
    priority = PriorityFactory(title="Fewer emergency admissions for children with asthma", description="")
    project = ProjectFactory(title="School asthma plans", short_title="Asthma plans")
    FindingFactory(project=project, statement="Children with an asthma plan had fewer emergency admissions.")
    partner = PersonFactory(full_name="Ann Commissioner", job_title="Asthma commissioning lead")
    sign_in(page, live_server, adviser)
    page.goto(f"{live_server.url}/support/priorities/{priority.pk}/")
    page.get_by_role("link", name="What could meet it: findings, projects, case studies and people").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("What could meet it")
    expect(
        page.get_by_role("link", name="Children with an asthma plan had fewer emergency admissions.")
    ).to_be_visible()
    assert_accessible(page)

    page.get_by_role("button", name="Record the introduction").click()  # nothing chosen: the error summary
    expect(page.locator(".nhsuk-error-summary")).to_contain_text("Choose the project whose team you introduced")
    page.get_by_label("Asthma plans").check()
    page.get_by_label("Ann Commissioner (Asthma commissioning lead").check()
    page.get_by_label("Why you introduced them").fill("The ICB is redesigning asthma care for children.")
    page.get_by_role("button", name="Record the introduction").click()
    expect(page.locator(".nhsuk-notification-banner--success")).to_contain_text("Introduction recorded")
    outcome = page.get_by_label("What came of introducing Asthma plans to Ann Commissioner")
    outcome.fill("A pilot in three schools.")
    page.get_by_role("button", name="Save what came of it").click()
    expect(outcome).to_have_value("A pilot in three schools.")
    assert_accessible(page)
    page.goto(f"{live_server.url}/directory/people/{partner.pk}/")
    expect(page.get_by_text("What came of it: A pilot in three schools.")).to_be_visible()
