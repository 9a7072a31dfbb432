"""Journeys through findings, audiences and tailored outputs: record a finding, describe an audience, write a policy
brief while the readability panel (htmx) checks it, take it through review to publication, compare its versions,
export it, record who it was sent to, read it as a viewer, keep the glossary, and check readability without
JavaScript.
"""

import io
import os
import re
from contextlib import contextmanager
from pathlib import Path

import pytest
from django.core import mail
from docx import Document
from playwright.sync_api import expect
from pypdf import PdfReader

from mobilise.outputs import services
from mobilise.outputs.models import Audience, Certainty, Finding, GlossaryTerm, Kind, Output, Status
from mobilise.stakeholders.services import add_stakeholder
from tests.factories import PASSWORD

from .helpers import AXE_PATH, assert_accessible, sign_in, url_of, watch_documents

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

STATEMENT = (
    "Offering cervical screening in trusted community venues increased uptake among South Asian women aged 50 to 70."
)
PLAIN = "More women came for screening when we held it in places they trust."
AUDIENCE = "South Asian women in Luton"
TITLE = "Screening in places women trust"
HARD = (
    "The implementation of the community-based screening intervention was facilitated by stakeholders across "
    "primary care, and the longitudinal evaluation demonstrated statistically significant improvements in "
    "uptake among underserved populations with substantial heterogeneity between participating localities."
)
EASY = "We held screening in places women trust. More women came. This helped women who often miss out."
# The terms the journeys need: the data migration seeds them, but transactional tests empty the table after each test.
TERMS = {
    "heterogeneity": "differences between studies",
    "implementation": "putting into practice",
    "intervention": "treatment, service or programme",
    "uptake": "take-up",
}
SCREENSHOTS = os.environ.get("OUTPUTS_SCREENSHOTS")


@pytest.fixture(autouse=True)
def glossary(db):
    for term, plain in TERMS.items():
        GlossaryTerm.objects.get_or_create(term=term, defaults={"plain": plain})


def base(live_server, project):
    return f"{live_server.url}/projects/{project.pk}/outputs/"


def heading(page):
    return page.get_by_role("heading", level=1)


def success(page):
    return page.locator(".nhsuk-notification-banner--success")


def panel(page):
    return page.locator("#readability")


def grade(page):
    """The Flesch-Kincaid grade the readability panel shows."""
    cell = panel(page).get_by_role("row", name=re.compile("^Reading level")).locator("td")
    return float(cell.inner_text().split()[0])


def shot(page, name):
    """A screenshot for a person to look at, when OUTPUTS_SCREENSHOTS names a folder."""
    if SCREENSHOTS:
        page.screenshot(path=str(Path(SCREENSHOTS) / f"{name}.png"), full_page=True)


def load_axe(page):
    """Load axe-core where the page forbids <script> tags: assert_accessible then finds it loaded.
    Playwright's evaluate goes through the DevTools protocol, which a Content-Security-Policy does not stop."""
    page.evaluate(AXE_PATH.read_text())


def assert_accessible_as_served(page, browser, live_server):
    """axe-core on a page open without JavaScript, where axe itself cannot run: the same HTML, served to a page
    that runs scripts at the same address."""
    html, url = page.content(), page.url
    with another_page(browser, live_server) as copy:
        copy.route(lambda u: u == url, lambda route: route.fulfill(body=html, content_type="text/html; charset=utf-8"))
        copy.goto(url)
        assert_accessible(copy)


@contextmanager
def another_page(browser, live_server, **options):
    """A page in a fresh context (own cookies), checked like the `page` fixture's."""
    context = browser.new_context(
        locale="en-GB", timezone_id="Europe/London", viewport={"width": 1280, "height": 900}, **options
    )
    context.set_default_timeout(10_000)
    context.route(lambda url: not url.startswith(live_server.url), lambda route: route.abort())
    page = context.new_page()
    watch_documents(page)
    problems = []
    page.on("pageerror", lambda error: problems.append(f"JavaScript error: {error}"))
    page.on(
        "response",
        lambda r: (
            problems.append(f"{r.status} for {r.url}")
            if r.status >= 400 and r.request.resource_type != "document"
            else None
        ),
    )
    try:
        yield page
    finally:
        context.close()
    assert not problems, "Problems while the page was open:\n" + "\n".join(problems)


def draft(project, by, lead=None, body=HARD):
    """A policy brief for the public, from one finding, with "The issue" saved once as version 2."""
    finding = services.save_finding(
        project=project,
        statement=STATEMENT,
        plain_statement=PLAIN,
        certainty=Certainty.MODERATE,
        sources="10.1136/bmj.n71",
        for_practice="Ask your GP about screening near you.",
    )
    audience = services.save_audience(
        project=project, kind="public", name=AUDIENCE, target_grade=7, needs="Whether to book screening"
    )
    output = services.create_output(
        project=project, kind=Kind.POLICY_BRIEF, audience=audience, findings=[finding], title=TITLE, by=by, lead=lead
    )
    sections = list(output.sections.all())
    bodies = {s.pk: (s.heading, body if s.heading == "The issue" else s.body) for s in sections}
    output, _ = services.save_output(output=output, expected_version=1, title=TITLE, bodies=bodies, by=by)
    return output


def test_write_a_brief_from_a_finding_with_the_live_readability_check(page, live_server, member, lead, project):
    sign_in(page, live_server, member)
    page.goto(base(live_server, project))
    expect(heading(page)).to_have_text("Findings and outputs")
    expect(page.locator("main")).to_contain_text("No findings recorded yet.")
    expect(page.locator("main")).to_contain_text("No outputs yet. Describe an audience first.")
    assert_accessible(page)

    # A finding, with a DOI that is not one first.
    page.get_by_role("link", name="Add a finding").click()
    expect(heading(page)).to_have_text("Add a finding")
    assert_accessible(page)
    page.get_by_label("Statement").fill(STATEMENT)
    page.get_by_label("In plain English").fill(PLAIN)
    page.get_by_label("Moderate").check()
    page.get_by_label("Sources").fill("10.1136 bmj n71")
    page.get_by_label("Implications for practice").fill("Ask your GP about screening near you.")
    page.get_by_role("button", name="Save finding").click()
    summary = page.locator(".nhsuk-error-summary")
    expect(summary).to_contain_text("There is a problem")
    expect(summary).to_contain_text("Line 1 is not a valid DOI: a DOI looks like 10.1136/bmj.n71")
    expect(page).to_have_title(re.compile("^Error: "))
    assert_accessible(page)
    summary.get_by_role("link").first.click()
    expect(page.get_by_label("Sources")).to_be_focused()
    assert not Finding.objects.exists()
    page.get_by_label("Sources").fill("https://doi.org/10.1136/bmj.n71")
    page.get_by_role("button", name="Save finding").click()
    expect(page).to_have_url(url_of(live_server, f"/projects/{project.pk}/outputs/"))
    expect(success(page)).to_contain_text("Finding saved.")
    findings = page.locator(".app-findings-list > li")
    expect(findings).to_have_count(1)
    expect(findings).to_contain_text(STATEMENT)
    expect(findings).to_contain_text("Certainty: moderate")
    expect(findings.get_by_role("link", name="10.1136/bmj.n71")).to_have_attribute(
        "href", "https://doi.org/10.1136/bmj.n71"
    )
    assert_accessible(page)

    # The audience: the public, reading level 7.
    page.get_by_role("link", name="Describe an audience").click()
    expect(heading(page)).to_have_text("Describe an audience")
    assert_accessible(page)
    page.get_by_label("Patients and the public").check()
    page.get_by_label("Name", exact=True).fill(AUDIENCE)
    page.get_by_label("What they need to decide").fill("Whether to book screening")
    page.get_by_label("Target reading level").fill("7")
    page.get_by_role("button", name="Save audience").click()
    expect(success(page)).to_contain_text("Audience saved.")
    audiences = page.get_by_role("table", name="Audiences")
    expect(audiences.locator("tbody tr")).to_have_count(1)
    expect(audiences.locator("tbody tr")).to_contain_text(AUDIENCE)
    expect(audiences.locator("tbody tr")).to_contain_text("Grade 7")
    assert_accessible(page)
    shot(page, "home-member")

    # A policy brief from the finding.
    page.get_by_role("button", name="Write an output").click()
    expect(heading(page)).to_have_text("Write an output")
    assert_accessible(page)
    page.get_by_label("Policy brief").check()
    page.get_by_label("Audience").select_option(label=AUDIENCE)
    page.get_by_label(STATEMENT[:80]).check()
    page.get_by_label("Title").fill(TITLE)
    page.get_by_role("button", name="Start the draft").click()
    output = Output.objects.get()
    expect(page).to_have_url(url_of(live_server, f"/projects/{project.pk}/outputs/{output.pk}/edit/"))
    expect(success(page)).to_contain_text("Draft started from the policy brief template.")
    expect(heading(page)).to_have_text("Edit policy brief")
    expect(page.get_by_label("Key messages", exact=True)).to_have_value(f"- {PLAIN}")
    expect(page.get_by_label("About this research", exact=True)).to_contain_text("Contact: Lee Lead")
    assert_accessible(page)

    # A long sentence full of jargon: the panel, updated as the user types, says it is too hard and why.
    # The panel is replaced on each update; a status region that stays put tells screen readers the verdict.
    page.evaluate("window.notReloaded = true; document.getElementById('readability-status').kept = true")
    issue = page.get_by_label("The issue", exact=True)
    issue.fill(HARD)
    expect(panel(page).locator(".nhsuk-tag")).to_have_text("Too hard for this audience")
    fix = panel(page).locator(".app-fixes > li", has_text="The implementation of the community-based")
    expect(fix.locator("q")).to_have_text(HARD)
    expect(fix).to_contain_text("long: 33 words; aim for under 25")
    expect(fix).to_contain_text("“heterogeneity”: try “differences between studies”")
    expect(fix).to_contain_text("“intervention”: try “treatment, service or programme”")
    expect(fix).to_contain_text("In “The issue”:")
    # Under the section's own text box, the sentence is marked, with its reasons written beside it.
    marked = issue.locator("xpath=ancestor::fieldset[1]").locator(".app-marks")
    expect(marked.locator(".app-marks__title")).to_have_text("1 sentence to fix in “The issue”")
    expect(marked.locator("mark")).to_have_text(HARD)
    expect(marked.locator(".app-mark-reason")).to_contain_text("long: 33 words")
    hard_grade = grade(page)
    assert hard_grade > 7
    status = page.get_by_role("status")
    expect(status).to_have_text(
        re.compile(
            rf"^Readability: too hard for this audience, reading level {hard_grade} "
            r"against a target of 7; \d+ sentences? to look at\.$"
        )
    )
    assert_accessible(page)
    shot(page, "editor-too-hard")
    if SCREENSHOTS:
        panel(page).screenshot(path=str(Path(SCREENSHOTS) / "panel.png"))

    # Plain words: the panel changes and the grade falls.
    issue.fill(EASY)
    expect(panel(page).locator(".nhsuk-tag")).to_have_text("Right for this audience")
    expect(panel(page)).not_to_contain_text("heterogeneity")
    easy_grade = grade(page)
    assert easy_grade <= 7 < hard_grade
    expect(status).to_contain_text("Readability: right for this audience")
    assert page.evaluate("window.notReloaded === true"), "the readability check reloaded the page"
    assert page.evaluate("document.getElementById('readability-status').kept === true"), "the status was replaced"
    assert_accessible(page)
    page.get_by_role("button", name="Save", exact=True).click()

    expect(page).to_have_url(url_of(live_server, f"/projects/{project.pk}/outputs/{output.pk}/"))
    expect(success(page)).to_contain_text("Saved as a new version.")
    expect(heading(page)).to_have_text(TITLE)
    expect(page.locator("main")).to_contain_text("Draft Version 2")
    expect(page.get_by_role("article", name="The output")).to_contain_text(EASY)
    expect(panel(page).locator(".nhsuk-tag")).to_have_text("Right for this audience")
    assert_accessible(page)
    output.refresh_from_db()
    assert output.version == 2 and output.sections.get(heading="The issue").body == EASY


def test_review_approve_publish_compare_and_export(page, browser, live_server, member, lead, project):
    output = draft(project, lead, lead=lead)
    added = "Women said the faith centre felt safe."
    sections = {s.heading: s for s in output.sections.all()}
    services.save_output(
        output=output,
        expected_version=2,
        title=TITLE,
        by=lead,
        bodies={sections["Recommendations"].pk: ("Recommendations", sections["Recommendations"].body + "\n\n" + added)},
    )
    url = f"{base(live_server, project)}{output.pk}/"

    # The lead, who wrote it, sends it for review naming a member; no one can approve it on the output page.
    sign_in(page, live_server, lead)
    page.goto(url)
    expect(page.locator("main")).to_contain_text("Draft Version 3")
    expect(page.get_by_role("button", name="Approve")).to_have_count(0)
    page.get_by_role("button", name="Send for review").click()  # a link drawn as a button
    expect(heading(page)).to_have_text("Send for review")
    expect(page.get_by_label(lead.full_name)).to_have_count(0)  # an author is not offered as a reviewer
    page.get_by_role("button", name="Send for review").click()
    expect(page.locator(".nhsuk-error-summary")).to_contain_text("Select at least one reviewer")
    assert_accessible(page)
    page.get_by_label(member.full_name).check()
    page.get_by_label("Note to the reviewers (optional)").fill("Is the second paragraph clear?")
    page.get_by_role("button", name="Send for review").click()
    expect(success(page)).to_contain_text(f"Sent for review to {member.full_name}")
    expect(page.locator("main .nhsuk-tag--yellow", has_text="In review")).to_be_visible()
    assert_accessible(page)
    # The member is told by email, with a link to the review page.
    assert [m.to for m in mail.outbox] == [[member.email]]
    link = re.search(r"https?://\S+/reviews/\d+/", mail.outbox[0].body).group(0)
    review_url = live_server.url + "/" + link.split("/", 3)[3]

    # The lead, an author, is refused on the review page: no decision buttons for her.
    page.goto(review_url)
    expect(page.locator("main")).to_contain_text("You are an author of this output")
    expect(page.get_by_role("button", name="Approve")).to_have_count(0)

    # The member follows the link, comments on a section and approves.
    with another_page(browser, live_server) as other:
        sign_in(other, live_server, member)
        other.goto(review_url)
        expect(heading(other)).to_have_text(TITLE)
        expect(other.locator("main")).to_contain_text("Is the second paragraph clear?")
        other.get_by_role("button", name="Add comment").click()
        expect(other.locator(".nhsuk-error-summary")).to_contain_text("Enter your comment")
        expect(other).to_have_title(re.compile(r"^Error: "))
        assert_accessible(other)
        other.get_by_label("Which part is it about?").select_option(label="Recommendations")
        other.get_by_label("Comment").fill("Clear and short. Approved for the community newsletter.")
        other.get_by_role("button", name="Add comment").click()
        expect(success(other)).to_contain_text("Comment added.")
        about = other.get_by_role("heading", name="Recommendations").locator("xpath=following-sibling::ul[1]/li")
        expect(about).to_contain_text("Mo Member, on version 3")
        other.get_by_role("button", name="Approve").click()
        expect(success(other)).to_contain_text("Your decision is recorded: approved.")
        expect(other.locator("main .nhsuk-tag--green", has_text="Approved")).to_be_visible()
        assert_accessible(other)
        shot(other, "review")

    # The lead publishes.
    page.goto(url)
    comment = page.get_by_role("heading", name="Review comments").locator("xpath=following-sibling::ul[1]/li")
    expect(comment).to_contain_text("about “Recommendations”")
    expect(comment).to_contain_text("Clear and short. Approved for the community newsletter.")
    page.get_by_role("button", name="Publish").click()
    expect(success(page)).to_contain_text("The output is now published.")
    expect(page.locator("main .nhsuk-tag--green", has_text="Published")).to_be_visible()
    expect(page.get_by_role("link", name="Edit", exact=True)).to_have_count(0)
    expect(page.get_by_role("button", name="Send for review")).to_have_count(0)
    expect(page.get_by_role("button", name="Start a new draft")).to_be_visible()
    assert_accessible(page)
    shot(page, "output")
    assert Output.objects.get(pk=output.pk).status == Status.PUBLISHED
    page.goto(url + "edit/")
    expect(page).to_have_url(url_of(live_server, f"/projects/{project.pk}/outputs/{output.pk}/"))
    expect(page.locator(".nhsuk-notification-banner")).to_contain_text("A published output cannot change.")
    assert_accessible(page)

    # Versions: the form offers the latest change, 2 to 3, first.
    page.get_by_role("link", name="Versions").click()
    expect(heading(page)).to_have_text("Versions")
    expect(page.locator("main .nhsuk-list li")).to_have_count(3)
    expect(page.get_by_label("Earlier version")).to_have_value("2")
    expect(page.get_by_label("Later version")).to_have_value("3")
    assert_accessible(page)
    page.get_by_role("button", name="Compare").click()
    expect(page.get_by_role("heading", name="From version 2 to version 3")).to_be_visible()
    recommendations = page.get_by_role("heading", name="Recommendations", exact=True).locator(
        "xpath=following-sibling::p[1]"
    )
    expect(recommendations.locator("ins")).to_have_text([added])
    expect(page.get_by_role("heading", name="The issue (no change)")).to_be_visible()
    expect(page.get_by_role("heading", name="Title (no change)")).to_be_visible()
    assert_accessible(page)

    # 1 (as assembled) and 2 (the hard text): the inserted words marked, the removed ones struck through.
    page.get_by_label("Earlier version").select_option("1")
    page.get_by_label("Later version").select_option("2")
    page.get_by_role("button", name="Compare").click()
    expect(page).to_have_url(re.compile(r"\?a=1&b=2$"))
    expect(page.get_by_role("heading", name="From version 1 to version 2")).to_be_visible()
    issue = page.get_by_role("heading", name="The issue").locator("xpath=following-sibling::p[1]")
    expect(issue.locator("ins").first).to_have_text("The implementation of")
    expect(issue.locator("ins").last).to_contain_text("heterogeneity between participating localities.")
    expect(issue.locator("del").first).to_have_text("Describe")
    expect(issue).to_contain_text("why it matters now.")
    # Screen readers are told where each change starts and ends (<ins> and <del> alone are silent in most).
    spoken = " ".join(issue.aria_snapshot().split())
    assert 'deletion: "[removed: Describe ]" - insertion: "[added: The implementation of ]"' in spoken, spoken
    expect(page.get_by_role("heading", name="Key messages (no change)")).to_be_visible()
    assert_accessible(page)
    shot(page, "versions")

    # Exports: PDF and DOCX download, and hold the text that was written.
    page.get_by_role("link", name="Back to the output").click()
    files = {}
    for name in ("PDF", "Word (DOCX)"):
        with page.expect_download() as info:
            page.get_by_role("link", name=name, exact=True).click()
        download = info.value
        assert download.failure() is None, name
        files[name] = (download.suggested_filename, Path(download.path()).read_bytes())
    assert files["PDF"][0] == "screening-in-places-women-trust.pdf"
    assert files["Word (DOCX)"][0] == "screening-in-places-women-trust.docx"
    pdf = PdfReader(io.BytesIO(files["PDF"][1]))
    pdf_text = " ".join(" ".join((p.extract_text() or "").split()) for p in pdf.pages)
    for text in (TITLE, "The issue", HARD, added, PLAIN):
        assert text in pdf_text, text
    if SCREENSHOTS:
        (Path(SCREENSHOTS) / "output.pdf").write_bytes(files["PDF"][1])
    docx = Document(io.BytesIO(files["Word (DOCX)"][1]))
    paragraphs = [p.text for p in docx.paragraphs]
    for text in (TITLE, "The issue", HARD, added, PLAIN):
        assert text in paragraphs, text
    assert docx.core_properties.title == TITLE

    # The accessible web page opens in the browser.
    page.get_by_role("link", name="Accessible web page").click()
    expect(page).to_have_url(url_of(live_server, f"/projects/{project.pk}/outputs/{output.pk}/export.html"))
    expect(heading(page)).to_have_text(TITLE)
    expect(page.get_by_role("heading", level=2, name="The issue")).to_be_visible()
    expect(page.locator("main")).to_contain_text(HARD)
    expect(page.locator("main")).to_contain_text(added)
    # The page forbids scripts (Content-Security-Policy), so axe goes in through the DevTools protocol.
    load_axe(page)
    assert_accessible(page)


def test_record_who_it_was_sent_to(page, live_server, member, project):
    output = draft(project, member, body=EASY)
    group = "Luton Women's Health Forum"
    add_stakeholder(project=project, by=member, group_name=group)
    sign_in(page, live_server, member)
    page.goto(f"{base(live_server, project)}{output.pk}/")
    expect(page.locator("main")).to_contain_text("Not recorded as sent to anyone yet.")
    page.get_by_role("link", name="Record who it was sent to").click()
    expect(heading(page)).to_have_text("Record who it was sent to")
    assert_accessible(page)

    page.get_by_label(group).check()
    page.get_by_label("Day").fill("31")
    page.get_by_label("Month").fill("2")
    page.get_by_label("Year").fill("2026")
    page.get_by_label("Channel").fill("email")
    page.get_by_role("button", name="Record").click()
    summary = page.locator(".nhsuk-error-summary")
    expect(summary).to_contain_text("Enter a real date, for example 27 3 2026")
    expect(page).to_have_title(re.compile("^Error: "))
    expect(page.get_by_label(group)).to_be_checked()
    assert_accessible(page)
    summary.get_by_role("link").first.click()
    expect(page.get_by_label("Day")).to_be_focused()

    page.get_by_label("Day").fill("27")
    page.get_by_label("Month").fill("3")
    page.get_by_role("button", name="Record").click()
    expect(page).to_have_url(url_of(live_server, f"/projects/{project.pk}/outputs/{output.pk}/"))
    expect(success(page)).to_contain_text("Recorded. It now shows on those stakeholders' timelines.")
    sent = page.get_by_role("heading", name="Sent to").locator("xpath=following-sibling::ul[1]/li")
    expect(sent).to_have_text(f"27 March 2026 by email: {group}")
    assert_accessible(page)


def test_viewer_reads_without_edit_controls_and_the_glossary(page, browser, live_server, viewer, adviser, project):
    output = draft(project, None, body=EASY)
    sign_in(page, live_server, viewer)
    page.goto(base(live_server, project))
    expect(page.get_by_role("link", name=TITLE)).to_be_visible()
    main = page.locator("main")
    expect(main.get_by_role("button", name="Write an output")).to_have_count(0)
    expect(main.get_by_role("link", name="Add a finding")).to_have_count(0)
    expect(main.get_by_role("link", name="Describe an audience")).to_have_count(0)
    expect(main.get_by_role("link", name=re.compile("^Edit"))).to_have_count(0)
    expect(main.get_by_role("link", name=AUDIENCE)).to_have_count(0)
    expect(main).to_contain_text(AUDIENCE)
    assert_accessible(page)
    shot(page, "home-viewer")

    page.get_by_role("link", name=TITLE).click()
    expect(heading(page)).to_have_text(TITLE)
    expect(main.get_by_role("link", name="Edit", exact=True)).to_have_count(0)
    expect(main.get_by_role("button")).to_have_count(0)
    expect(main.locator("form")).to_have_count(0)
    expect(main.get_by_role("link", name="Record who it was sent to")).to_have_count(0)
    expect(main.get_by_role("link", name="PDF", exact=True)).to_be_visible()
    expect(panel(page).locator(".nhsuk-tag")).to_have_text("Right for this audience")
    assert_accessible(page)
    for path in (f"{output.pk}/edit/", f"{output.pk}/send/", "findings/new/", "new/"):
        assert page.goto(base(live_server, project) + path).status == 404, path

    page.goto(f"{live_server.url}/glossary/")
    expect(heading(page)).to_have_text("Plain-English glossary")
    expect(page.get_by_role("table", name="Terms and plain alternatives").locator("tbody tr")).to_have_count(
        GlossaryTerm.objects.count()
    )
    expect(page.get_by_role("button", name="Add to the glossary")).to_have_count(0)
    expect(page.get_by_role("button", name=re.compile("^Remove"))).to_have_count(0)
    assert_accessible(page)

    with another_page(browser, live_server) as other:
        sign_in(other, live_server, adviser)
        other.goto(f"{live_server.url}/glossary/")
        expect(heading(other)).to_have_text("Plain-English glossary")
        assert_accessible(other)
        other.get_by_label("Term").fill("Uptake")
        other.get_by_label("Plain alternative").fill("take-up")
        other.get_by_role("button", name="Add to the glossary").click()
        expect(other.locator(".nhsuk-error-summary")).to_contain_text("“Uptake” is already in the glossary")
        expect(other).to_have_title(re.compile("^Error: "))
        expect(other.locator(".nhsuk-form-group--error .nhsuk-error-message")).to_contain_text(
            "“Uptake” is already in the glossary"
        )
        expect(other.get_by_label("Plain alternative")).to_have_value("take-up")
        assert_accessible(other)
        shot(other, "glossary-error")
        other.locator(".nhsuk-error-summary").get_by_role("link").click()
        expect(other.get_by_label("Term")).to_be_focused()
        other.get_by_label("Term").fill("pathway")
        other.get_by_label("Plain alternative").fill("route through care")
        other.get_by_role("button", name="Add to the glossary").click()
        expect(success(other)).to_contain_text("“pathway” added.")
        row = other.locator("tbody tr", has_text="pathway")
        expect(row).to_contain_text("route through care")
        assert_accessible(other)
        row.get_by_role("button", name="Remove pathway").click()
        expect(other.locator("tbody tr", has_text="pathway")).to_have_count(0)
    assert not GlossaryTerm.objects.filter(term="pathway").exists()


def test_save_and_check_readability_without_javascript(browser, live_server, member, project):
    output = draft(project, member, body=EASY)
    edit = f"/projects/{project.pk}/outputs/{output.pk}/edit/"
    with another_page(browser, live_server, java_script_enabled=False) as page:
        # Straight to the editor, not by the dashboard: without JavaScript, leaving the dashboard while it loads
        # now and then fetches nhsuk-frontend's search icon from /assets/images/, which 404s (a known bug).
        page.goto(f"{live_server.url}/sign-in/?next={edit}")
        page.fill("#id_username", member.email)
        page.fill("#id_password", PASSWORD)
        page.get_by_role("button", name="Sign in").click()
        expect(page).to_have_url(url_of(live_server, edit))
        expect(heading(page)).to_have_text("Edit policy brief")
        expect(panel(page).locator(".nhsuk-tag")).to_have_text("Right for this audience")
        easy_grade = grade(page)
        assert_accessible_as_served(page, browser, live_server)
        page.get_by_label("The issue", exact=True).fill(HARD)
        page.wait_for_timeout(900)  # longer than htmx's delay: nothing may post the text without JavaScript
        expect(panel(page).locator(".nhsuk-tag")).to_have_text("Right for this audience")
        page.get_by_role("button", name="Save and check readability").click()
        expect(success(page)).to_contain_text("Saved as a new version.")
        expect(page).to_have_url(url_of(live_server, edit))
        expect(panel(page).locator(".nhsuk-tag")).to_have_text("Too hard for this audience")
        expect(panel(page).locator(".app-fixes q", has_text="The implementation of")).to_have_text(HARD)
        assert grade(page) > easy_grade
        expect(page.get_by_label("The issue", exact=True)).to_have_value(HARD)
        assert_accessible_as_served(page, browser, live_server)
    assert Output.objects.get(pk=output.pk).version == 3
    assert Audience.objects.get().target_grade == 7
