"""What the library's pages and documents show beyond a case study's fields: its level of evidence for each
claim, the testimonial only with consent, its facets' labels, and its schema.org and Open Graph data."""

import json
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from mobilise.core.links import absolute_url
from mobilise.evaluation.models import EvidenceKind, ImpactClaim

from .models import CaseStudy, OrganisationType, Region, Support
from .services import lacks_consent

ABOUT = (
    "This is a case study from our library: our own account of a project we supported and what came of it. It is "
    "not the project team's case-study output, written for one audience, nor the research-assessment (REF) impact "
    "case study of their evaluation."
)


HTML_SAFE = {ord("<"): "\\u003c", ord(">"): "\\u003e", ord("&"): "\\u0026"}


@dataclass(frozen=True)
class Level:
    name: str
    explained: str


DOCUMENTED = Level("Documented", "backed by documents, links or emails")
TESTIMONY = Level("Testimony", "backed by what people involved told us")
REPORTED = Level("Reported", "reported by the team; evidence not yet recorded")


def level_of_evidence(claim: ImpactClaim) -> Level:
    """From the evidence logged with the claim (prefetched): documents beat testimony beats none."""
    kinds = {e.kind for e in claim.evidence.all()}
    if kinds & {EvidenceKind.FILE, EvidenceKind.LINK, EvidenceKind.EMAIL}:
        return DOCUMENTED
    return TESTIMONY if EvidenceKind.TESTIMONIAL in kinds else REPORTED


def public_url(case_study: CaseStudy) -> str:
    return reverse("library:case-study", args=[case_study.slug])


def testimonial(case_study: CaseStudy) -> dict[str, str] | None:
    """The quote and who said it ("name, role, organisation"), or None without a quote or its consent."""
    if not case_study.testimonial or lacks_consent(case_study):
        return None
    parts = [case_study.testimonial_name, case_study.testimonial_role, case_study.testimonial_organisation]
    return {"quote": case_study.testimonial, "by": ", ".join(p for p in parts if p)}


def support_labels(case_study: CaseStudy) -> list[str]:
    """The support given (prefetched `supports`), in the order the editor lists the kinds."""
    given = {s.support for s in case_study.supports.all()}
    return [str(label) for code, label in Support.choices if code in given]


def facets(case_study: CaseStudy) -> list[tuple[str, str]]:
    """[(label, value)] of what a reader can filter by, for the page's summary list."""
    rows = [
        ("Themes", ", ".join(t.name for t in case_study.themes.all())),
        ("Region", str(Region(case_study.region).label) if case_study.region else ""),
        ("Support we gave", ", ".join(str(label) for label in support_labels(case_study))),
        (
            "Organisations involved",
            ", ".join(
                str(OrganisationType(s).label) for s in case_study.organisation_types if s in OrganisationType.values
            ),
        ),
    ]
    return [(label, value) for label, value in rows if value]


def claims(case_study: CaseStudy) -> list[tuple[ImpactClaim, Level]]:
    return [(claim, level_of_evidence(claim)) for claim in case_study.claims.all()]


def json_ld(case_study: CaseStudy) -> str:
    """schema.org Article data, as the text of the page's ld+json block: <, > and & escaped, so no text can close
    the block."""
    url = absolute_url(public_url(case_study))
    published = case_study.first_published or case_study.created
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Article",
        "headline": case_study.title[:110],
        "description": case_study.summary,
        "url": url,
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "datePublished": published.isoformat(),
        "dateModified": case_study.updated.isoformat(),
        "inLanguage": "en-GB",
        "publisher": {"@type": "Organization", "name": settings.SITE_NAME},
        "author": {"@type": "Organization", "name": settings.SITE_NAME},
        "about": [t.name for t in case_study.themes.all()],
    }
    if case_study.last_reviewed:
        data["lastReviewed"] = case_study.last_reviewed.isoformat()
    if case_study.region:
        data["spatialCoverage"] = {"@type": "Place", "name": str(Region(case_study.region).label)}
    if case_study.status == "archived":
        data["creativeWorkStatus"] = "Archived"
    return json.dumps(data).translate(HTML_SAFE)


def open_graph(case_study: CaseStudy) -> list[tuple[str, str]]:
    published = case_study.first_published or case_study.created
    return [
        ("og:type", "article"),
        ("og:title", case_study.title),
        ("og:description", case_study.summary),
        ("og:url", absolute_url(public_url(case_study))),
        ("og:site_name", settings.SITE_NAME),
        ("og:locale", "en_GB"),
        ("article:published_time", published.isoformat()),
        ("article:modified_time", case_study.updated.isoformat()),
        *(("article:tag", t.name) for t in case_study.themes.all()),
    ]


def document(case_study: CaseStudy) -> dict[str, Any]:
    """The plain data documents.output_doc renders (the same shape as an output's)."""
    evidence = [f"- {claim.title} ({level.name.lower()}: {level.explained})" for claim, level in claims(case_study)]
    sections = [
        ("Summary", case_study.summary),
        ("What we did", case_study.what_we_did),
        ("Outcome and impact", case_study.outcome),
        ("Evidence of impact", "\n".join(evidence)),
        ("About this case study", ABOUT),
    ]
    dates = (
        f"First published {date_format(timezone.localtime(case_study.first_published), 'j F Y')}"
        if case_study.first_published
        else "Draft"
    )
    if case_study.last_reviewed:
        dates += f"; last reviewed {date_format(case_study.last_reviewed, 'j F Y')}"
    return {
        "title": case_study.title,
        "kind": "Case study",
        "audience": settings.SITE_NAME,
        "project": case_study.project.title if case_study.project else settings.SITE_NAME,
        "date": dates,
        "sections": [{"heading": h, "body": b} for h, b in sections if b],
        "testimonial": testimonial(case_study),
    }
