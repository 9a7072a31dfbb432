"""The demo library: TOGETHER-Screen in the issue's shape and five more across themes and regions, all public and
approved by a second adviser, the quote shown with its consent."""

from io import StringIO

import pytest
from django.core.management import call_command

from mobilise.core import reviews
from mobilise.library import presenting, services
from mobilise.library.models import CaseStudy, Status, Support


@pytest.mark.django_db
def test_the_demo_library(client):
    call_command("demo", stdout=StringIO())
    entries = CaseStudy.objects.all()
    assert entries.count() == 6
    assert set(entries.values_list("status", flat=True)) == {Status.PUBLISHED, Status.ARCHIVED}
    assert len(set(entries.values_list("region", flat=True))) == 6
    assert all(reviews.is_approved(e) for e in entries)
    screening = CaseStudy.objects.get(title__startswith="TOGETHER-Screen")
    assert services.supports_of(screening) == {Support.LOGIC_MODEL, Support.PATHWAYS, Support.WORKSHOP}
    assert "commissioning workshop with system partners" in screening.what_we_did
    assert "dialogue" in screening.outcome and "feasibility study" in screening.outcome
    assert presenting.testimonial(screening)["by"].startswith("Dr Aisha Rahman")
    assert screening.claims.count() == 2
    page = client.get(f"/case-studies/{screening.slug}/").content.decode()
    assert "Dr Aisha Rahman" in page and "Documented" in page
    library = client.get("/case-studies/").content.decode()
    assert "5 case studies" in library
