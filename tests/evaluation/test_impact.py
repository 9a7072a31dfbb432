import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from mobilise.evaluation import services
from mobilise.evaluation.models import Evidence, ImpactClaim, Learning

from ..permissions import EDIT, READ
from ..queries import assert_max_queries


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def claim(project, outcome, lead):
    claim = services.save_claim(
        project=project,
        kind="commissioning",
        title="Commissioners discuss the pathway",
        reach="One ICB",
        significance="A specification was asked for",
        date=datetime.date(2025, 6, 1),
        outcome=outcome,
    )
    services.add_evidence(
        claim=claim,
        by=lead,
        kind="file",
        title="Board minutes",
        upload=SimpleUploadedFile("minutes.pdf", b"%PDF-1.4 minutes"),
        content_type="application/pdf",
    )
    return claim


@pytest.mark.parametrize("persona", list(READ))
def test_impact_pages_by_persona(request, as_user, project, claim, persona):
    client = as_user(request.getfixturevalue(persona))
    entry = services.save_learning(project=project, date=datetime.date(2025, 1, 1), tried="A", learned="B", changed="C")
    evidence = claim.evidence.get()
    for url in (
        reverse("evaluation:impact", args=[project.pk]),
        reverse("evaluation:claim", args=[project.pk, claim.pk]),
        reverse("evaluation:evidence-file", args=[project.pk, evidence.pk]),
    ):
        response = client.get(url)
        assert response.status_code == READ[persona], url
        if READ[persona] == 404:
            assert b"Commissioners discuss" not in response.content
    for url in (
        reverse("evaluation:claim-new", args=[project.pk]),
        reverse("evaluation:claim-edit", args=[project.pk, claim.pk]),
        reverse("evaluation:learning-new", args=[project.pk]),
        reverse("evaluation:learning", args=[project.pk, entry.pk]),
    ):
        assert client.get(url).status_code == EDIT[persona], url


def test_evidence_file_is_served_through_access(as_user, project, claim, viewer):
    evidence = claim.evidence.get()
    response = as_user(viewer).get(reverse("evaluation:evidence-file", args=[project.pk, evidence.pk]))
    assert b"".join(response.streaming_content) == b"%PDF-1.4 minutes"
    assert response["Content-Type"] == "application/pdf" and "attachment" in response["Content-Disposition"]
    assert as_user(None).get(reverse("evaluation:evidence-file", args=[project.pk, evidence.pk])).status_code == 302


@pytest.mark.parametrize("persona", ["viewer", "outsider"])
def test_impact_writes_refused(request, as_user, project, claim, persona):
    client = as_user(request.getfixturevalue(persona))
    url = reverse("evaluation:claim", args=[project.pk, claim.pk])
    assert client.post(url, {"delete": claim.evidence.get().pk}).status_code == 404
    assert (
        client.post(reverse("evaluation:claim-edit", args=[project.pk, claim.pk]), {"action": "delete"}).status_code
        == 404
    )
    assert Evidence.objects.count() == 1 and ImpactClaim.objects.count() == 1


def test_record_a_claim_with_evidence(as_user, project, member, outcome):
    client = as_user(member)
    r = client.post(
        reverse("evaluation:claim-new", args=[project.pk]),
        {
            "kind": "funding",
            "title": "Secured funding to adapt the intervention",
            "date[day]": "1",
            "date[month]": "9",
            "date[year]": "2025",
            "outcome": outcome.pk,
        },
    )
    claim = ImpactClaim.objects.get()
    url = reverse("evaluation:claim", args=[project.pk, claim.pk])
    assert r["Location"] == url
    bad = client.post(url, {"e-kind": "testimonial", "e-title": "Nurse", "e-text": "It works"}).content.decode()
    assert "There is a problem" in bad and "consent" in bad
    fake = SimpleUploadedFile("award.pdf", b"MZ not a pdf")
    assert (
        "not really a PDF" in client.post(url, {"e-kind": "file", "e-title": "Award", "e-file": fake}).content.decode()
    )
    assert "Enter the link" in client.post(url, {"e-kind": "link", "e-title": "Notice"}).content.decode()
    assert not Evidence.objects.exists()
    client.post(url, {"e-kind": "testimonial", "e-title": "Nurse", "e-text": "It works", "e-consent": "on"})
    client.post(url, {"e-kind": "link", "e-title": "Notice", "e-url": "https://example.org/award"})
    page = client.get(url).content.decode()
    assert "“It works”" in page and "https://example.org/award" in page
    r = client.post(
        reverse("evaluation:learning-new", args=[project.pk]),
        {
            "date[day]": "2",
            "date[month]": "2",
            "date[year]": "2025",
            "tried": "Morning sessions",
            "learned": "Few came",
            "changed": "Evenings",
        },
    )
    assert r.status_code == 302 and Learning.objects.get().changed == "Evenings"


def test_impact_page_query_count_stays_constant(as_user, project, member, outcome, lead):
    client = as_user(member)
    url = reverse("evaluation:impact", args=[project.pk])
    counts = []
    for n in range(2):
        claim = services.save_claim(
            project=project, kind="policy", title=f"Claim {n}", date=datetime.date(2025, 1, 1), outcome=outcome
        )
        services.add_evidence(claim=claim, by=lead, kind="link", title="Link", url="https://example.org")
        services.save_learning(project=project, date=datetime.date(2025, 1, 1), tried="a", learned="b")
        with assert_max_queries(6) as queries:
            assert client.get(url).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_a_testimonial_is_kept_only_with_consent_whether_added_or_changed(claim, lead):
    """The one check both evidence services make, on the evidence as it would be saved."""
    with pytest.raises(services.EvaluationError, match="consent to be quoted"):
        services.add_evidence(claim=claim, by=lead, kind="testimonial", title="A patient", text="It helped.")
    quote = services.add_evidence(
        claim=claim, by=lead, kind="testimonial", title="A patient", text="It helped.", consent=True
    )
    with pytest.raises(services.EvaluationError, match="consent to be quoted"):
        services.save_evidence(evidence=quote, consent=False)
    quote.refresh_from_db()
    assert quote.consent and claim.evidence.count() == 2
    services.save_evidence(evidence=quote, title="A carer")
    quote.refresh_from_db()
    assert quote.title == "A carer"
