"""Text stored before it was cleaned at the boundary (a vertical tab pasted from Word, a NUL) must not break any
export for everyone: the impact report and the workshop documents clean it on the way out."""

import datetime
import io

import docx
import pypdf
import pytest
from django.urls import reverse
from django.utils import timezone

from mobilise.engagement import services as engagement_services
from mobilise.evaluation import services

DIRTY = "Carers\x0bforum\x01 notes\x1f"  # no NUL: PostgreSQL cannot store one, forms refuse it


@pytest.fixture
def dirty(project, indicator):
    services.save_question(
        project=project, focus="whom", text=DIRTY, methods=DIRTY, data_sources="Logs", timing="Month 18"
    )
    indicator.definition = DIRTY
    indicator.save()
    workshop = engagement_services.create_workshop(
        project=project,
        title=f"Workshop {DIRTY}",
        purpose=DIRTY,
        starts=timezone.now(),
        ends=timezone.now() + datetime.timedelta(hours=2),
        place=DIRTY,
        summary=DIRTY,
    )
    engagement_services.add_agenda_item(workshop=workshop, title=DIRTY, owner="Dr Lee")
    return workshop


def _text(response, fmt):
    assert response.status_code == 200, response.status_code
    if fmt == "pdf":
        return "".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(response.content)).pages)
    document = docx.Document(io.BytesIO(response.content))
    return "\n".join(p.text for p in document.paragraphs) + "\n".join(
        cell.text for table in document.tables for row in table.rows for cell in row.cells
    )


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_impact_report_and_workshop_documents_survive_stored_control_characters(as_user, project, lead, dirty, fmt):
    client = as_user(lead)
    report = _text(client.get(reverse("evaluation:report", args=[project.pk, fmt])), fmt)
    assert "Carers" in report and "forum" in report
    for kind in ("pack", "report"):
        url = reverse("engagement:workshop-export", args=[project.pk, dirty.pk, kind, fmt])
        assert "Carers" in _text(client.get(url), fmt)


def test_workshop_pack_and_report_declare_pdf_ua(as_user, project, lead, dirty):
    client = as_user(lead)
    for kind in ("pack", "report"):
        pdf = client.get(reverse("engagement:workshop-export", args=[project.pk, dirty.pk, kind, "pdf"])).content
        assert b"pdfuaid" in pdf  # PDF/UA-1 identification in the metadata
        assert b"/DisplayDocTitle true" in pdf
