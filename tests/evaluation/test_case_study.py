"""The impact case study: one word-count rule, drafts over the limit, live counts, export refused until it fits."""

import datetime
import io

import docx
import pypdf
import pytest
from django.urls import reverse

from mobilise.evaluation import casestudy, services
from mobilise.evaluation.models import CaseStudy

from ..factories.engagement import InteractionFactory
from ..permissions import EDIT, READ
from ..queries import assert_max_queries

INJECTION = '#set page(width: 1cm) #panic("boom") $x$ *bold*'


@pytest.mark.parametrize(
    "text, words",
    [
        ("", 0),
        ("   \n\n ", 0),
        ("Uptake rose.", 2),
        ("evidence-based care", 2),
        ("don't stop", 2),
        ("about 9,800 women", 3),
        ("A – B", 2),
        ("- one\n- two", 2),
        ("(2023) [1]", 2),
        ("line\none\n\ntwo", 3),
    ],
)
def test_word_count_rule(text, words):
    assert casestudy.word_count(text) == words


def test_limits_count_words_and_items():
    assert casestudy.check("summary", "word " * 100) == {
        "name": "summary",
        "count": 100,
        "limit": 100,
        "noun": "words",
        "over": False,
        "message": "100 of 100 words",
    }
    assert casestudy.check("summary", "word " * 101)["message"] == "101 of 100 words: 1 too many"
    assert casestudy.check("details", "word " * 751)["over"]
    assert casestudy.check("references", "a\n\nb\n c \n")["message"] == "3 of 6 references"
    assert casestudy.check("sources", "\n".join("s" * 11))["message"] == "11 of 10 sources: 1 too many"
    assert [c["name"] for c in casestudy.over_limit({"research": "w " * 501, "references": "r\n" * 7})] == [
        "research",
        "references",
    ]


def page(project):
    return reverse("evaluation:case-study", args=[project.pk])


def export(project, fmt):
    return reverse("evaluation:case-study-export", args=[project.pk, fmt])


def count_url(project, name):
    return reverse("evaluation:case-study-count", args=[project.pk, name])


FITS = {
    "title": f"Champions narrow the gap {INJECTION}",
    "summary": f"Uptake rose by nine points. {INJECTION}",
    "research": "A controlled before-and-after study.",
    "references": "Rahman 2025\nPatel 2025",
    "details": "Practices refer women.\n\nThe ICB funded sessions.",
    "sources": "Board minutes\nAward notice",
}


@pytest.fixture
def fits(project):
    return services.save_case_study(project=project, **FITS)


@pytest.mark.parametrize("persona", list(READ))
def test_pages_by_persona(request, as_user, project, fits, persona):
    client = as_user(request.getfixturevalue(persona))
    response = client.get(page(project))
    assert response.status_code == READ[persona]
    if READ[persona] == 200:
        assert b"Uptake rose by nine points." in response.content
        assert (b'name="summary"' in response.content) == (EDIT[persona] == 200)  # viewers read, not edit
    else:
        assert b"Uptake rose" not in response.content
    for fmt in ("pdf", "docx"):
        assert client.get(export(project, fmt)).status_code == READ[persona]
    assert client.post(count_url(project, "summary"), {"summary": "a b"}).status_code == EDIT[persona]
    assert client.post(page(project), {**FITS, "summary": "Changed"}).status_code == (
        302 if EDIT[persona] == 200 else 404
    )


def test_anonymous_is_sent_to_sign_in(as_user, project):
    client = as_user(None)
    assert client.get(page(project)).status_code == 302
    assert client.get(export(project, "pdf")).status_code == 302
    assert client.post(count_url(project, "summary"), {"summary": "a"}).status_code == 302


def test_a_draft_over_the_limit_is_saved_and_shown_as_over(as_user, project, member):
    client = as_user(member)
    response = client.post(page(project), {**FITS, "summary": "word " * 120, "sources": "s\n" * 12})
    assert response.status_code == 302
    study = CaseStudy.objects.get(project=project)
    assert casestudy.word_count(study.summary) == 120
    response = client.get(page(project))
    html = response.content.decode()
    assert "Saved as a draft. 2 sections are over the limit" in html
    assert "2 sections are over the limit" in html and 'href="#id_summary"' in html
    assert (
        '<span class="nhsuk-error-message app-word-count__over"><span class="nhsuk-u-visually-hidden">Error:'
        "</span> 120 of 100 words: 20 too many</span>" in html
    )
    assert "12 of 10 sources: 2 too many" in html and "2 of 6 references" in html
    assert 'aria-describedby="count-summary' in html and 'aria-live="polite"' in html


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_export_is_refused_while_a_section_is_over(as_user, project, member, fmt):
    services.save_case_study(project=project, **{**FITS, "details": "word " * 751, "references": "r\n" * 7})
    response = as_user(member).get(export(project, fmt))
    assert response.status_code == 409 and response["Content-Type"].startswith("text/html")
    html = response.content.decode()
    summary = html[html.index("nhsuk-error-summary") : html.index("</ul>", html.index("nhsuk-error-summary"))]
    assert 'href="#id_details"' in summary and 'href="#id_references"' in summary
    assert "Details of the impact has 751 words, over the limit of 750: cut it before exporting" in summary
    assert "References to the research has 7 references, over the limit of 6" in summary
    assert "id_summary" not in summary


def test_viewer_refused_export_links_to_the_sections(as_user, project, viewer):
    services.save_case_study(project=project, **{**FITS, "summary": "word " * 101})
    html = as_user(viewer).get(export(project, "pdf")).content.decode()
    assert 'href="#id_summary"' in html and 'id="id_summary"' in html  # the link lands on the read-only section


def test_pdf_export_within_limits_keeps_text_literal(as_user, project, viewer, fits):
    response = as_user(viewer).get(export(project, "pdf"))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    reader = pypdf.PdfReader(io.BytesIO(response.content))
    text = "".join("".join(p.extract_text() for p in reader.pages).split())
    for expected in (
        "1.Summaryoftheimpact",
        "Uptakerosebyninepoints.",
        "3.Referencestotheresearch",
        "Rahman2025",
        "5.Sourcestocorroboratetheimpact",
        "Awardnotice",
        "".join(INJECTION.split()),
    ):
        assert expected in text, expected
    assert reader.metadata.title == FITS["title"]


def test_docx_export_within_limits_lists_references_and_sources(as_user, project, lead, fits):
    response = as_user(lead).get(export(project, "docx"))
    document = docx.Document(io.BytesIO(response.content))
    bullets = [p.text for p in document.paragraphs if p.style.name == "List Bullet"]
    assert bullets == ["Rahman 2025", "Patel 2025", "Board minutes", "Award notice"]
    assert any(p.text == f"Uptake rose by nine points. {INJECTION}" for p in document.paragraphs)


def test_live_count_uses_the_same_rule(as_user, project, member):
    client = as_user(member)
    response = client.post(count_url(project, "summary"), {"summary": "evidence-based care for 9,800 women"})
    assert response.status_code == 200 and response.content.decode().strip() == "5 of 100 words"
    response = client.post(count_url(project, "references"), {"references": "a\n" * 8})
    assert "8 of 6 references: 2 too many" in response.content.decode()
    assert "nhsuk-error-message" in response.content.decode()


def test_live_count_bad_input(as_user, project, member):
    client = as_user(member)
    assert client.post(count_url(project, "title"), {"title": "x"}).status_code == 404
    assert client.post(count_url(project, "nope"), {}).status_code == 404
    assert client.get(count_url(project, "summary")).status_code == 405
    assert client.post(count_url(project, "summary"), {}).content.decode().strip() == "0 of 100 words"
    huge = client.post(count_url(project, "details"), {"details": "w " * 200_000})
    assert huge.status_code == 200 and "50,000 of 750 words" in huge.content.decode()  # read up to 100,000 characters
    assert client.get(export(project, "exe")).status_code == 404


def test_page_with_no_case_study_yet_and_over_long_title(as_user, project, member):
    client = as_user(member)
    response = client.get(page(project))
    assert response.status_code == 200 and b"0 of 100 words" in response.content
    response = client.post(page(project), {**FITS, "title": "t" * 301})
    assert response.status_code == 200 and b"nhsuk-error-summary" in response.content
    assert not CaseStudy.objects.exists()


def test_case_study_page_query_count_stays_constant(as_user, project, member, outcome, lead, fits):
    client = as_user(member)
    counts = []
    for n in range(3):
        claim = services.save_claim(
            project=project, kind="policy", title=f"Claim {n}", date=datetime.date(2025, 1, 1), outcome=outcome
        )
        for m in range(n + 1):
            services.add_evidence(claim=claim, by=lead, kind="link", title=f"Link {m}", url="https://example.org")
        with assert_max_queries(6) as queries:
            response = client.get(page(project))
        assert response.status_code == 200 and f"Claim {n}".encode() in response.content
        counts.append(len(queries))
    assert counts[0] == counts[1] == counts[2], counts


@pytest.mark.parametrize("persona", ["member", "viewer"])
def test_downloads_are_unavailable_while_a_section_is_over(request, as_user, project, persona):
    """No link leads to the 409: the page says why downloads are unavailable and links to the section to fix."""
    services.save_case_study(project=project, **{**FITS, "summary": "word " * 101})
    html = as_user(request.getfixturevalue(persona)).get(page(project)).content.decode()
    assert export(project, "pdf") not in html and export(project, "docx") not in html
    downloads = html[html.index('id="downloads"') : html.index("</div>", html.index('id="downloads"'))]
    assert "Downloads unavailable" in downloads and "101 of 100 words: 1 too many" in downloads
    assert 'href="#id_summary"' in downloads and 'id="id_summary"' in html


def test_downloads_are_live_when_every_section_fits(as_user, project, member, fits):
    html = as_user(member).get(page(project)).content.decode()
    assert f'href="{export(project, "pdf")}"' in html and f'href="{export(project, "docx")}"' in html
    assert "Downloads unavailable" not in html


FILL = {"action": "fill"}
OFFER = "Fill sections 4 and 5 from the impact log"


@pytest.fixture
def logged(project, outcome, lead):
    """Two claims in the impact log, three items of evidence between them."""
    first = services.save_claim(
        project=project,
        kind="commissioning",
        title="Commissioners fund champions",
        reach="One ICB,\n40 practices",
        significance="A two-year specification.",
        date=datetime.date(2025, 6, 1),
        outcome=outcome,
        activities={
            "interactions": [
                InteractionFactory(project=project, subject="Cancer board", date=datetime.date(2025, 5, 2))
            ]
        },
    )
    services.add_evidence(claim=first, by=lead, kind="email", title="Email from the lead", source="Commissioning lead")
    services.add_evidence(claim=first, by=lead, kind="link", title="Board minutes", url="https://example.org/minutes")
    second = services.save_claim(
        project=project, kind="practice", title="Practices adopt the model!", date=datetime.date(2025, 2, 1)
    )
    services.add_evidence(claim=second, by=lead, kind="link", title="Practice survey", url="https://example.org/survey")
    return project


def test_fill_writes_the_empty_sections_from_the_impact_log(as_user, logged, member):
    client = as_user(member)
    assert OFFER in client.get(page(logged)).content.decode()
    html = client.post(page(logged), FILL, follow=True).content.decode()
    study = CaseStudy.objects.get(project=logged)
    assert study.details == (
        "Practices adopt the model! Date: 1 February 2025.\n\n"
        "Commissioners fund champions. The outcome it shows: More women screened. "
        "It came from: interaction “Cancer board (meeting)” (2 May 2025). Reach: One ICB, 40 practices. "
        "Significance: A two-year specification. Date: 1 June 2025."
    )
    # One line per item of evidence, across the claims, oldest claim first: each counts as one source.
    assert study.sources.splitlines() == [
        "Link: Practice survey, https://example.org/survey",
        "Email: Email from the lead (Commissioning lead)",
        "Link: Board minutes, https://example.org/minutes",
    ]
    assert casestudy.check("sources", study.sources)["count"] == 3
    assert study.summary == "" and study.title == ""
    assert "Filled details of the impact and sources to corroborate the impact from the impact log." in html
    assert OFFER not in html  # both sections hold text now


def test_fill_never_overwrites_what_was_written(as_user, logged, member):
    services.save_case_study(project=logged, title="Ours", details="Our own words.", sources=" \n ")
    client = as_user(member)
    html = client.post(page(logged), FILL, follow=True).content.decode()
    study = CaseStudy.objects.get(project=logged)
    assert study.details == "Our own words." and study.title == "Ours"
    assert len(study.sources.splitlines()) == 3  # blank was empty
    assert "Filled sources to corroborate the impact from the impact log." in html
    assert "Details of the impact already held text, so it was left as it was." in html
    services.save_case_study(project=logged, sources="Our own source")
    assert OFFER not in client.get(page(logged)).content.decode()
    html = client.post(page(logged), FILL, follow=True).content.decode()
    assert "Nothing was changed: sections 4 and 5 already hold text." in html
    study.refresh_from_db()
    assert (study.details, study.sources) == ("Our own words.", "Our own source")


def test_fill_with_claims_but_no_evidence_leaves_the_sources_empty(as_user, project, member):
    services.save_claim(project=project, kind="policy", title="Cited in guidance", date=datetime.date(2025, 1, 1))
    html = as_user(member).post(page(project), FILL, follow=True).content.decode()
    assert CaseStudy.objects.get(project=project).sources == ""
    assert "Sources to corroborate the impact is still empty: no evidence is recorded for the claims yet." in html


def test_fill_is_not_offered_with_an_empty_impact_log(as_user, project, member):
    client = as_user(member)
    assert OFFER not in client.get(page(project)).content.decode()
    html = client.post(page(project), FILL, follow=True).content.decode()
    assert "Nothing was changed: the impact log has nothing to fill the empty sections with yet." in html
    assert not CaseStudy.objects.exists()


@pytest.mark.parametrize("persona", list(READ))
def test_fill_by_persona(request, as_user, logged, persona):
    """Editors are offered it and may; a viewer sees the claims but no button, and a post from one is refused."""
    client = as_user(request.getfixturevalue(persona))
    html = client.get(page(logged)).content.decode()
    assert (OFFER in html) == (EDIT[persona] == 200)
    assert client.post(page(logged), FILL).status_code == (302 if EDIT[persona] == 200 else 404)
    assert CaseStudy.objects.filter(project=logged).exists() == (EDIT[persona] == 200)
