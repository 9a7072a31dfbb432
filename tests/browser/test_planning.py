"""Journeys through the logic model (theory of change): build a model, export it, keep snapshots,
start from a template or a file, use it by keyboard only, and read it as a viewer.

JavaScript is on, so the board's forms are boosted by htmx and only #board is swapped: the tests assert on
what the page shows, not on where the browser went.
"""

import io
import json
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from mobilise.planning import services, starters
from mobilise.planning.access import data as model_data
from mobilise.planning.models import Column, Element, LogicModel

from .helpers import assert_accessible, focused, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

INPUT = "Research team time"
ACTIVITY = "Run co-design workshops"
OUTPUT = "Workshop report"
SHORT = "Clinicians understand patients' priorities"
IMPACT = "Better care for people with long COVID"
ASSUMPTION = "Patients can attend in person"
EXTRA = "Recruit patient partners"


def expect_only_indicator_findings(page):
    """Nothing structural to fix: every finding the review lists asks for an indicator on an outcome."""
    expect(page.locator(".app-findings")).to_contain_text("has no indicator")
    texts = page.locator(".app-findings > li").all_inner_texts()
    assert texts and all("has no indicator" in t for t in texts), texts


def board_url(live_server, project):
    return f"{live_server.url}/projects/{project.pk}/logic-model/"


def open_board(page, live_server, project):
    page.goto(board_url(live_server, project))
    expect(page.get_by_role("heading", level=1)).to_have_text("Logic model")


def column_texts(page, column):
    """The element texts of one column of the board, top to bottom."""
    return page.locator(f"#col-{column} .app-element__text").all_inner_texts()


def add(page, column_label, text):
    """Add an element with the column's "Add to ..." form and wait for the board to show it."""
    page.get_by_label(f"Add to {column_label}", exact=True).fill(text)
    page.get_by_role("button", name=f"Add to {column_label}", exact=True).click()
    expect(page.locator("#board .nhsuk-notification-banner--success")).to_contain_text(f"Added “{text}”")


def banner(page):
    return page.locator("#board .nhsuk-notification-banner")


def diagram_texts(page):
    """The full text of every element box in the diagram (each box's <title>; the visible text is wrapped)."""
    return page.locator("figure.app-diagram svg g.lm-element > title").all_text_contents()


def model_json(model):
    return json.dumps(model_data(model), sort_keys=True)


def filled_model(project):
    services.replace_contents(
        project=project, data=starters.coproduced_community(), by=None, snapshot_name="Before loading the template"
    )
    return LogicModel.objects.get(project=project)


def test_build_a_model_link_review_pathways_move_edit_and_delete(page, live_server, member, project):
    sign_in(page, live_server, member)
    open_board(page, live_server, project)
    expect(page.locator("#review")).to_be_visible()
    expect(page.locator("#board")).to_contain_text("The model is empty.")
    assert_accessible(page)
    # A marker on the window survives an htmx swap but not a page load: the board is updated in place.
    page.evaluate("window.notReloaded = true")

    # An empty "Add to" says what went wrong, and adds nothing.
    page.get_by_role("button", name="Add to inputs", exact=True).click()
    expect(banner(page)).to_contain_text("Enter the text of the element to add it.")
    assert not Element.objects.exists()

    add(page, "inputs", INPUT)
    add(page, "activities", ACTIVITY)
    add(page, "outputs", OUTPUT)
    add(page, "short-term outcomes", SHORT)
    add(page, "impact", IMPACT)
    assert column_texts(page, "inputs") == [INPUT]
    assert column_texts(page, "short") == [SHORT]
    assert column_texts(page, "impact") == [IMPACT]

    # An assumption, attached to the activity.
    page.get_by_label("Add to assumptions", exact=True).fill(ASSUMPTION)
    page.locator("#col-assumptions").get_by_label("Attached to").select_option(label=f"Activities: {ACTIVITY}")
    page.get_by_role("button", name="Add to assumptions", exact=True).click()
    expect(page.locator("#col-assumptions")).to_contain_text(f"Attached to: {ACTIVITY}")
    assert page.evaluate("window.notReloaded === true"), "adding elements reloaded the page instead of the board"

    # Nothing is linked yet, so the review lists what to fix.
    review = page.locator("#review + p")
    expect(review).to_contain_text("things to check")
    expect(page.locator(".app-findings")).to_contain_text(f"“{INPUT}” has no links")
    assert_accessible(page)

    # Link the chain from each element's "Edit and link" page, with a rationale.
    chain = [
        (INPUT, "Activities", ACTIVITY),
        (ACTIVITY, "Outputs", OUTPUT),
        (OUTPUT, "Short-term outcomes", SHORT),
        (SHORT, "Impact", IMPACT),
    ]
    for n, (source, column, target) in enumerate(chain):
        page.get_by_role("link", name=f"Edit and link {source}").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Edit element")
        expect(page.get_by_label("Text", exact=True)).to_have_value(source)
        expect(page.locator("main")).to_contain_text("This element leads to nothing yet.")
        if n == 0:
            assert_accessible(page)
        page.get_by_label("Leads to").select_option(label=f"{column}: {target}")
        page.get_by_label("Rationale").fill(f"Because {source.lower()} makes {target.lower()} possible")
        page.get_by_role("button", name="Add link").click()
        expect(page.locator(".nhsuk-notification-banner--success")).to_contain_text("Link added.")
        expect(page.locator("main .nhsuk-list")).to_contain_text(f"Leads to {target}")
        if n == 0:
            assert_accessible(page)
        page.get_by_role("link", name="Back to the logic model").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Logic model")

    # The chain is complete: the review asks only for indicators (the evaluation job), and the diagram and the
    # table of links show it all.
    expect_only_indicator_findings(page)
    assert sorted(diagram_texts(page)) == sorted([INPUT, ACTIVITY, OUTPUT, SHORT, IMPACT])
    expect(page.locator("figure.app-diagram svg path.lm-link")).to_have_count(4)
    expect(page.locator("#el-" + str(Element.objects.get(text=INPUT).pk))).to_contain_text(f"Leads to:\n{ACTIVITY}")
    assert_accessible(page)

    # Pathways to impact through the output.
    page.get_by_label("Show pathways to impact through").select_option(label=f"Outputs: {OUTPUT}")
    page.get_by_role("button", name="Show pathways").click()
    expect(page.locator("#board p[role=status]")).to_have_text(
        f"5 elements lead to or follow from “{OUTPUT}”, on pathways from inputs and activities to impact:"
    )
    expect(page.locator(".app-pathway-list li")).to_have_text(
        [
            f"Inputs: {INPUT}",
            f"Activities: {ACTIVITY}",
            f"Outputs: {OUTPUT}",
            f"Short-term outcomes: {SHORT}",
            f"Impact: {IMPACT}",
        ]
    )
    expect(page.locator("figure.app-diagram svg g.lm-element.is-highlighted")).to_have_count(5)
    assert_accessible(page)
    page.get_by_role("link", name="Show the whole model").click()
    expect(page.locator(".app-pathway-list")).to_have_count(0)

    # A second activity, moved up and down in its column, and right and left between columns.
    page.evaluate("window.notReloaded = true")
    add(page, "activities", EXTRA)
    assert column_texts(page, "activities") == [ACTIVITY, EXTRA]
    page.get_by_role("button", name=f"move {EXTRA} up").click()
    expect(page.locator("#col-activities .app-element__text")).to_have_text([EXTRA, ACTIVITY])
    page.get_by_role("button", name=f"move {EXTRA} down").click()
    expect(page.locator("#col-activities .app-element__text")).to_have_text([ACTIVITY, EXTRA])
    page.get_by_role("button", name=f"move {EXTRA} to the next column").click()
    expect(page.locator("#col-outputs .app-element__text")).to_have_text([OUTPUT, EXTRA])
    expect(page.locator("#col-activities .app-element__text")).to_have_text([ACTIVITY])
    page.get_by_role("button", name=f"move {EXTRA} to the previous column").click()
    expect(page.locator("#col-activities .app-element__text")).to_have_text([ACTIVITY, EXTRA])
    expect(page.locator("#col-outputs .app-element__text")).to_have_text([OUTPUT])
    expect(page.locator(".app-findings")).to_contain_text(f"“{EXTRA}” has no links")
    assert page.evaluate("window.notReloaded === true"), "moving elements reloaded the page instead of the board"

    # Edit an element's text.
    page.get_by_role("link", name=f"Edit and link {OUTPUT}").click()
    page.get_by_label("Text", exact=True).fill("Workshop report and summary")
    page.get_by_role("button", name="Save element").click()
    expect(banner(page)).to_contain_text("Element saved.")
    expect(page.locator("#col-outputs .app-element__text")).to_have_text(["Workshop report and summary"])
    expect(page.locator(f"#el-{Element.objects.get(text=ACTIVITY).pk}")).to_contain_text("Workshop report and summary")

    # Delete the extra activity through its confirm page.
    page.get_by_role("link", name=f"Delete {EXTRA}").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Delete “{EXTRA}”?")
    assert_accessible(page)
    page.get_by_role("button", name="Delete element").click()
    expect(banner(page)).to_contain_text(f"Deleted “{EXTRA}” and its links.")
    expect(page.locator("#col-activities .app-element__text")).to_have_text([ACTIVITY])
    expect_only_indicator_findings(page)
    assert not Element.objects.filter(text=EXTRA).exists()


def test_exports_download_in_every_format(page, live_server, member, project):
    filled_model(project)
    sign_in(page, live_server, member)
    open_board(page, live_server, project)
    downloads = {}
    for name in ("PDF", "Word (DOCX)", "SVG", "PNG", "JSON"):
        with page.expect_download() as info:
            page.get_by_role("link", name=name, exact=True).click()
        download = info.value
        assert download.failure() is None, name
        downloads[name] = (download.suggested_filename, Path(download.path()).read_bytes())
    for name, (filename, body) in downloads.items():
        assert filename.startswith("cascade-logic-model."), filename
        assert len(body) > 200, f"{name} download is (nearly) empty"

    assert downloads["PDF"][1].startswith(b"%PDF-")
    assert downloads["Word (DOCX)"][1].startswith(b"PK\x03\x04")
    assert downloads["PNG"][1].startswith(b"\x89PNG\r\n\x1a\n")
    assert re.match(rb"\s*(<\?xml[^>]*>\s*)?<svg", downloads["SVG"][1])
    assert b"Train community champions" in downloads["SVG"][1]
    exported = json.loads(downloads["JSON"][1])
    assert exported["format"] == "mobilise-logic-model"
    assert "Train community champions" in [e["text"] for e in exported["elements"]]

    pdf = PdfReader(io.BytesIO(downloads["PDF"][1]))
    text = " ".join(" ".join((p.extract_text() or "").split()) for p in pdf.pages)
    assert "Train community champions" in text
    # Nothing the downloads did changed the page.
    expect(page.get_by_role("heading", level=1)).to_have_text("Logic model")


def test_snapshot_compare_view_and_restore(page, live_server, member, project):
    filled_model(project)
    removed = "Train community champions"
    sign_in(page, live_server, member)
    open_board(page, live_server, project)

    page.get_by_role("link", name=re.compile(r"^Snapshots \(\d+\)$")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Snapshots of the logic model")
    assert_accessible(page)
    page.get_by_role("button", name="Take a snapshot").click()
    summary = page.locator(".nhsuk-error-summary")
    expect(summary).to_contain_text("There is a problem")
    expect(summary).to_contain_text("Enter a name for the snapshot")
    expect(page).to_have_title(re.compile("^Error: "))
    assert_accessible(page)
    page.get_by_label("Name of the snapshot").fill("As submitted with the grant")
    page.get_by_role("button", name="Take a snapshot").click()
    expect(page.locator(".nhsuk-notification-banner--success")).to_contain_text(
        "Snapshot “As submitted with the grant” taken."
    )
    expect(page.locator("table")).to_contain_text("As submitted with the grant")
    assert_accessible(page)

    # Change the model: delete an activity.
    page.get_by_role("link", name="Back to the logic model").click()
    page.get_by_role("link", name=f"Delete {removed}").click()
    page.get_by_role("button", name="Delete element").click()
    expect(banner(page)).to_contain_text(f"Deleted “{removed}”")
    expect(page.locator("#col-activities")).not_to_contain_text(removed)

    # Compare the snapshot with the model now.
    page.get_by_role("link", name=re.compile(r"^Snapshots \(\d+\)$")).click()
    page.get_by_role("link", name=re.compile(r"^Compare with now\s*: As submitted with the grant$")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Compare versions of the logic model")
    expect(page.get_by_role("heading", name="From “As submitted with the grant” to “The model now”")).to_be_visible()
    removed_list = page.get_by_role("heading", name="Elements removed (1)").locator("xpath=following-sibling::ul[1]")
    expect(removed_list).to_have_text(f"Activities: {removed}")
    expect(page.get_by_role("heading", name="Elements added (0)")).to_be_visible()
    assert_accessible(page)

    # The snapshot, read only, still has the element.
    page.get_by_role("link", name="All snapshots").click()
    page.get_by_role("link", name="As submitted with the grant", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("As submitted with the grant")
    expect(page.locator("main")).to_contain_text("Read only")
    expect(page.locator("main")).to_contain_text(removed)
    expect(page.locator("main form")).to_have_count(0)
    assert_accessible(page)

    # Restore it through the confirm page, and the element is back.
    page.get_by_role("button", name="Restore this snapshot").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Restore “As submitted with the grant”?")
    assert_accessible(page)
    page.get_by_role("button", name="Restore snapshot").click()
    expect(banner(page)).to_contain_text("Restored “As submitted with the grant”.")
    expect(page.locator("#col-activities")).to_contain_text(removed)
    assert Element.objects.filter(text=removed).count() == 1


def test_start_from_a_template_and_refuse_a_bad_file(page, live_server, member, project):
    sign_in(page, live_server, member)
    open_board(page, live_server, project)
    page.get_by_role("button", name="Start from a template or file").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Start from a template, another project or a file")
    assert_accessible(page)
    page.get_by_role("button", name=re.compile(r"^Use this template\s*: Co-produced community intervention$")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Logic model")
    expect(banner(page)).to_contain_text("The model now holds Co-produced community intervention.")
    expect(page.locator("#col-activities .app-element__text")).to_have_text(
        [
            "Co-design the intervention with community members",
            "Train community champions",
            "Run sessions in trusted community places",
        ]
    )
    expect(page.locator("#col-impact")).to_contain_text("Fairer health outcomes for the community")
    expect_only_indicator_findings(page)

    model = LogicModel.objects.get(project=project)
    before = (model_json(model), model.snapshots.count())
    page.get_by_role("button", name="Start from a template or file").click()
    expect(page.locator(".nhsuk-inset-text")).to_contain_text("This replaces the current model.")
    page.get_by_label("Logic model file (JSON)").set_input_files(
        files=[{"name": "model.json", "mimeType": "application/json", "buffer": b"{not json at all"}]
    )
    page.get_by_role("button", name="Import").click()
    summary = page.locator(".nhsuk-error-summary")
    expect(summary).to_contain_text("There is a problem")
    expect(summary).to_contain_text("The file is not a JSON file exported from a logic model")
    expect(page).to_have_title(re.compile("^Error: "))
    expect(page.locator(".nhsuk-form-group--error .nhsuk-error-message")).to_contain_text(
        "The file is not a JSON file exported from a logic model"
    )
    assert_accessible(page)
    # The error summary's link takes the user to the file input.
    summary.get_by_role("link").first.click()
    expect(page.get_by_label("Logic model file (JSON)")).to_be_focused()
    assert (model_json(model), model.snapshots.count()) == before, "a bad file changed the model"


def test_add_an_element_with_the_keyboard_only(page, live_server, member, project):
    sign_in(page, live_server, member)
    open_board(page, live_server, project)

    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Skip to main content")).to_be_focused()
    page.keyboard.press("Enter")
    assert focused(page)["id"] == "maincontent"
    target = page.get_by_label("Add to activities", exact=True)
    target_id = target.get_attribute("id")
    seen = []
    for _ in range(40):
        page.keyboard.press("Tab")
        now = focused(page)
        if now["id"] == target_id:
            break
        seen.append(now["text"] or now["id"] or now["tag"])
    else:
        raise AssertionError(f"Tab never reached “Add to activities”; focus went to: {seen}")
    page.keyboard.type("Hold listening events")
    page.keyboard.press("Enter")
    expect(page.locator("#col-activities .app-element__text")).to_have_text(["Hold listening events"])
    expect(banner(page)).to_contain_text("Added “Hold listening events” to activities.")
    # The swap does not drop focus on the body: it is on the success message (or back in the text box).
    assert focused(page)["tag"] != "body", "focus was lost when the board was swapped"
    assert Element.objects.get(column=Column.ACTIVITIES).text == "Hold listening events"


def test_viewer_reads_the_model_without_edit_controls(page, live_server, viewer, project):
    filled_model(project)
    sign_in(page, live_server, viewer)
    open_board(page, live_server, project)
    expect(page.locator("#col-impact")).to_contain_text("Fairer health outcomes for the community")
    expect(page.locator("figure.app-diagram svg")).to_be_visible()
    expect(page.locator(".app-add-form")).to_have_count(0)
    expect(page.get_by_label(re.compile("^Add to "))).to_have_count(0)
    expect(page.get_by_role("link", name=re.compile("^Edit"))).to_have_count(0)
    expect(page.get_by_role("link", name=re.compile("^Delete"))).to_have_count(0)
    expect(page.get_by_role("button", name=re.compile(r"^(Up|Down|Left|Right)\s*: move"))).to_have_count(0)
    expect(page.get_by_role("button", name="Start from a template or file")).to_have_count(0)
    expect(page.get_by_role("link", name="Change the problem, context and population")).to_have_count(0)
    assert_accessible(page)
