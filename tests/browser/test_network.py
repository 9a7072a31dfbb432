"""The stakeholder network as a team explores it: with JavaScript an explorable view over the server's picture
(filter, select a stakeholder, follow their links), without it the SVG and the filter form."""

import re

import pytest
from playwright.sync_api import expect

from mobilise.directory.models import Sector
from mobilise.stakeholders import services
from mobilise.stakeholders.models import Attitude, RelationshipKind, Role
from tests.factories import OrganisationFactory

from .helpers import assert_accessible, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

FORUM = "Luton Faith Forum"
ICB = "Bedfordshire and Milton Keynes Integrated Care Board"
TRUST = "Luton and Dunstable University Hospital NHS Foundation Trust"
WOMEN = "South Asian women aged 50 to 70 in Luton"
COUNCIL = "Luton Borough Council"


@pytest.fixture
def network_map(project, member):
    def add(name, sector, **scores):
        return services.add_stakeholder(
            project=project, by=member, organisation=OrganisationFactory(name=name, sector=sector), **scores
        )

    forum = add(FORUM, Sector.VCSE, influence=3, interest=5, impact=3, attitude=Attitude.CHAMPION, roles=[Role.BROKER])
    icb = add(ICB, Sector.COMMISSIONER, influence=5, interest=3, impact=3, roles=[Role.DECISION_MAKER])
    trust = add(TRUST, Sector.NHS_PROVIDER, influence=4, interest=4, impact=3, attitude=Attitude.SCEPTICAL)
    council = add(COUNCIL, Sector.LOCAL_AUTHORITY, influence=4, interest=2, impact=3, attitude=Attitude.SUPPORTIVE)
    women = services.add_stakeholder(
        project=project,
        by=member,
        group_name=WOMEN,
        group_sector=Sector.VCSE,
        influence=1,
        interest=4,
        impact=5,
        roles=[Role.BENEFICIARY],
        underserved=True,
    )
    for source, target, kind in (
        (forum, women, RelationshipKind.TRUSTED_BY),
        (forum, icb, RelationshipKind.INFLUENCES),
        (icb, trust, RelationshipKind.COMMISSIONS),
        (council, icb, RelationshipKind.WORKS_WITH),
    ):
        services.add_relationship(source=source, target=target, kind=kind)
    return {"forum": forum, "icb": icb, "women": women}


def network_url(live_server, project):
    return f"{live_server.url}/projects/{project.pk}/stakeholders/network/"


def test_explore_the_network(page, live_server, member, project, network_map):
    sign_in(page, live_server, member)
    page.goto(network_url(live_server, project))
    explorer = page.locator("#network-explorer")
    expect(explorer).to_be_visible()
    expect(explorer.locator("#network-canvas canvas").first).to_be_attached()
    # The server's picture stays in the page, for print and without JavaScript, but the explorable view replaces it.
    expect(page.locator("#network-picture")).to_be_hidden()
    status = page.locator("#network-status")
    expect(status).to_have_text("Showing 5 stakeholders.")
    assert_accessible(page)

    # Select a stakeholder: their details and relationships, each a way on to the other stakeholder.
    page.get_by_label("Select a stakeholder").select_option(label=FORUM)
    details = page.locator("#network-details")
    expect(details.get_by_role("heading", name=FORUM)).to_be_visible()
    expect(details).to_contain_text("Voluntary and community sector")
    expect(details).to_contain_text("Knowledge broker")
    expect(details).to_contain_text("Champion")
    expect(details.locator("li")).to_have_text([f"{FORUM} is trusted by {WOMEN}", f"{FORUM} influences {ICB}"])
    details.get_by_role("button", name=ICB).click()
    expect(details.get_by_role("heading", name=ICB)).to_be_visible()
    expect(page.get_by_label("Select a stakeholder")).to_have_value(str(network_map["icb"].pk))
    expect(details.get_by_role("link", name=ICB)).to_have_attribute(
        "href", f"/projects/{project.pk}/stakeholders/{network_map['icb'].pk}/"
    )
    assert_accessible(page)

    # Filter by sector: the view, the tables and the address follow at once.
    page.get_by_label("Sector").select_option(label="Voluntary and community sector")
    expect(status).to_have_text("Showing 2 of 5 stakeholders.")
    expect(page).to_have_url(re.compile(r"\?sector=vcse"))
    page.get_by_text("The stakeholders drawn as a table").click()
    rows = page.get_by_role("table", name="Stakeholders drawn").locator("tbody tr:visible td:first-child")
    expect(rows).to_have_text([FORUM, WOMEN], ignore_case=False)
    # The ICB is filtered out, so its details go.
    expect(details.get_by_role("heading")).to_have_count(0)
    page.get_by_label("Grid quadrant").select_option(label="Keep informed")
    expect(status).to_have_text("Showing 1 of 5 stakeholders.")
    assert_accessible(page)

    # A wider choice than the page was drawn for asks the server again, as the form does without JavaScript.
    page.reload()
    expect(page.locator("#network-status")).to_have_text("Showing 1 stakeholder.")
    page.get_by_label("Sector").select_option(label="All sectors")
    expect(page).to_have_url(re.compile(r"\?role=&sector=&quadrant=keep_informed"))
    expect(page.locator("#network-status")).to_have_text("Showing 1 stakeholder.")


def test_without_javascript_the_picture_and_the_form(browser, live_server, member, project, network_map):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    try:
        sign_in(page, live_server, member)
        page.goto(network_url(live_server, project))
        expect(page.locator("#network-explorer")).to_be_hidden()
        picture = page.locator("#network-picture svg")
        expect(picture).to_be_visible()
        expect(picture.locator("a")).to_have_count(5)
        # Full names in titles; labels horizontal, never rotated.
        assert sorted(picture.locator("a title").all_text_contents()) == sorted([FORUM, ICB, TRUST, COUNCIL, WOMEN])
        expect(picture.locator("text[transform]")).to_have_count(0)
        expect(picture).to_contain_text("Under-served")
        page.get_by_label("Sector").select_option(label="Voluntary and community sector")
        page.get_by_role("button", name="Filter").click()
        expect(picture.locator("a")).to_have_count(2)
        expect(picture.locator("line")).to_have_count(1)
        page.get_by_text("The stakeholders drawn as a table (2)").click()
        expect(page.get_by_role("table", name="Stakeholders drawn").locator("tbody tr")).to_have_count(2)
    finally:
        context.close()
