"""The public library as a visitor meets it: facets (unknown values ignored with a message), paging, each case
study's page with its schema.org Article data, Open Graph tags, dates, change history and archive notice, its PDF,
and the Atom feed read by an independent parser. Query budgets for the list and a page."""

import datetime
import io
import json
import re

import feedparser
import pypdf
import pytest
from django.utils import timezone

from mobilise.library import access
from mobilise.library.models import Status

from ..factories import (
    ChangeNoteFactory,
    EvidenceFactory,
    ImpactClaimFactory,
    LibraryCaseStudyFactory,
    ProjectFactory,
    ThemeFactory,
)
from ..queries import assert_max_queries


@pytest.fixture
def entries(db):
    screening, frailty = ThemeFactory(name="Cancer screening"), ThemeFactory(name="Frailty")
    a = LibraryCaseStudyFactory(published=True, title="Screening in the community", region="london")
    a.themes.set([screening])
    b = LibraryCaseStudyFactory(
        published=True, title="Frailty at the front door", region="north_west", support_given=["grant_support"]
    )
    b.themes.set([frailty])
    LibraryCaseStudyFactory(title="A draft", region="london")
    return {"screening": screening, "frailty": frailty, "a": a, "b": b}


def titles(response):
    return re.findall(r'class="nhsuk-card__link"\s+href="[^"]+">([^<]+)</a>', response.content.decode())


def test_the_library_lists_published_case_studies_only(client, entries):
    response = client.get("/case-studies/")
    assert sorted(titles(response)) == ["Frailty at the front door", "Screening in the community"]


@pytest.mark.parametrize(
    "query, expected",
    [
        ({"region": "london"}, ["Screening in the community"]),
        ({"support": "grant_support"}, ["Frailty at the front door"]),
        ({"organisation": "commissioner"}, ["Frailty at the front door", "Screening in the community"]),
        ({"organisation": "media"}, []),
        ({"year": str(timezone.now().year - (timezone.now().month == 1))}, None),
    ],
)
def test_facets(client, entries, query, expected):
    found = sorted(titles(client.get("/case-studies/", query)))
    if expected is not None:
        assert found == expected


def test_the_support_facet_finds_each_case_study_once_and_counts_it_once(client, entries):
    LibraryCaseStudyFactory(
        published=True, title="Two kinds of support", region="london", support_given=["grant_support", "logic_model"]
    )
    LibraryCaseStudyFactory(title="A draft with grants", support_given=["grant_support"])
    response = client.get("/case-studies/", {"support": "grant_support"})
    assert sorted(titles(response)) == ["Frailty at the front door", "Two kinds of support"]
    assert b"2 case studies" in response.content
    both = client.get("/case-studies/", {"support": "logic_model", "region": "london"})
    assert sorted(titles(both)) == ["Screening in the community", "Two kinds of support"]


def test_theme_facet(client, entries):
    response = client.get("/case-studies/", {"theme": entries["frailty"].pk})
    assert titles(response) == ["Frailty at the front door"]


@pytest.mark.parametrize(
    "query",
    [{"theme": "999999"}, {"theme": "x"}, {"region": "atlantis"}, {"year": "1066"}, {"support": "<b>"}],
)
def test_unknown_facet_values_are_ignored_with_a_message(client, entries, query):
    response = client.get("/case-studies/", query)
    assert response.status_code == 200
    assert "we left it out" in response.content.decode()
    assert len(titles(response)) == 2


def test_search_and_facets_together(client, entries):
    assert titles(client.get("/case-studies/", {"q": "frailty", "region": "london"})) == []
    assert titles(client.get("/case-studies/", {"q": "frailty", "region": "north_west"})) == [
        "Frailty at the front door"
    ]


def test_paged(client, db):
    for n in range(12):
        LibraryCaseStudyFactory(published=True, title=f"Study number {n}")
    first, second = client.get("/case-studies/"), client.get("/case-studies/", {"page": 2})
    assert len(titles(first)) == 10 and len(titles(second)) == 2
    assert "?page=2" in first.content.decode()


def json_ld(response):
    found = re.search(r'<script type="application/ld\+json"[^>]*>(.*?)</script>', response.content.decode(), re.S)
    return json.loads(found.group(1))


def test_a_case_study_page(client, entries):
    entry = entries["a"]
    entry.testimonial, entry.testimonial_name, entry.testimonial_role = "It changed how we work.", "Dr Rahman", "Lead"
    entry.testimonial_consent_how, entry.testimonial_consent_date = "Signed form", timezone.localdate()
    entry.project = ProjectFactory(title="TOGETHER-Screen evaluation")
    entry.save()
    claim = ImpactClaimFactory(project=entry.project, title="The ICB funded a feasibility study")
    EvidenceFactory(claim=claim)
    entry.claims.set([claim])
    ChangeNoteFactory(case_study=entry, note="First published.")
    response = client.get(f"/case-studies/{entry.slug}/")
    html = response.content.decode()
    data = json_ld(response)
    assert data["@context"] == "https://schema.org" and data["@type"] == "Article"
    assert data["headline"] == entry.title and data["publisher"]["@type"] == "Organization"
    assert data["datePublished"].startswith(str(timezone.localtime(entry.first_published).date()))
    assert f'<meta property="og:title" content="{entry.title}">' in html
    assert '<meta property="og:type" content="article">' in html
    assert "First published" in html and "Last reviewed" in html
    assert "It changed how we work." in html and "Dr Rahman, Lead" in html
    assert "The ICB funded a feasibility study" in html and "Documented" in html
    assert "First published." in html  # the change history
    assert "research-assessment (REF) impact case study" in html  # says what it is, and is not


def test_a_quote_without_consent_is_not_shown(client, entries):
    entry = entries["a"]
    entry.testimonial = "Not agreed yet."
    entry.save()
    assert "Not agreed yet." not in client.get(f"/case-studies/{entry.slug}/").content.decode()


def test_json_ld_cannot_be_closed_by_the_text(client, entries):
    entry = entries["a"]
    entry.summary = "</script><script>alert(1)</script>"
    entry.save()
    response = client.get(f"/case-studies/{entry.slug}/")
    assert "<script>alert(1)" not in response.content.decode()
    assert json_ld(response)["description"] == entry.summary


def test_an_archived_case_study_keeps_its_page_with_the_notice(client, entries):
    entry = entries["b"]
    entry.status, entry.archive_notice = Status.ARCHIVED, "The frailty service closed in 2027."
    entry.save()
    response = client.get(f"/case-studies/{entry.slug}/")
    assert response.status_code == 200
    assert "This case study is archived" in response.content.decode()
    assert "The frailty service closed in 2027." in response.content.decode()
    assert titles(client.get("/case-studies/")) == ["Screening in the community"]


def test_the_pdf_opens_and_holds_the_case_study(client, entries):
    entry = entries["a"]
    response = client.get(f"/case-studies/{entry.slug}/pdf/")
    assert response["Content-Type"] == "application/pdf"
    pdf = pypdf.PdfReader(io.BytesIO(response.content))
    text = " ".join(" ".join(page.extract_text().split()) for page in pdf.pages)
    assert entry.title in text and "What we did" in text
    assert pdf.metadata.title == entry.title
    assert "/StructTreeRoot" in pdf.trailer["/Root"]  # tagged


def test_the_feed_is_atom_read_by_feedparser(client, entries):
    response = client.get("/case-studies/feed/")
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.bozo_exception
    assert feed.version == "atom10"
    assert sorted(e.title for e in feed.entries) == ["Frailty at the front door", "Screening in the community"]
    entry = next(e for e in feed.entries if e.title == "Screening in the community")
    assert entry.link.endswith(f"/case-studies/{entries['a'].slug}/")
    assert entry.summary == entries["a"].summary
    assert [t.term for t in entry.tags] == ["Cancer screening"]


def test_the_library_query_budget_does_not_grow(client, entries):
    with assert_max_queries(9):
        client.get("/case-studies/", {"q": "screening", "region": "london"})
    for n in range(8):
        LibraryCaseStudyFactory(published=True, title=f"Screening {n}", region="london").themes.set(
            [entries["screening"], entries["frailty"]]
        )
    with assert_max_queries(9):
        assert len(titles(client.get("/case-studies/", {"q": "screening", "region": "london"}))) == 9


def _published_in(year, **fields):
    first = datetime.datetime(year, 6, 1, 12, tzinfo=datetime.UTC)
    return LibraryCaseStudyFactory(published=True, first_published=first, **fields)


def test_the_years_facet_lists_the_years_with_entries_newest_first(db):
    assert access.years_published() == []
    for year in (2019, 2022, 2022, 2024):
        _published_in(year)
    LibraryCaseStudyFactory(first_published=datetime.datetime(2021, 1, 1, 12, tzinfo=datetime.UTC))  # a draft
    assert access.years_published() == [2024, 2022, 2019]


def test_a_search_for_a_common_word_has_the_same_query_budget_at_any_size(client, entries):
    """The search page with a word in every entry, facets and the years they span: the facets are one aggregate
    each, whatever the number of entries, themes and years."""
    query = {"q": "pharmacies", "support": "logic_model", "organisation": "commissioner"}
    with assert_max_queries(8):
        assert client.get("/case-studies/", query).status_code == 200
    for n in range(30):
        entry = _published_in(2010 + n % 15, title=f"Pharmacies {n}", region=["london", "east"][n % 2])
        entry.themes.set([entries["screening"], entries["frailty"], ThemeFactory()])
    with assert_max_queries(8):
        page = client.get("/case-studies/", {**query, "page": "2"})
    assert len(titles(page)) == 10
    assert list(range(2024, 2009, -1)) == [y for y in access.years_published() if y < 2025]


def test_a_case_study_page_query_budget_does_not_grow(client, entries):
    entry = entries["a"]
    entry.project = ProjectFactory()
    entry.save()
    with assert_max_queries(9):
        client.get(f"/case-studies/{entry.slug}/")
    for n in range(4):
        claim = ImpactClaimFactory(project=entry.project)
        EvidenceFactory(claim=claim)
        entry.claims.add(claim)
        ChangeNoteFactory(case_study=entry, note=f"Change {n}")
    entry.themes.add(entries["frailty"])
    with assert_max_queries(9):
        client.get(f"/case-studies/{entry.slug}/")
