"""A feedback form can belong to a workshop: its QR code is on the workshop page, for the room (issue 13).
Feedback forms live in evaluation, above engagement: engagement shows them through its FEEDBACK hook."""

import ast
import base64
import datetime
import re
from pathlib import Path

from django.urls import reverse
from django.utils import timezone

from mobilise.core import links
from mobilise.documents.qr import qr_svg
from mobilise.engagement import services
from mobilise.engagement.feedback import FEEDBACK
from mobilise.evaluation.models import FeedbackForm

from ..factories import WorkshopFactory


def make_workshop(project):
    start = timezone.now() + datetime.timedelta(days=5)
    return services.create_workshop(
        project=project, title="Commissioning workshop", purpose="P", starts=start, ends=start, place="Hall"
    )


def test_build_a_feedback_form_for_the_workshop_and_show_its_qr_code(as_user, project, lead):
    w = make_workshop(project)
    client = as_user(lead)
    page = client.get(reverse("engagement:workshop", args=[project.pk, w.pk])).content.decode()
    add = reverse("evaluation:form-new", args=[project.pk]) + f"?workshop={w.pk}"
    assert "No feedback form for this workshop yet" in page and add in page
    form_page = client.get(add).content.decode()
    assert re.search(rf'<option value="{w.pk}" selected\s*>Commissioning workshop</option>', form_page)
    elsewhere = WorkshopFactory()  # another project's workshop cannot be chosen
    refused = client.post(
        reverse("evaluation:form-new", args=[project.pk]), {"title": "How was it?", "workshop": elsewhere.pk}
    )
    assert refused.status_code == 200 and not FeedbackForm.objects.exists()
    client.post(
        reverse("evaluation:form-new", args=[project.pk]),
        {"title": "How was today?", "workshop": w.pk, "is_open": "on", "one_per_browser": "on"},
    )
    feedback = FeedbackForm.objects.get()
    assert feedback.workshop == w
    page = client.get(reverse("engagement:workshop", args=[project.pk, w.pk])).content.decode()
    address = links.absolute_url(reverse("feedback", args=[feedback.token]))
    qr = "data:image/svg+xml;base64," + base64.b64encode(qr_svg(address)).decode()
    assert "How was today?" in page and address in page and f'src="{qr}"' in page
    assert 'alt="QR code that opens the feedback form “How was today?”"' in page
    svg = base64.b64decode(qr.split(",", 1)[1]).decode()
    assert svg.lstrip().startswith("<?xml") and "<svg" in svg and "<script" not in svg


def test_without_the_evaluation_app_the_workshop_page_has_no_feedback_section(as_user, project, lead):
    w = make_workshop(project)
    with FEEDBACK.temporarily():
        page = as_user(lead).get(reverse("engagement:workshop", args=[project.pk, w.pk])).content.decode()
    assert 'id="feedback"' not in page


def test_engagement_never_imports_evaluation():
    """Apps depend downward only: evaluation sits above engagement."""
    root = Path(__file__).resolve().parents[2] / "mobilise" / "engagement"
    for path in root.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            names = [node.module or ""] if isinstance(node, ast.ImportFrom) else []
            names += [a.name for a in node.names] if isinstance(node, ast.Import) else []
            assert not any("evaluation" in n for n in names), path


def test_the_workshop_pack_prints_the_qr_code(as_user, project, lead):
    import io

    from pypdf import PdfReader

    w = make_workshop(project)
    feedback = FeedbackForm.objects.create(project=project, title="How was today?", workshop=w)
    pdf = as_user(lead).get(reverse("engagement:workshop-export", args=[project.pk, w.pk, "pack", "pdf"]))
    reader = PdfReader(io.BytesIO(pdf.content))
    text = "".join(p.extract_text() for p in reader.pages)
    assert "Feedback" in text and "How was today?" in text
    assert reverse("feedback", args=[feedback.token]) in text.replace("\n", "")
    # The code is drawn as vectors, so it prints sharp, and tagged as a figure with its alt text (PDF/UA).
    assert "QR code that opens the feedback form How was today?" in alt_texts(
        reader.trailer["/Root"]["/StructTreeRoot"]
    )


def alt_texts(node):
    node = node.get_object()
    found = [str(node["/Alt"])] if "/Alt" in node else []
    kids = node.get("/K")
    for kid in kids if isinstance(kids, list) else [kids] if kids is not None else []:
        if hasattr(kid, "get_object") and hasattr(kid.get_object(), "get"):
            found += alt_texts(kid)
    return found
