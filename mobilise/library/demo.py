"""Demo case studies for the public library: TOGETHER-Screen in the shape support organisations use (what we did,
outcome / impact, a testimonial from the project lead, given with consent) and five more across themes and regions,
one archived and one due for its yearly review. All people, places and figures are fictional.

Made directly rather than through the services, so that loading the demo sends no email; each published entry
carries the approved review a second adviser gave it."""

import datetime
from typing import Any, NamedTuple

from django.utils import timezone
from django.utils.text import slugify

from mobilise.core.models import Decision, Review, Reviewer, ReviewState, User
from mobilise.evaluation.models import ClaimType, ImpactClaim
from mobilise.projects.models import Project, Theme

from .models import CaseStudy, ChangeNote, Region, Status, Support, SupportGiven

SCREENING = {
    "title": "TOGETHER-Screen: community health champions and cancer screening",
    "summary": "We helped the TOGETHER-Screen team turn their findings into a plan that commissioners could act on. "
    "The commissioners are still talking with the team, and the team won funding to try the approach with another "
    "community.",
    "what_we_did": "We worked with the research team and their community partners over eighteen months.\n\n"
    "- A logic model, built with the team and the Al-Noor Women's Health Circle, linking champion sessions to "
    "screening uptake.\n"
    "- Pathways to impact: who needed the findings, when, and in what form.\n"
    "- A commissioning workshop with system partners: the integrated care board, the screening hub, primary care "
    "and the Faith Forum.",
    "outcome": "The integrated care board's cancer board has kept up a dialogue with the team about taking champion "
    "sessions into local screening pathways, and asked for a costed service specification.\n\n"
    "The team secured funding for a feasibility study to adapt TOGETHER-Screen with another community in Kingsbridge.",
    "testimonial": "The logic model gave us one story we could all tell, and the workshop put us in the room with the "
    "people who commission screening. A year on, we are still talking to them.",
    "testimonial_name": "Dr Aisha Rahman",
    "testimonial_role": "Research lead, TOGETHER-Screen",
    "testimonial_organisation": "Mereshire University",
    "testimonial_consent_date": datetime.date(2025, 11, 14),
    "testimonial_consent_how": "Email of 14 November 2025, with the final wording attached",
    "region": Region.EAST,
    "organisation_types": ["commissioner", "nhs_provider", "vcse", "academia"],
    "support_given": [Support.LOGIC_MODEL, Support.PATHWAYS, Support.WORKSHOP],
}


class CaseStudyRow(NamedTuple):
    """Another project's case study: its project's key, themes and first publication, then the entry's own fields."""

    key: str
    themes: list[str]
    published: datetime.date
    title: str
    summary: str
    what_we_did: str
    outcome: str
    support_given: list[str]
    region: str
    organisation_types: list[str]
    status: str = Status.PUBLISHED
    archive_notice: str = ""


OTHERS = [
    CaseStudyRow(
        "frailty",
        ["Ageing and frailty"],
        datetime.date(2025, 3, 4),
        "Front Door Frailty: assessing older people as they arrive",
        "We helped a study of frailty checks in emergency departments reach the people who run them. "
        "Two hospital trusts now use the checks at the front door.",
        "We mapped who decides how emergency departments work, and wrote guidance on sharing "
        "early findings with clinical leads without overstating them.",
        "Two trusts added the frailty check to their front-door routine, and a regional network "
        "asked the team to present at its spring meeting.",
        [Support.MAPPING, Support.GUIDANCE],
        Region.NORTH_WEST,
        ["nhs_provider", "academia"],
    ),
    CaseStudyRow(
        "carers",
        ["Mental health", "Digital health"],
        datetime.date(2025, 7, 21),
        "Young Carers Online: a grant that put carers at the centre",
        "We helped a team plan how young carers would shape their study from the start. The plan "
        "was part of a successful grant, and two councils now share the team's findings with their carers' "
        "services.",
        "We reviewed the grant's plan for impact, costed time for young carers as advisers, and "
        "helped the team plan how to measure what changed.",
        "The grant was funded. Two local authorities use the study's summaries in their training for carers' services.",
        [Support.GRANT, Support.EVALUATION],
        Region.LONDON,
        ["local_authority", "vcse"],
    ),
    CaseStudyRow(
        "carehomes",
        ["Social care", "Ageing and frailty"],
        datetime.date(2025, 10, 9),
        "STOP-AP: fewer antipsychotics for people with dementia in care homes",
        "We helped a team explain how their review of prescribing would lead to change, and how they "
        "would know. Care homes in the study now review prescriptions every three months.",
        "We built a logic model with care home managers and pharmacists, and helped the team "
        "choose three measures they could collect without adding to staff workload.",
        "Care homes taking part review antipsychotic prescriptions every three months. The team "
        "reports its measures to the regional medicines group.",
        [Support.LOGIC_MODEL, Support.EVALUATION],
        Region.SOUTH_WEST,
        ["nhs_provider", "local_authority"],
    ),
    CaseStudyRow(
        "social",
        ["Prevention", "Primary care"],
        datetime.date(2024, 6, 17),
        "Link Up: social prescribing and loneliness in rural areas",
        "We helped a study of link workers reach the people who plan rural services. The service it "
        "described has since changed.",
        "We mapped the voluntary groups and councils involved, and set out pathways to impact for each of them.",
        "The district council used the findings when it recommissioned its link worker service.",
        [Support.PATHWAYS, Support.MAPPING],
        Region.NORTH_EAST,
        ["vcse", "local_authority"],
        status=Status.ARCHIVED,
        archive_notice="The link worker service described here was recommissioned under a new provider in "
        "2026. We keep this case study as a record of the work.",
    ),
    CaseStudyRow(
        "virtualwards",
        ["Digital health"],
        datetime.date(2025, 5, 12),
        "Heart failure virtual wards: a workshop for commissioners",
        "We ran a commissioning workshop so that commissioners could weigh early findings on virtual "
        "wards. They agreed what evidence they would need before expanding the service.",
        "We ran a half-day commissioning workshop with the integrated care board, two trusts and "
        "the technology supplier, and wrote a short guide to the findings.",
        "Commissioners agreed the evidence they need before expanding the service, and the team "
        "added it to their study.",
        [Support.WORKSHOP, Support.GUIDANCE],
        Region.SOUTH_EAST,
        ["commissioner", "nhs_provider", "industry"],
    ),
]


def _moment(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(10, 0)))


def _entry(
    *,
    project: Project | None,
    themes: list[str],
    published: datetime.date,
    fields: dict[str, Any],
    owner: User,
    reviewer: User,
    last_reviewed: datetime.date,
) -> CaseStudy:
    fields = {"status": Status.PUBLISHED, **fields}
    supports = fields.pop("support_given")
    entry = CaseStudy.objects.create(
        slug=slugify(fields["title"])[:200],
        project=project,
        owner=owner,
        created_by=owner,
        first_published=_moment(published),
        last_reviewed=last_reviewed,
        **fields,
    )
    entry.themes.set(Theme.objects.filter(name__in=themes))
    SupportGiven.objects.bulk_create(SupportGiven(case_study=entry, support=s) for s in supports)
    review = Review.objects.create(
        target=entry, object_version=entry.version, requested_by=owner, state=ReviewState.APPROVED
    )
    Reviewer.objects.create(review=review, user=reviewer, decision=Decision.APPROVED, decided_at=_moment(published))
    ChangeNote.objects.create(case_study=entry, date=_moment(published), note="First published.")
    return entry


def build(context: dict[str, Any]) -> None:
    users, projects = context["users"], context["projects"]
    adviser, second = users["adviser"], users["adviser2"]
    today = timezone.localdate()
    screening = _entry(
        project=projects["screening"],
        themes=["Cancer", "Health inequalities"],
        published=datetime.date(2025, 12, 1),
        fields=SCREENING,
        owner=adviser,
        reviewer=second,
        last_reviewed=datetime.date(2026, 6, 2),
    )
    screening.claims.set(
        ImpactClaim.objects.filter(project=projects["screening"], kind__in=[ClaimType.COMMISSIONING, ClaimType.FUNDING])
    )
    ChangeNote.objects.create(
        case_study=screening,
        date=_moment(datetime.date(2026, 6, 2)),
        note="Outcome updated: the cancer board asked for a costed service specification.",
    )
    for number, row in enumerate(OTHERS):
        fields = row._asdict()
        key, themes, published = fields.pop("key"), fields.pop("themes"), fields.pop("published")
        owner, reviewer = (adviser, second) if number % 2 == 0 else (second, adviser)
        # The virtual wards entry has gone 13 months without a review, so its owner is due a reminder.
        last = published if key == "virtualwards" else published + datetime.timedelta(days=180)
        _entry(
            project=projects.get(key),
            themes=themes,
            published=published,
            fields=fields,
            owner=owner,
            reviewer=reviewer,
            last_reviewed=min(last, today),
        )
        if row.status == Status.ARCHIVED:
            entry = CaseStudy.objects.get(slug=slugify(row.title)[:200])
            ChangeNote.objects.create(
                case_study=entry, date=_moment(datetime.date(2026, 4, 1)), note=f"Archived: {row.archive_notice}"
            )
