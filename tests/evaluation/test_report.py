"""The impact report (PDF, DOCX): what it holds, who may export it, and user text kept literal."""

import datetime
import io
from decimal import Decimal

import docx
import pypdf
import pytest
from django.urls import reverse

from mobilise.documents import impact_report
from mobilise.engagement.models import Interaction, Kind, Reply, Workshop
from mobilise.evaluation import report as report_data
from mobilise.evaluation import services
from mobilise.evaluation.models import QuestionKind
from mobilise.outputs import services as outputs_services
from mobilise.outputs.models import Dissemination
from mobilise.planning.models import Column, Element

from ..factories.engagement import InteractionFactory, InvitationFactory, WorkshopFactory
from ..factories.outputs import OutputFactory
from ..factories.stakeholders import StakeholderFactory
from ..permissions import READ
from ..queries import assert_max_queries

INJECTION = '#set page(width: 1cm) #panic("boom") $x$ *bold* ] #import "/etc/passwd"'


def squash(text):
    return " ".join(text.split())


@pytest.fixture
def evaluated(project, indicator, outcome, lead):
    """A little of everything the report brings together, with typst markup in the user's text."""
    services.save_question(
        project=project,
        focus="whom",
        text=f"For whom? {INJECTION}",
        methods="Interviews",
        data_sources="Session logs",
        timing="Month 18",
    )
    first, second = indicator.periods.all()
    services.set_actuals(period=first, values={("", ""): Decimal("63.5")})
    form = services.save_feedback_form(
        project=project, title="Workshop feedback", intro="", is_open=True, one_per_browser=False
    )
    rating = services.save_feedback_question(form=form, kind=QuestionKind.RATING, text="How useful was it?")
    change = services.save_feedback_question(form=form, kind=QuestionKind.TEXT, text="What would you change?")
    for answer, text in (("4", "Evening sessions"), ("5", f"Nothing {INJECTION}"), ("5", "")):
        services.record_response(form=form, answers={rating.pk: answer, change.pk: text})
    claim = services.save_claim(
        project=project,
        kind="commissioning",
        title=f"Commissioners act {INJECTION}",
        reach="One ICB",
        significance="A specification",
        date=datetime.date(2025, 6, 1),
        outcome=outcome,
    )
    services.add_evidence(
        claim=claim,
        by=lead,
        kind="email",
        title="Email from the lead",
        text="We will fund it.",
        source="Commissioning lead",
    )
    services.save_learning(
        project=project,
        date=datetime.date(2025, 1, 1),
        tried="Mornings",
        learned=f"Few came {INJECTION}",
        changed="Evenings",
    )
    engage(project, lead)
    return project


def engage(project, lead, n=0):
    """Outputs sent, a workshop and interactions: 22 stakeholders (`n` tells the names of another batch apart)."""
    forum = [StakeholderFactory(project=project, group_name=f"Forum {n}-{i:02}") for i in range(22)]
    brief = OutputFactory(project=project, title=f"Screening brief {n}")
    outputs_services.record_sending(
        output=brief, stakeholders=forum, sent_on=datetime.date(2025, 5, 2), channel="Email", note="", by=lead
    )
    outputs_services.record_sending(
        output=brief, stakeholders=forum[:1], sent_on=datetime.date(2025, 7, 9), channel="", note="", by=lead
    )
    workshop = WorkshopFactory(
        project=project,
        title=f"Commissioning workshop {n}",
        starts=datetime.datetime(2025, 4, 10, 10, tzinfo=datetime.UTC),
        ends=datetime.datetime(2025, 4, 10, 12, tzinfo=datetime.UTC),
        decisions="Fund two champions\n\nMeet again in June",
    )
    for i, (reply, attended) in enumerate(((Reply.ACCEPTED, True), (Reply.ACCEPTED, False), (Reply.DECLINED, None))):
        InvitationFactory(workshop=workshop, stakeholder=forum[i], reply=reply, attended=attended)
    for day, kind, who in ((3, Kind.MEETING, forum[:3]), (20, Kind.CALL, forum[2:5]), (28, Kind.MEETING, [])):
        InteractionFactory(project=project, date=datetime.date(2025, 3, day), kind=kind).stakeholders.set(who)


def report(client, project, fmt):
    response = client.get(reverse("evaluation:report", args=[project.pk, fmt]))
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    return response.content


def test_pdf_report_holds_every_part_and_keeps_markup_literal(as_user, evaluated, viewer):
    reader = pypdf.PdfReader(io.BytesIO(report(as_user(viewer), evaluated, "pdf")))
    text = squash(" ".join(page.extract_text() for page in reader.pages))
    assert reader.metadata.title == "Impact report: CASCADE"
    for expected in (
        "Evaluation questions",
        "Interviews",
        "Month 18",  # questions
        "Screening uptake",
        "58 % on 31 March 2023",
        "66 % (2024-25)",
        "63.5 % (2023-24)",
        "Met",
        "Period Target (%) Actual (%)",
        "2023-24 62 63.5",  # indicator, status and its data table
        "Workshop feedback",
        "3 responses",
        "average 4.7 out of 5",
        "5 2 67%",  # feedback counts
        "Commissioning decision",
        "1 June 2025",
        "More women screened",
        "Email: Email from the lead (Commissioning lead)",  # claim and its evidence
        "Learning log",
        "We tried: Mornings",
        "We changed: Evenings",
        "What would you change?",
        "Evening sessions",  # a free-text answer
        "Logic model",
        "Interactions logged: 3",
        "Stakeholders engaged: 5",
        "First interaction: 3 March 2025",
        "Latest interaction: 28 March 2025",
        "Kind of interaction Interactions Meeting 2 Call 1",
        "Workshop Date Invited Coming Attended Commissioning workshop 0 10 April 2025 3 2 1",
        "Decisions at Commissioning workshop 0 (10 April 2025)",
        "Fund two champions",
        "Meet again in June",
        "Outputs sent and to whom",
        "Screening brief 0 Policy brief 9 July 2025 Not recorded Forum 0-00",
        "2 May 2025 Email Forum 0-00, Forum 0-01",
        "Forum 0-19 and 2 others",
    ):
        assert expected in text, expected
    assert "Forum 0-20" not in text
    # Question, answer, claim and learning, each as typed (lines may wrap anywhere, so compare without spaces).
    assert "".join(text.split()).count("".join(INJECTION.split())) == 4
    # The logic model is drawn on a landscape first page when that draws it larger; the rest is portrait.
    first, second = reader.pages[0].mediabox, reader.pages[1].mediabox
    assert first.width > first.height and second.width < second.height


def test_pdf_report_draws_each_chart_with_alt_text(as_user, evaluated, lead):
    pdf = report(as_user(lead), evaluated, "pdf")
    for alt in ("Chart of Screening uptake: actual against target by period", "Logic model diagram with 1 element"):
        assert alt.encode() in pdf or alt.encode("utf-16-be") in pdf, alt
    assert b"pdfuaid" in pdf  # PDF/UA-1 identification in the metadata


def test_docx_report_holds_every_part_with_the_chart_and_its_table(as_user, evaluated, member):
    document = docx.Document(io.BytesIO(report(as_user(member), evaluated, "docx")))
    text = "\n".join(p.text for p in document.paragraphs)
    cells = [[c.text for c in row.cells] for table in document.tables for row in table.rows]
    assert document.core_properties.title == "Impact report: CASCADE"
    assert f"For whom? {INJECTION}" in " ".join(sum(cells, []))
    assert ["2023-24", "62", "63.5"] in cells and ["5", "2", "67%"] in cells
    assert f"Commissioners act {INJECTION}" in text and "Email: Email from the lead (Commissioning lead)" in text
    assert f"Few came {INJECTION}" in text
    assert f"Nothing {INJECTION}" in text and "Evening sessions" in text
    assert ["Meeting", "2"] in cells and ["Commissioning workshop 0", "10 April 2025", "3", "2", "1"] in cells
    assert "Decisions at Commissioning workshop 0 (10 April 2025)\nFund two champions\nMeet again in June" in text
    assert ["Screening brief 0 (Policy brief)", "9 July 2025", "Not recorded", "Forum 0-00"] in cells
    sent_to = [row[3] for row in cells if row[1] == "2 May 2025"]
    assert sent_to == [", ".join(f"Forum 0-{i:02}" for i in range(20)) + " and 2 others"]
    assert "Interactions logged: 3" in text and "Stakeholders engaged: 5" in text
    shapes = document.inline_shapes
    assert len(shapes) == 2
    assert shapes[0]._inline.docPr.get("descr").startswith("Logic model diagram with 1 element in 7 columns")
    assert shapes[1]._inline.docPr.get("descr").startswith("Chart of Screening uptake")
    assert document.sections[0].page_width > document.sections[0].page_height  # the diagram's landscape page
    assert document.sections[1].page_width < document.sections[1].page_height


def test_report_of_a_project_with_nothing_yet(as_user, project, lead):
    text = " ".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(report(as_user(lead), project, "pdf"))).pages)
    assert "No indicators defined." in text and "No claims of impact recorded." in text
    assert "No logic model yet." in text and "No workshops." in text and "No outputs sent yet." in text
    assert "Interactions logged: 0" in text and "First interaction: None yet" in text
    assert "Nothing in the learning log." in docx_text(report(as_user(lead), project, "docx"))


def test_report_caps_names_and_answers_and_leaves_out_a_large_model(project, lead, model):
    Element.objects.bulk_create(
        Element(model=model, column=Column.ACTIVITIES, text=f"Activity {i}", position=i) for i in range(151)
    )
    engage(project, lead)
    form = services.save_feedback_form(
        project=project, title="Exit survey", intro="", is_open=True, one_per_browser=False
    )
    question = services.save_feedback_question(form=form, kind=QuestionKind.TEXT, text="What helped?")
    for i in range(32):
        services.record_response(form=form, answers={question.pk: f"Answer {i}"})
    data = report_data.impact_report(project)
    note = "The logic model has 151 elements: too many to draw legibly here; see the logic model export."
    assert data["logic_model"] == {"model": None, "marked": [], "note": note}
    assert [s["to"] for s in data["sendings"]][1].endswith("Forum 0-19 and 2 others")
    answers = data["feedback"][0]["questions"][0]
    assert len(answers["texts"]) == 30 and answers["more"] == "And 2 more."
    document = docx.Document(io.BytesIO(impact_report.docx(data)))
    assert note in "\n".join(p.text for p in document.paragraphs) and not document.inline_shapes


def test_report_ticks_the_outcomes_with_evidence_and_says_what_produced_each_claim(project, outcome, lead):
    talk = InteractionFactory(project=project, subject="Board follow-up", date=datetime.date(2026, 2, 3))
    claim = services.save_claim(
        project=project,
        kind="policy",
        title="Guidance cites the brief",
        date=datetime.date(2026, 3, 1),
        outcome=outcome,
        activities={"interactions": [talk]},
    )
    assert report_data.impact_report(project)["logic_model"]["marked"] == []
    services.add_evidence(claim=claim, by=lead, kind="link", title="Guidance", url="https://example.org/g")
    data = report_data.impact_report(project)
    assert data["logic_model"]["marked"] == [str(outcome.key)]
    assert [e["text"] for e in data["logic_model"]["model"]["elements"]] == ["More women screened"]
    facts = dict(data["claims"][0]["facts"])
    assert facts["What produced it"] == "Interaction: Board follow-up (meeting), 3 February 2026 (No one recorded)"
    text = "".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(impact_report.pdf(data))).pages)
    assert "Board follow-up" in text


def test_report_reads_in_a_fixed_number_of_queries(evaluated, indicator, outcome, lead):
    counts = []
    for n in (1, 2, 3):
        engage(evaluated, lead, n)
        Element.objects.create(model=outcome.model, column=Column.MEDIUM, text=f"Outcome {n}")
        claim = services.save_claim(
            project=evaluated,
            kind="policy",
            title=f"Claim {n}",
            date=datetime.date(2025, 1, n),
            outcome=outcome,
            activities={
                "sendings": list(Dissemination.objects.filter(output__project=evaluated)),
                "workshops": list(Workshop.objects.filter(project=evaluated)),
                "interactions": list(Interaction.objects.filter(project=evaluated)),
            },
        )
        services.add_evidence(claim=claim, by=lead, kind="link", title=f"Link {n}", url="https://example.org")
        with assert_max_queries(30) as queries:  # 20, and 10 for what produced the claims (activities.linked)
            data = report_data.impact_report(evaluated)
        assert len(data["workshops"]) == n + 1 and len(data["sendings"]) == 2 * (n + 1)
        counts.append(len(queries))
    assert counts[0] == counts[1] == counts[2], counts


def docx_text(content):
    return "\n".join(p.text for p in docx.Document(io.BytesIO(content)).paragraphs)


@pytest.mark.parametrize("persona", list(READ))
def test_report_by_persona(request, as_user, evaluated, persona):
    client = as_user(request.getfixturevalue(persona))
    for fmt in ("pdf", "docx"):
        response = client.get(reverse("evaluation:report", args=[evaluated.pk, fmt]))
        assert response.status_code == READ[persona]
        if response.status_code == 404:
            assert b"Commissioners act" not in response.content
    home = client.get(reverse("evaluation:home", args=[evaluated.pk]))
    assert (reverse("evaluation:report", args=[evaluated.pk, "pdf"]).encode() in home.content) == (READ[persona] == 200)


def test_report_refuses_unknown_formats_and_anonymous(as_user, project, lead):
    assert as_user(lead).get(reverse("evaluation:report", args=[project.pk, "exe"])).status_code == 404
    assert as_user(None).get(reverse("evaluation:report", args=[project.pk, "pdf"])).status_code == 302


def test_a_tall_logic_model_is_drawn_on_a_portrait_first_page(as_user, project, lead, model):
    Element.objects.bulk_create(
        Element(model=model, column=column, text=f"Step {i} of the work", position=i)
        for i in range(30)
        for column in (Column.ACTIVITIES, Column.OUTPUTS)
    )
    pdf = report(as_user(lead), project, "pdf")
    first = pypdf.PdfReader(io.BytesIO(pdf)).pages[0]
    assert first.mediabox.width < first.mediabox.height
    assert "Step 29 of the" in first.extract_text()  # the whole diagram fits below the title
    alt = "Logic model diagram with 60 elements"
    assert alt.encode() in pdf or alt.encode("utf-16-be") in pdf
