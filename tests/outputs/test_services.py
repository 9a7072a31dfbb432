import datetime
import io

import docx
import pypdf
import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from mobilise.core import reviews
from mobilise.core.models import Decision
from mobilise.core.versioning import StaleEdit
from mobilise.documents import output_doc
from mobilise.documents.text import blocks
from mobilise.outputs import readability, services
from mobilise.outputs.models import AudienceKind, Certainty, Finding, Kind, Status, validate_sources
from mobilise.outputs.views import _compare
from mobilise.projects.models import Role

from ..factories import UserFactory

PLAIN = "We asked women what helps. They said sessions in their own language help. Many then booked a test."
HARD = (
    "The implementation of a multifaceted, culturally tailored intervention was evaluated utilising a "
    "longitudinal quasi-experimental design incorporating heterogeneous practice-level participation data "
    "and qualitative interviews with stakeholders across multiple organisational contexts."
)


def test_readability_figures_on_known_texts():
    easy = readability.analyse(PLAIN, target_grade=7)
    hard = readability.analyse(
        HARD,
        target_grade=7,
        glossary=[("intervention", "service"), ("utilising", "using"), ("longitudinal", "over time")],
    )
    assert easy["verdict"] == "meets" and easy["grade"] < 5 and easy["flesch"] > 80
    assert hard["verdict"] == "too_hard" and hard["grade"] > 20 and hard["flesch"] < 10
    reasons = hard["fixes"][0]["reasons"]
    assert any(r.startswith("long: 29 words") for r in reasons)
    assert "passive voice: say who does what" in reasons
    assert [t for t, _ in hard["jargon"]] == ["intervention", "longitudinal", "utilising"]
    assert readability.analyse("", target_grade=7)["verdict"] == "empty"


def test_jargon_matches_whole_words_only():
    report = readability.analyse(
        "Interventional radiology is different. The intervention works.",
        target_grade=9,
        glossary=[("intervention", "service")],
    )
    assert [f["sentence"] for f in report["fixes"]] == ["The intervention works."]


def test_simplifying_text_lowers_the_grade():
    before = readability.analyse(HARD, target_grade=8)
    after = readability.analyse(
        "We tested a new service in 40 GP practices. We talked to women who used it.", target_grade=8
    )
    assert after["grade"] < before["grade"] and after["verdict"] == "meets"


def test_bullets_become_blocks():
    assert blocks("Intro\n- one\n- two\n\nLast") == [
        {"type": "p", "text": "Intro"},
        {"type": "ul", "items": ["one", "two"]},
        {"type": "p", "text": "Last"},
    ]


def test_doi_lines_are_checked():
    validate_sources("10.1136/bmj.n71\nhttps://doi.org/10.1186/s13012-020-00999-1\nA report, 2024")
    with pytest.raises(ValidationError, match="Line 2 is not a valid DOI"):
        validate_sources("10.1136/bmj.n71\n10.12/x")


@pytest.fixture
def setup(project, lead):
    f1 = services.save_finding(
        project=project,
        statement="Uptake rose by 9 points.",
        certainty=Certainty.MODERATE,
        plain_statement="More women were screened.",
        for_commissioning="Fund the sessions.",
        for_practice="Refer women to sessions.",
    )
    f2 = services.save_finding(
        project=project,
        statement="Women valued their own language.",
        certainty=Certainty.HIGH,
        for_commissioning="Fund community venues.",
    )
    commissioners = services.save_audience(
        project=project, kind=AudienceKind.COMMISSIONERS, name="ICB board", target_grade=10
    )
    public = services.save_audience(
        project=project, kind=AudienceKind.PUBLIC, name="Women who took part", target_grade=7
    )
    return {"findings": [f1, f2], "commissioners": commissioners, "public": public}


def test_policy_brief_assembled_for_commissioners(project, lead, setup):
    brief = services.create_output(
        project=project,
        kind=Kind.POLICY_BRIEF,
        audience=setup["commissioners"],
        findings=setup["findings"],
        title="Brief",
        by=lead,
        lead=lead,
    )
    sections = {s.heading: s.body for s in brief.sections.all()}
    assert list(sections)[:2] == ["Key messages", "The issue"]
    assert "- Uptake rose by 9 points." in sections["Key messages"]
    assert "We are fairly confident in this finding." in sections["What we found"]
    assert sections["What this means for commissioners"] == "- Fund the sessions.\n- Fund community venues."
    assert lead.email in sections["About this research"]
    assert brief.versions.get().number == 1


def test_plain_summary_uses_plain_statements(project, lead, setup):
    summary = services.create_output(
        project=project,
        kind=Kind.PLAIN_SUMMARY,
        audience=setup["public"],
        findings=setup["findings"],
        title="Summary",
        by=lead,
    )
    found = summary.sections.get(heading="What we found").body
    assert "More women were screened." in found and "Uptake rose" not in found


def test_case_study_sections_and_consent_rule(project, lead, setup):
    case = services.create_output(
        project=project,
        kind=Kind.CASE_STUDY,
        audience=setup["commissioners"],
        findings=setup["findings"],
        title="Case",
        by=lead,
    )
    assert [s.heading for s in case.sections.all()][:3] == ["Summary", "What we did", "Outcome and impact"]
    case, _ = services.save_output(
        output=case,
        expected_version=1,
        title="Case",
        bodies={},
        by=lead,
        testimonial={
            "testimonial": "It changed my mind.",
            "testimonial_by": "A participant",
            "testimonial_consent": False,
            "testimonial_consent_date": None,
        },
    )
    approve(case, by=lead, reviewer=UserFactory())
    with pytest.raises(services.OutputError, match="consent"):
        services.transition(output=case, action="publish", by=lead, may_approve=True)


def approve(output, *, by, reviewer):
    """Send the output for review to `reviewer` (made a team member) and have them approve it."""
    if not output.project.memberships.filter(user=reviewer).exists():
        output.project.memberships.create(user=reviewer, role=Role.MEMBER)
    review = services.send_for_review(output=output, by=by, reviewers=[reviewer])
    reviews.decide(review=review, obj=output, by=reviewer, decision=Decision.APPROVED)
    output.refresh_from_db()
    return output


def test_workflow_rules(project, lead, member, adviser, setup):
    out = services.create_output(
        project=project,
        kind=Kind.KEY_MESSAGES,
        audience=setup["commissioners"],
        findings=setup["findings"],
        title="Messages",
        by=member,
    )
    with pytest.raises(services.OutputError, match="cannot be moved"):
        services.transition(output=out, action="publish", by=member, may_approve=True)
    review = services.send_for_review(output=out, by=member, reviewers=[lead])
    out.refresh_from_db()
    assert out.status == Status.IN_REVIEW
    with pytest.raises(reviews.ReviewError, match="author"):
        reviews.decide(review=review, obj=out, by=member, decision=Decision.APPROVED)
    reviews.decide(review=review, obj=out, by=lead, decision=Decision.APPROVED)
    out.refresh_from_db()
    assert out.status == Status.APPROVED
    section = out.sections.first()
    out, changed = services.save_output(
        output=out,
        expected_version=out.version,
        title="Messages",
        bodies={section.pk: (section.heading, "New words.")},
        by=member,
    )
    assert changed and out.status == Status.DRAFT and out.version == 2  # approval was for other words
    with pytest.raises(services.OutputError, match="cannot be moved"):
        services.transition(output=out, action="publish", by=lead, may_approve=True)
    out = approve(out, by=member, reviewer=adviser)
    with pytest.raises(services.OutputError, match="Only the project lead"):
        services.transition(output=out, action="publish", by=member, may_approve=False)
    out = services.transition(output=out, action="publish", by=lead, may_approve=True)
    with pytest.raises(services.OutputError, match="published output cannot change"):
        services.save_output(output=out, expected_version=out.version, title="x", bodies={}, by=lead)
    with pytest.raises(StaleEdit):
        out = services.transition(output=out, action="reopen", by=lead, may_approve=True)
        services.save_output(output=out, expected_version=1, title="x", bodies={}, by=lead)


def test_versions_compare_word_by_word(project, lead, setup):
    out = services.create_output(
        project=project,
        kind=Kind.NEWSLETTER,
        audience=setup["public"],
        findings=setup["findings"],
        title="News",
        by=lead,
    )
    section = out.sections.get(heading="The story")
    services.save_output(
        output=out,
        expected_version=1,
        title="News today",
        bodies={section.pk: ("The story", "Women were screened more often.")},
        by=lead,
    )
    v1, v2 = out.versions.get(number=1).data, out.versions.get(number=2).data
    changes = _compare(v1, v2)
    assert ("insert", "today") in changes["title"]
    story = next(s for s in changes["sections"] if s["heading"] == "The story")
    assert story["changed"]
    assert story["diff"][:3] == [("delete", "More women"), ("insert", "Women"), ("equal", "were")]
    assert story["diff"][-1] == ("insert", "screened more often.")
    unchanged = next(s for s in changes["sections"] if s["heading"] == "Headline")
    assert not unchanged["changed"]


INJECTION = '<script>alert(1)</script> #import "/etc/passwd" $x$ *bold* ] {{ 7*7 }}'


def _doc():
    return {
        "title": f"Brief {INJECTION}",
        "kind": "Policy brief",
        "audience": "ICB board",
        "project": "CASCADE",
        "date": "1 March 2026",
        "testimonial": {"quote": INJECTION, "by": "A participant"},
        "sections": [
            {"heading": "Key messages", "body": f"- Uptake rose by 9 points\n- {INJECTION}"},
            {"heading": "About", "body": "Paragraph one.\n\nParagraph two."},
        ],
    }


def test_pdf_holds_the_content_literally():
    pdf = pypdf.PdfReader(io.BytesIO(output_doc.output_pdf(_doc())))
    text = " ".join(" ".join(page.extract_text().split()) for page in pdf.pages)
    assert "Uptake rose by 9 points" in text and "Paragraph two." in text
    assert '#import "/etc/passwd"' in text and "<script>alert(1)</script>" in text and "*bold*" in text
    assert pdf.metadata.title.startswith("Brief")


def test_docx_holds_the_content_literally():
    document = docx.Document(io.BytesIO(output_doc.output_docx(_doc())))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Uptake rose by 9 points" in text and INJECTION in text
    assert document.core_properties.title.startswith("Brief")
    assert any(p.style.name == "List Bullet" for p in document.paragraphs)


def test_html_escapes_everything():
    html = output_doc.output_html(_doc())
    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert '<html lang="en-GB">' in html and "<main>" in html


def test_sent_outputs_show_on_the_stakeholder_timeline(project, lead, setup):
    from mobilise.stakeholders import services as map_services
    from mobilise.stakeholders import timeline

    icb = map_services.add_stakeholder(project=project, by=None, group_name="ICB board members")
    out = services.create_output(
        project=project,
        kind=Kind.POLICY_BRIEF,
        audience=setup["commissioners"],
        findings=setup["findings"],
        title="Brief for the board",
        by=lead,
    )
    services.record_sending(
        output=out, stakeholders=[icb], sent_on=datetime.date(2026, 3, 1), channel="Email", note="", by=lead
    )
    entries = timeline.entries(project, stakeholder=icb)
    assert [e.title for e in entries if e.kind == "output"] == ["Sent “Brief for the board”"]
    with pytest.raises(services.OutputError):
        services.record_sending(
            output=out, stakeholders=[], sent_on=datetime.date(2026, 3, 1), channel="", note="", by=lead
        )


def test_findings_keep_their_order(project):
    for n in range(3):
        services.save_finding(project=project, statement=f"F{n}", certainty=Certainty.LOW)
    assert list(Finding.objects.filter(project=project).values_list("statement", flat=True)) == ["F0", "F1", "F2"]


def test_brief_has_a_sources_section_and_pages_show_every_reference(as_user, project, lead, setup):
    finding = setup["findings"][0]
    finding.sources = "10.1136/bmj.m4087\nMereshire screening hub uptake data, 2023-2025"
    finding.save()
    brief = services.create_output(
        project=project,
        kind=Kind.POLICY_BRIEF,
        audience=setup["commissioners"],
        findings=[finding],
        title="Brief",
        by=lead,
        lead=lead,
    )
    sections = {s.heading: s.body for s in brief.sections.all()}
    assert sections["Sources"] == "- 10.1136/bmj.m4087\n- Mereshire screening hub uptake data, 2023-2025"
    assert list(sections)[-2:] == ["Sources", "About this research"]
    client = as_user(lead)
    for url in (reverse("outputs:home", args=[project.pk]), reverse("outputs:output", args=[project.pk, brief.pk])):
        page = client.get(url).content.decode()
        assert "Mereshire screening hub uptake data, 2023-2025" in page and "https://doi.org/10.1136/bmj.m4087" in page
    html = client.get(reverse("outputs:export", kwargs={"pk": project.pk, "output_pk": brief.pk, "fmt": "html"}))
    assert "Mereshire screening hub uptake data" in html.content.decode()


def test_new_output_message_keeps_the_product_name(as_user, project, lead, setup):
    client = as_user(lead)
    page = client.post(
        reverse("outputs:output-new", args=[project.pk]),
        {"kind": "plain_summary", "audience": setup["public"].pk, "findings": [setup["findings"][0].pk], "title": "S"},
        follow=True,
    ).content.decode()
    assert "Draft started from the plain-English summary template." in page
    assert "Edit plain-English summary" in page
