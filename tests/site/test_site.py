"""The public home and privacy notice: open to all, in plain English, and the dashboard once signed in."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from mobilise.core.models import SiteSettings
from mobilise.events.models import EventStatus
from mobilise.outputs.readability import analyse
from mobilise.site.content import CONSIDERATIONS, OFFERS

from ..factories import EventFactory
from ..permissions import PUBLIC, Url, check_every_persona, names_in
from ..queries import assert_max_queries

URLS = [
    Url("dashboard", (), PUBLIC),  # the dashboard once signed in, the public home before
    Url("about", (), PUBLIC),
    Url("privacy", (), PUBLIC),
]


@pytest.fixture
def objects(db):
    return {}


@pytest.mark.parametrize("url", URLS, ids=str)
def test_url_by_persona(request, objects, url):
    check_every_persona(url, objects, request)


def test_the_table_has_every_url():
    assert names_in("mobilise.site.urls") == {url.name for url in URLS}


def test_a_visitor_meets_the_organisation_and_a_way_to_ask_for_support(client, db):
    SiteSettings.objects.update_or_create(pk=1, defaults={"name": "Vale KMb Hub", "region": "the Vale"})
    page = client.get(reverse("dashboard")).content.decode()
    assert "Vale KMb Hub" in page and "the Vale" in page
    assert reverse("support:request-form") in page and reverse("privacy") in page
    for title, _means, _helps in CONSIDERATIONS:
        assert title in page
    assert "Sign in" in page


def test_the_home_page_shows_the_next_three_webinars_in_constant_queries(client, db):
    soon = timezone.now() + timedelta(days=3)
    EventFactory(title="A draft nobody may see", status=EventStatus.DRAFT, start=soon)
    EventFactory(title="A cancelled webinar", status=EventStatus.CANCELLED, start=soon)
    EventFactory(title="A webinar already held", start=timezone.now() - timedelta(days=3))
    with assert_max_queries(6):
        client.get(reverse("dashboard"))
    for n in range(5):
        EventFactory(title=f"Webinar number {n}", start=soon + timedelta(days=n))
    with assert_max_queries(6):
        page = client.get(reverse("dashboard")).content.decode()
    assert [f"Webinar number {n}" in page for n in range(5)] == [True, True, True, False, False]
    assert "draft nobody" not in page and "cancelled" not in page and "already held" not in page
    assert reverse("events:programme") in page


def test_signed_in_people_keep_their_dashboard_and_can_reach_the_public_home(client, lead):
    client.force_login(lead)
    dashboard = client.get(reverse("dashboard")).content.decode()
    assert "<h1>Projects</h1>" in dashboard and "Ask us for support" not in dashboard
    assert reverse("about") in dashboard
    assert "Ask us for support" in client.get(reverse("about")).content.decode()


def test_the_privacy_notice_is_the_administrators_text(client, db):
    SiteSettings.objects.update_or_create(pk=1, defaults={"privacy_notice": "First part.\n\nSecond part."})
    page = client.get(reverse("privacy")).content.decode()
    assert "<p>First part.</p>" in page and "<p>Second part.</p>" in page


def test_the_public_words_read_at_about_ninth_grade():
    texts = [text for pair in OFFERS for text in pair] + [text for triple in CONSIDERATIONS for text in triple]
    site = SiteSettings()  # the defaults an organisation starts from
    texts += [site.description, site.privacy_notice]
    result = analyse(" ".join(t if t.endswith(".") else t + "." for t in texts), target_grade=9)
    assert result["grade"] <= 9, result["fixes"]
