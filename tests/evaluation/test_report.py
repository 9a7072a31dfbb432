"""The impact report (PDF, DOCX): what it holds, who may export it, and user text kept literal."""

import datetime
import io
from decimal import Decimal

import docx
import pypdf
import pytest
from django.urls import reverse

from mobilise.evaluation import services
from mobilise.evaluation.models import QuestionKind

from ..permissions import READ

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
    for answer in ("4", "5", "5"):
        services.record_response(form=form, answers={rating.pk: answer})
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
    return project


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
    ):
        assert expected in text, expected
    # Question, claim and learning, each as typed (lines may wrap anywhere, so compare without spaces).
    assert "".join(text.split()).count("".join(INJECTION.split())) == 3


def test_pdf_report_draws_each_chart_with_alt_text(as_user, evaluated, lead):
    pdf = report(as_user(lead), evaluated, "pdf")
    assert (
        b"Chart of Screening uptake: actual against target by period" in pdf
        or "Chart of Screening uptake".encode("utf-16-be") in pdf
    )
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
    shapes = document.inline_shapes
    assert len(shapes) == 1
    assert shapes[0]._inline.docPr.get("descr").startswith("Chart of Screening uptake")


def test_report_of_a_project_with_nothing_yet(as_user, project, lead):
    text = " ".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(report(as_user(lead), project, "pdf"))).pages)
    assert "No indicators defined." in text and "No claims of impact recorded." in text
    assert "Nothing in the learning log." in docx_text(report(as_user(lead), project, "docx"))


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
