"""Journeys through the stakeholder map: add stakeholders from the directory and on the fly, read the register,
move someone on the power/interest grid by changing their scores, record relationships and read the network and
the equity check, import a spreadsheet and download the exports, and read it all as a viewer or by keyboard.
"""

import csv
import io
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from mobilise.directory.models import Organisation, Sector
from mobilise.stakeholders import services
from mobilise.stakeholders.models import Attitude, Cadence, RelationshipKind, Role, ScoreChange, Stakeholder
from tests.factories import OrganisationFactory, PersonFactory

from .helpers import assert_accessible, focused, sign_in, url_of

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

GROUP = "South Asian women aged 50 to 70 in Luton"
HOSPITAL = "Luton and Dunstable University Hospital"
ICB = "Bedfordshire and Milton Keynes ICB"
COMMISSIONER = "Priya Shah"
NEW_ORG = "Luton Faith Forum"


def base(live_server, project):
    return f"{live_server.url}/projects/{project.pk}/stakeholders/"


def open_page(page, live_server, project, path=""):
    page.goto(base(live_server, project) + path)
    assert_accessible(page)


def heading(page):
    return page.get_by_role("heading", level=1)


def success(page):
    return page.locator(".nhsuk-notification-banner--success")


def first_scores(page, name, influence="3", interest="3", impact="3"):
    """The page after "Add": a new stakeholder is not yet scored, so it asks for the scores, then the profile."""
    expect(success(page)).to_contain_text(f"{name} added. Now score their influence, interest and impact.")
    expect(heading(page)).to_have_text(f"Score {name}")
    for group, value in (("Influence", influence), ("Interest", interest), ("Impact", impact)):
        page.get_by_role("group", name=group).get_by_label(value, exact=True).check()
    page.get_by_role("button", name="Save scores").click()
    expect(success(page)).to_contain_text("Scores saved. Now set their roles, profile and engagement approach.")
    expect(heading(page)).to_have_text("Roles, profile and engagement")


def register_names(page):
    return page.locator("main table tbody tr td:first-child a").all_inner_texts()


def grid_cell(page, name):
    """(influence, interest) of the grid cell that shows this name, read as a person reads the grid:
    the nearest scale number to the left (influence) and below (interest) of the name's link."""
    return page.evaluate(
        """name => {
            const svg = document.querySelector('figure.app-diagram svg');
            const link = [...svg.querySelectorAll('a')].find(a => a.querySelector('title')?.textContent === name);
            if (!link) return null;
            const box = link.getBoundingClientRect();
            const mid = {x: box.x + box.width / 2, y: box.y + box.height / 2};
            const ticks = [...svg.querySelectorAll(':scope > text')].filter(t => /^[1-5]$/.test(t.textContent.trim()))
                .map(t => ({n: +t.textContent.trim(), r: t.getBoundingClientRect()}));
            const bottom = Math.max(...ticks.map(t => t.r.y));
            const across = ticks.filter(t => Math.abs(t.r.y - bottom) < 1);
            const up = ticks.filter(t => Math.abs(t.r.y - bottom) >= 1);
            const nearest = (list, key) => list.reduce((a, b) =>
                Math.abs(b.r[key] + b.r[key === 'x' ? 'width' : 'height'] / 2 - mid[key])
                < Math.abs(a.r[key] + a.r[key === 'x' ? 'width' : 'height'] / 2 - mid[key]) ? b : a).n;
            return [nearest(up, 'y'), nearest(across, 'x')];
        }""",
        name,
    )


def strategy_row(page, label):
    return page.locator("main table tbody tr").filter(has=page.get_by_role("rowheader", name=re.compile("^" + label)))


def test_add_from_the_directory_and_on_the_fly_then_filter_the_register(page, live_server, member, project):
    OrganisationFactory(name=HOSPITAL, sector=Sector.NHS_PROVIDER)
    PersonFactory(
        full_name=COMMISSIONER,
        job_title="Director of commissioning",
        organisation=OrganisationFactory(name=ICB, sector=Sector.COMMISSIONER),
    )
    sign_in(page, live_server, member)
    open_page(page, live_server, project)
    expect(heading(page)).to_have_text("Stakeholders")
    expect(page.locator(".app-results-count")).to_have_text("0 stakeholders")
    expect(page.locator("main")).to_contain_text("No stakeholders yet.")

    # From the directory: an organisation.
    page.get_by_role("button", name="Add a stakeholder").click()
    expect(heading(page)).to_have_text("Add a stakeholder")
    assert_accessible(page)
    page.get_by_label("Organisation or person").fill("Dunstable")
    page.get_by_role("button", name="Search the directory").click()
    expect(page.locator("main")).to_contain_text("Organisation, NHS provider")
    assert_accessible(page)
    page.get_by_role("button", name=f"Add {HOSPITAL}").click()
    assert_accessible(page)
    first_scores(page, HOSPITAL)
    # Scored 3 each, the grid suggests managing them closely; the form starts from that.
    expect(page.locator(".nhsuk-inset-text")).to_contain_text("suggested from where")
    expect(page.get_by_label("Purpose of engagement")).to_have_value(
        "Co-develop the work and agree how findings will be used"
    )
    expect(page.get_by_role("group", name="Cadence").get_by_label("Every month")).to_be_checked()
    expect(page.get_by_label("Main channel")).to_have_value("Meetings")
    assert_accessible(page)
    roles = page.get_by_role("group", name="Roles towards the evidence")
    roles.get_by_label("Implementer").check()
    page.get_by_label("Relationship owner").select_option(label="Mo Member")
    page.get_by_role("button", name="Save stakeholder").click()
    expect(success(page)).to_contain_text("Stakeholder saved.")
    expect(heading(page)).to_have_text(HOSPITAL)
    expect(page.locator("main")).to_contain_text("Implementer")
    expect(page.locator("main")).to_contain_text("Every month")
    assert_accessible(page)

    # From the directory: a person, who brings their organisation with them.
    page.goto(base(live_server, project) + "add/?q=priya")
    expect(page.locator("main")).to_contain_text(f"Director of commissioning, {ICB}")
    page.get_by_role("button", name=f"Add {COMMISSIONER}").click()
    first_scores(page, COMMISSIONER)
    page.get_by_role("group", name="Roles towards the evidence").get_by_label("Decision-maker").check()
    page.get_by_label("What matters to them").fill("Value for money and waiting lists")
    page.get_by_role("button", name="Save stakeholder").click()
    expect(success(page)).to_contain_text("Stakeholder saved.")

    # Someone already on the map cannot be added twice.
    page.goto(base(live_server, project) + "add/?q=priya")
    page.get_by_role("button", name=f"Add {COMMISSIONER}").click()
    expect(page.locator(".nhsuk-notification-banner, .nhsuk-error-summary").first).to_contain_text(
        "already on this project's stakeholder map"
    )
    assert_accessible(page)

    # On the fly: nothing chosen is reported, and the summary's link leads to the first choice.
    page.get_by_role("button", name="Add stakeholder").click()
    summary = page.locator(".nhsuk-error-summary")
    expect(summary).to_contain_text("Select what you are adding")
    expect(summary).to_contain_text("Enter the name")
    assert_accessible(page)
    summary.get_by_role("link", name="Select what you are adding").click()
    expect(page.get_by_role("group", name="What are you adding?").get_by_label("A group or community")).to_be_focused()

    # On the fly: a group or community.
    page.get_by_role("group", name="What are you adding?").get_by_label("A group or community").check()
    page.get_by_label("Name", exact=True).fill(GROUP)
    page.get_by_label("Sector").select_option(label="Patients and public")
    page.get_by_role("button", name="Add stakeholder").click()
    first_scores(page, GROUP)
    expect(page.get_by_label("Group or community")).to_have_value(GROUP)
    page.get_by_role("group", name="Roles towards the evidence").get_by_label("Beneficiary").check()
    page.get_by_label("Belongs to or represents an under-served group").check()
    page.get_by_role("button", name="Save stakeholder").click()
    expect(success(page)).to_contain_text("Stakeholder saved.")
    expect(page.locator("main .nhsuk-tag", has_text="Under-served group")).to_be_visible()

    # On the fly: a new organisation, which needs a sector.
    page.goto(base(live_server, project) + "add/")
    page.get_by_role("group", name="What are you adding?").get_by_label("A new organisation").check()
    page.get_by_label("Name", exact=True).fill(NEW_ORG)
    page.get_by_role("button", name="Add stakeholder").click()
    expect(summary).to_contain_text("Select the organisation's sector")
    expect(page).to_have_title(re.compile("^Error: "))
    assert_accessible(page)
    assert not Organisation.objects.filter(name=NEW_ORG).exists()
    page.get_by_label("Sector").select_option(label="Voluntary and community sector")
    page.get_by_role("button", name="Add stakeholder").click()
    first_scores(page, NEW_ORG)
    assert Organisation.objects.get(name=NEW_ORG).sector == Sector.VCSE
    page.get_by_role("group", name="Roles towards the evidence").get_by_label("Knowledge broker").check()
    page.get_by_role("button", name="Save stakeholder").click()
    expect(success(page)).to_contain_text("Stakeholder saved.")

    # The register, and its filters.
    page.get_by_role("link", name="Back to stakeholders").click()
    expect(page.locator(".app-results-count")).to_have_text("4 stakeholders")
    assert sorted(register_names(page)) == sorted([HOSPITAL, COMMISSIONER, GROUP, NEW_ORG])
    row = page.locator("main table tbody tr", has_text=COMMISSIONER)
    expect(row).to_contain_text(f"Person, ICB / commissioner, {ICB}")
    expect(row).to_contain_text("Decision-maker")
    expect(page.locator("main table tbody tr", has_text=HOSPITAL)).to_contain_text("Every month")
    expect(page.locator("main table tbody tr", has_text=GROUP)).to_contain_text("Under-served")
    assert_accessible(page)

    page.get_by_label("Role").select_option(label="Beneficiary")
    page.get_by_role("button", name="Filter").click()
    expect(page.locator(".app-results-count")).to_have_text("1 stakeholder")
    assert register_names(page) == [GROUP]
    expect(page.get_by_label("Role")).to_have_value(Role.BENEFICIARY)
    assert_accessible(page)

    page.get_by_label("Role").select_option(label="All roles")
    page.get_by_label("Sector").select_option(label="ICB / commissioner")
    page.get_by_role("button", name="Filter").click()
    expect(page.locator(".app-results-count")).to_have_text("1 stakeholder")
    assert register_names(page) == [COMMISSIONER]

    page.get_by_role("link", name="Clear filters").click()
    expect(page.locator(".app-results-count")).to_have_text("4 stakeholders")
    expect(page.get_by_role("link", name="Clear filters")).to_have_count(0)
    page.get_by_label("Name").fill("luton")
    page.get_by_role("button", name="Filter").click()
    expect(page.locator(".app-results-count")).to_have_text("3 stakeholders")
    assert sorted(register_names(page)) == sorted([HOSPITAL, GROUP, NEW_ORG])

    page.get_by_label("Name").fill("nobody like this")
    page.get_by_role("button", name="Filter").click()
    expect(page.locator(".app-results-count")).to_have_text("0 stakeholders")
    expect(page.locator("main")).to_contain_text("No stakeholders match these filters.")
    assert_accessible(page)


def test_change_scores_moves_a_stakeholder_on_the_grid(page, live_server, member, project):
    icb = services.add_stakeholder(
        project=project, by=member, organisation=OrganisationFactory(name=ICB), influence=2, interest=4, impact=3
    )
    services.add_stakeholder(project=project, by=member, group_name=GROUP, influence=1, interest=5, impact=5)
    sign_in(page, live_server, member)
    open_page(page, live_server, project, "grid/")
    expect(heading(page)).to_have_text("Power/interest grid")
    expect(page.locator("main p[role=status]")).to_contain_text("2 stakeholders shown")
    assert grid_cell(page, ICB) == [2, 4]
    assert grid_cell(page, GROUP) == [1, 5]
    expect(strategy_row(page, "Keep informed")).to_contain_text(ICB)
    expect(strategy_row(page, "Manage closely")).not_to_contain_text(ICB)
    expect(strategy_row(page, "Manage closely").locator("td").first).to_have_text("0")

    # The name on the grid opens the stakeholder.
    page.locator("figure.app-diagram svg a", has_text=ICB).click()
    expect(heading(page)).to_have_text(ICB)
    expect(page.locator("main .nhsuk-tag", has_text="Keep informed")).to_be_visible()
    page.get_by_role("button", name="Change scores").click()
    expect(heading(page)).to_have_text("Change scores")
    expect(page.get_by_role("group", name="Influence").get_by_label("2", exact=True)).to_be_checked()
    assert_accessible(page)
    page.get_by_role("group", name="Influence").get_by_label("5", exact=True).check()
    page.get_by_role("group", name="Interest").get_by_label("4", exact=True).check()
    page.get_by_role("group", name="Attitude").get_by_label("Supportive").check()
    page.get_by_label("Why the change?").fill("New director of commissioning after the workshop")
    page.get_by_role("button", name="Save scores").click()

    expect(success(page)).to_contain_text("Scores saved.")
    expect(page.locator("main .nhsuk-tag", has_text="Manage closely")).to_be_visible()
    scores = page.locator("main table").first
    expect(scores.locator("tr", has_text="Influence").locator("td")).to_have_text(["2", "5"])
    expect(scores.locator("tr", has_text="Interest").locator("td")).to_have_text(["4", "4"])
    expect(scores.locator("tr", has_text="Attitude").locator("td")).to_have_text(["Not known yet", "Supportive"])
    page.get_by_text("How the scores changed (2 assessments)").click()
    expect(page.locator("main .nhsuk-details__text")).to_contain_text(
        "influence 5, interest 4, impact 3, supportive – New director of commissioning after the workshop"
    )
    expect(page.locator("main .nhsuk-details__text")).to_contain_text("First assessment")
    assert_accessible(page)
    assert ScoreChange.objects.filter(stakeholder=icb).count() == 2

    # On the grid it has moved to the other quadrant, in the picture and in the table.
    page.get_by_role("link", name="Back to stakeholders").click()
    page.get_by_role("link", name="Power/interest grid").click()
    expect(heading(page)).to_have_text("Power/interest grid")
    assert grid_cell(page, ICB) == [5, 4]
    expect(strategy_row(page, "Manage closely")).to_contain_text(ICB)
    expect(strategy_row(page, "Keep informed")).not_to_contain_text(ICB)
    expect(strategy_row(page, "Keep informed")).to_contain_text(GROUP)
    assert_accessible(page)

    # The grid's filters narrow the picture.
    page.get_by_label("Sector").select_option(label="NHS provider")
    page.get_by_role("button", name="Filter").click()
    expect(page.locator("main p[role=status]")).to_contain_text("1 stakeholder shown")
    expect(page.locator("figure.app-diagram svg a", has_text=GROUP)).to_have_count(0)


def test_relationships_network_and_equity_check(page, live_server, member, project):
    forum = services.add_stakeholder(
        project=project,
        by=member,
        organisation=OrganisationFactory(name=NEW_ORG, sector=Sector.VCSE),
        influence=3,
        interest=5,
        attitude=Attitude.CHAMPION,
        engaged=True,
        impact=3,
    )
    icb = services.add_stakeholder(
        project=project,
        by=member,
        organisation=OrganisationFactory(name=ICB, sector=Sector.COMMISSIONER),
        influence=5,
        interest=3,
        impact=3,
    )
    women = services.add_stakeholder(
        project=project,
        by=member,
        group_name=GROUP,
        group_sector=Sector.PUBLIC,
        influence=1,
        interest=4,
        impact=5,
        roles=[Role.BENEFICIARY],
        underserved=True,
    )
    sign_in(page, live_server, member)

    # Before any relationship: nothing to draw, and the equity check finds two gaps for the community.
    open_page(page, live_server, project, "network/")
    expect(page.locator("main")).to_contain_text("No relationships recorded yet.")
    open_page(page, live_server, project, "equity/")
    expect(heading(page)).to_have_text("Equity check")
    expect(page.get_by_role("heading", name="2 gaps to close")).to_be_visible()
    gaps = page.locator("main .nhsuk-list--border li")
    expect(gaps).to_have_text(
        [
            re.compile(f"^{GROUP} is affected by the work but has no engagement plan"),
            re.compile(f"^{GROUP} has little influence and no champion or broker linked to them"),
        ]
    )

    # Record relationships on the detail pages.
    page.get_by_role("link", name=f"link a champion or broker to {GROUP}").click()
    expect(heading(page)).to_have_text(GROUP)
    page.get_by_label("Relationship").select_option(label="is trusted by")
    page.get_by_label("With").select_option(label=NEW_ORG)
    page.get_by_label("Note").fill("Meets at the community centre every week")
    page.get_by_role("button", name="Record relationship").click()
    expect(success(page)).to_contain_text("Relationship recorded.")
    expect(page.locator("#relationships + ul")).to_contain_text(
        f"{GROUP} is trusted by {NEW_ORG} (Meets at the community centre every week)"
    )
    assert_accessible(page)

    page.get_by_role("link", name=NEW_ORG, exact=True).click()
    expect(heading(page)).to_have_text(NEW_ORG)
    expect(page.locator("#relationships + ul")).to_contain_text(f"{GROUP} is trusted by {NEW_ORG}")
    page.get_by_label("Relationship").select_option(label="influences")
    page.get_by_label("With").select_option(label=ICB)
    page.get_by_role("button", name="Record relationship").click()
    expect(success(page)).to_contain_text("Relationship recorded.")
    expect(page.locator("#relationships + ul li")).to_have_count(2)
    # The same relationship twice is refused.
    page.get_by_label("Relationship").select_option(label="influences")
    page.get_by_label("With").select_option(label=ICB)
    page.get_by_role("button", name="Record relationship").click()
    expect(page.locator(".nhsuk-notification-banner, .nhsuk-error-summary").first).to_contain_text(
        "This relationship is already recorded"
    )
    expect(page.locator("#relationships + ul li")).to_have_count(2)
    assert_accessible(page)

    # The network: the forum brokers between the community and the ICB, and is the way to reach the ICB.
    page.get_by_role("link", name="Back to stakeholders").click()
    page.get_by_role("navigation", name="Stakeholder map").get_by_role("link", name="Network").click()
    expect(heading(page)).to_have_text("Relationship network")
    brokers = page.get_by_role("table", name="Brokers, most central first").locator("tbody tr")
    expect(brokers).to_have_count(1)
    expect(brokers.locator("td")).to_have_text([NEW_ORG, "1.00", "2"])
    reach = page.get_by_role("heading", name="Reaching influential stakeholders not yet engaged").locator(
        "xpath=following-sibling::ul[1]/li"
    )
    expect(reach).to_have_count(1)
    expect(reach).to_contain_text(f"{ICB} (influence 5): {NEW_ORG} → {ICB}")
    svg = page.locator("figure.app-diagram svg")
    expect(svg.locator("a")).to_have_count(3)
    expect(svg.locator("line")).to_have_count(2)
    for name in (NEW_ORG, ICB, GROUP):
        expect(svg.locator("a", has_text=name)).to_have_count(1)
    assert_accessible(page)
    page.get_by_role("link", name=f"show on the network for {ICB}").click()
    expect(page).to_have_url(re.compile(rf"\?focus={icb.pk}#network-diagram$"))
    expect(svg.locator("line[stroke-width='3']")).to_have_count(1)
    expect(page.locator("main p[role=status]")).to_have_text(
        f"The chain to {ICB} is drawn in blue. Show the whole network"
    )
    assert_accessible(page)
    page.get_by_role("link", name="Show the whole network").click()
    expect(svg.locator("line[stroke-width='3']")).to_have_count(0)
    page.get_by_text("The relationships drawn as a table (2)").click()
    expect(page.get_by_role("table", name="Relationships").locator("tbody tr")).to_have_text(
        [re.compile(f"{GROUP}\\s*is trusted by\\s*{NEW_ORG}"), re.compile(f"{NEW_ORG}\\s*influences\\s*{ICB}")]
    )
    assert_accessible(page)

    # The equity check: the community now has a champion, but still no plan, until a cadence is set.
    page.get_by_role("navigation", name="Stakeholder map").get_by_role("link", name="Equity check").click()
    expect(page.get_by_role("heading", name="1 gap to close")).to_be_visible()
    expect(gaps).to_have_text([re.compile(f"^{GROUP} is affected by the work but has no engagement plan")])
    assert_accessible(page)
    page.get_by_role("link", name=f"set an engagement plan for {GROUP}").click()
    expect(heading(page)).to_have_text("Roles, profile and engagement")
    cadence = page.get_by_role("group", name="Cadence")
    expect(cadence.get_by_label("Every quarter")).to_be_checked()  # suggested: keep informed
    cadence.get_by_label("Every month").check()
    page.get_by_label("Purpose of engagement").fill("Co-design the invitation letters")
    page.get_by_role("button", name="Save stakeholder").click()
    expect(success(page)).to_contain_text("Stakeholder saved.")
    page.goto(base(live_server, project) + "equity/")
    expect(page.locator("main")).to_contain_text("No gaps found")
    expect(page.locator("main")).not_to_contain_text("has no engagement plan")
    assert_accessible(page)
    women.refresh_from_db()
    assert women.cadence == Cadence.MONTHLY
    assert forum.pk and icb.pk


def csv_bytes(rows):
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows(rows)
    return out.getvalue().encode()


def upload(page, live_server, project, rows):
    page.goto(base(live_server, project) + "import/")
    page.get_by_label("Stakeholder file").set_input_files(
        files=[{"name": "map.csv", "mimeType": "text/csv", "buffer": csv_bytes(rows)}]
    )
    page.get_by_role("button", name="Upload and continue").click()
    expect(heading(page)).to_have_text("Say which column holds what")


def test_import_a_spreadsheet_and_download_the_exports(page, live_server, member, project):
    OrganisationFactory(name=ICB, sector=Sector.COMMISSIONER)
    header = [
        "Name",
        "Type",
        "Organisation",
        "Job title",
        "Sector",
        "Roles",
        "Interest",
        "Influence",
        "View of the work",
    ]
    sign_in(page, live_server, member)
    open_page(page, live_server, project)
    page.get_by_role("link", name="Import from a spreadsheet").click()
    expect(heading(page)).to_have_text("Import stakeholders from a spreadsheet")
    assert_accessible(page)

    # A file with a bad row: the check lists it and offers no import.
    upload(
        page,
        live_server,
        project,
        [
            header,
            ["Priya Shah", "Person", ICB, "Director of commissioning", "ICB", "Decision-maker", "4", "5", "Supportive"],
            [
                "Tom Reed",
                "Person",
                "Luton Borough Council",
                "Public health consultant",
                "Local authority",
                "Influencer",
                "7",
                "3",
                "Neutral",
            ],
        ],
    )
    expect(page.get_by_label("Name", exact=True)).to_have_value("Name")
    expect(page.get_by_label("Attitude")).to_have_value("")
    assert_accessible(page)
    # Familiar headings are matched already; the others are chosen by hand.
    page.get_by_label("Attitude").select_option("View of the work")
    page.get_by_role("button", name="Check the rows").click()
    expect(heading(page)).to_have_text("Check the rows")
    expect(page).to_have_title(re.compile("^Error: "))
    expect(page.locator(".nhsuk-error-summary")).to_contain_text("1 problem in 1 row of map.csv")
    expect(page.locator("#row-errors + ul")).to_have_text("Row 3: interest must be a whole number from 1 to 5")
    expect(page.get_by_role("button", name=re.compile("^Import"))).to_have_count(0)
    assert_accessible(page)
    assert not Stakeholder.objects.exists()

    # A good file: check, import, and the register shows them.
    upload(
        page,
        live_server,
        project,
        [
            header,
            ["Priya Shah", "Person", ICB, "Director of commissioning", "ICB", "Decision-maker", "4", "5", "Supportive"],
            [
                "Tom Reed",
                "Person",
                "Luton Borough Council",
                "Public health consultant",
                "Local authority",
                "Influencer; Champion",
                "5",
                "3",
                "Neutral",
            ],
            [GROUP, "Group", "", "", "Patients and public", "Beneficiary", "5", "1", ""],
        ],
    )
    page.get_by_label("Attitude").select_option("View of the work")
    page.get_by_role("button", name="Check the rows").click()
    expect(page).to_have_title(re.compile("^Check the rows"))
    expect(page.locator("main")).to_contain_text("map.csv has 3 stakeholders ready to import")
    preview = page.get_by_role("table", name="The stakeholders to import")
    expect(preview.locator("tbody tr")).to_have_count(3)
    expect(preview.locator("tbody tr").nth(1)).to_contain_text("Influencer, Champion")
    assert_accessible(page)
    page.get_by_role("button", name="Import 3 stakeholders").click()

    expect(page).to_have_url(url_of(live_server, f"/projects/{project.pk}/stakeholders/"))
    expect(success(page)).to_contain_text("3 stakeholders imported from map.csv.")
    expect(success(page)).to_contain_text("1 organisation already in the directory")
    expect(success(page)).to_contain_text("3 new records were added to the directory.")
    expect(page.locator(".app-results-count")).to_have_text("3 stakeholders")
    assert sorted(register_names(page)) == sorted(["Priya Shah", "Tom Reed", GROUP])
    expect(page.locator("main table tbody tr", has_text="Priya Shah")).to_contain_text(ICB)
    expect(page.locator("main table tbody tr", has_text=GROUP)).to_contain_text("Group, Patients and public")
    assert_accessible(page)
    assert Organisation.objects.filter(name=ICB).count() == 1

    # Downloads.
    services.add_relationship(
        source=Stakeholder.objects.get(group_name=GROUP),
        target=Stakeholder.objects.get(person__full_name="Tom Reed"),
        kind=RelationshipKind.TRUSTED_BY,
    )
    downloads = {}
    for name in ("CSV", "Excel", "GraphML"):
        with page.expect_download() as info:
            page.get_by_role("link", name=name, exact=True).click()
        download = info.value
        assert download.failure() is None, name
        downloads[name] = (download.suggested_filename, Path(download.path()).read_bytes())
    assert downloads["CSV"][0] == "cascade-stakeholders.csv"
    table = list(csv.reader(io.StringIO(downloads["CSV"][1].decode("utf-8-sig"))))
    assert table[0][:3] == ["Name", "Type", "Organisation"]
    assert sorted(row[0] for row in table[1:]) == sorted(["Priya Shah", "Tom Reed", GROUP])
    assert downloads["Excel"][0] == "cascade-stakeholders.xlsx"
    assert downloads["Excel"][1].startswith(b"PK\x03\x04") and len(downloads["Excel"][1]) > 2000
    assert downloads["GraphML"][0] == "cascade-stakeholders.graphml"
    graphml = downloads["GraphML"][1].decode()
    assert "<graphml" in graphml and GROUP in graphml and "trusted_by" in graphml
    expect(heading(page)).to_have_text("Stakeholders")


def test_do_not_contact_is_shown_in_the_register_and_on_the_detail_page(page, live_server, member, project):
    person = PersonFactory(full_name="Dan Keep-Away", do_not_contact=True)
    flagged = services.add_stakeholder(
        project=project, by=member, person=person, organisation=person.organisation, influence=3, interest=3, impact=3
    )
    services.add_stakeholder(project=project, by=member, group_name=GROUP)
    sign_in(page, live_server, member)
    open_page(page, live_server, project)
    expect(page.locator("main table tbody tr", has_text="Dan Keep-Away").locator(".nhsuk-tag")).to_have_text(
        "Do not contact"
    )
    expect(page.locator("main table tbody tr", has_text=GROUP).locator(".nhsuk-tag")).to_have_count(0)
    page.get_by_role("link", name="Dan Keep-Away", exact=True).click()
    expect(page).to_have_url(url_of(live_server, f"/projects/{project.pk}/stakeholders/{flagged.pk}/"))
    expect(page.locator("main .nhsuk-tag", has_text="Do not contact")).to_be_visible()
    assert_accessible(page)
    open_page(page, live_server, project, "grid/")
    expect(page.locator("figure.app-diagram svg a", has_text="Dan Keep-Away (do not contact)")).to_have_count(1)


def small_map(project, by):
    forum = services.add_stakeholder(
        project=project,
        by=by,
        organisation=OrganisationFactory(name=NEW_ORG),
        influence=3,
        interest=5,
        attitude=Attitude.CHAMPION,
        engaged=True,
        roles=[Role.BROKER],
        impact=3,
    )
    icb = services.add_stakeholder(
        project=project,
        by=by,
        organisation=OrganisationFactory(name=ICB),
        influence=5,
        interest=3,
        roles=[Role.DECISION_MAKER],
        impact=3,
    )
    women = services.add_stakeholder(
        project=project,
        by=by,
        group_name=GROUP,
        influence=1,
        interest=4,
        roles=[Role.BENEFICIARY],
        underserved=True,
        impact=3,
    )
    services.add_relationship(source=women, target=forum, kind=RelationshipKind.TRUSTED_BY)
    services.add_relationship(source=forum, target=icb, kind=RelationshipKind.INFLUENCES)
    return forum, icb, women


def test_viewer_reads_every_page_without_edit_controls(page, live_server, viewer, project):
    forum, icb, women = small_map(project, None)
    sign_in(page, live_server, viewer)
    open_page(page, live_server, project)
    expect(page.locator(".app-results-count")).to_have_text("3 stakeholders")
    expect(page.get_by_role("button", name="Add a stakeholder")).to_have_count(0)
    expect(page.get_by_role("link", name="Import from a spreadsheet")).to_have_count(0)
    expect(page.get_by_role("link", name="CSV", exact=True)).to_be_visible()

    open_page(page, live_server, project, "grid/")
    expect(page.locator("figure.app-diagram svg a", has_text=ICB)).to_have_count(1)
    open_page(page, live_server, project, "network/")
    expect(page.get_by_role("table", name="Brokers, most central first")).to_contain_text(NEW_ORG)
    open_page(page, live_server, project, "equity/")
    expect(page.locator("main")).to_contain_text(f"{GROUP} is affected by the work but has no engagement plan")
    expect(page.locator("main .nhsuk-list--border a")).to_have_count(0)

    open_page(page, live_server, project, f"{forum.pk}/")
    expect(heading(page)).to_have_text(NEW_ORG)
    expect(page.locator("#relationships + ul li")).to_have_count(2)
    main = page.locator("main")
    expect(main.get_by_role("button", name="Change scores")).to_have_count(0)
    expect(main.get_by_role("link", name="Change scores")).to_have_count(0)
    expect(main.get_by_role("link", name=re.compile("^Edit"))).to_have_count(0)
    expect(main.get_by_role("link", name=re.compile("^Remove"))).to_have_count(0)
    expect(main.get_by_role("button", name=re.compile("^Remove"))).to_have_count(0)
    expect(main.get_by_role("button", name="Record relationship")).to_have_count(0)
    expect(main.locator("form")).to_have_count(0)

    # The pages that change the map are not there for a viewer.
    for path in (f"{icb.pk}/scores/", f"{icb.pk}/edit/", "add/", "import/"):
        response = page.goto(base(live_server, project) + path)
        assert response.status == 404, path
    assert Stakeholder.objects.get(pk=women.pk).version == 1


def test_change_scores_by_keyboard_only(page, live_server, member, project):
    icb = services.add_stakeholder(
        project=project, by=member, organisation=OrganisationFactory(name=ICB), influence=2, interest=2, impact=2
    )
    sign_in(page, live_server, member)
    page.goto(base(live_server, project) + f"{icb.pk}/")
    expect(heading(page)).to_have_text(ICB)

    def tab_to(predicate, what, limit=60):
        seen = []
        for _ in range(limit):
            page.keyboard.press("Tab")
            now = focused(page)
            if predicate(now):
                return now
            seen.append(now["text"] or now["id"] or now["tag"])
        raise AssertionError(f"Tab never reached {what}; focus went to: {seen}")

    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Skip to main content")).to_be_focused()
    page.keyboard.press("Enter")
    tab_to(lambda f: f["text"] == "Change scores", "“Change scores”")
    page.keyboard.press("Enter")
    expect(heading(page)).to_have_text("Change scores")
    assert_accessible(page)

    # Tab reaches the checked radio of each group; the arrow keys move the choice.
    tab_to(lambda f: f["name"] == "influence", "the influence radios")
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    assert focused(page)["id"].startswith("id_influence")
    page.keyboard.press("Tab")
    assert focused(page)["name"] == "interest"
    page.keyboard.press("ArrowRight")
    tab_to(lambda f: f["name"] == "reason", "“Why the change?”")
    page.keyboard.type("Joined the programme board")
    page.keyboard.press("Enter")

    expect(success(page)).to_contain_text("Scores saved.")
    icb.refresh_from_db()
    assert (icb.influence, icb.interest, icb.impact) == (4, 3, 2)
    assert icb.score_changes.first().reason == "Joined the programme board"
    expect(page.locator("main .nhsuk-tag", has_text="Manage closely")).to_be_visible()
