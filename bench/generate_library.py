"""The case-study library's share of the benchmark: `case_studies` entries in the library's fixed shape (summary,
what we did, outcome, a testimonial), written from sentence patterns so the text reads like a case study and a
search meets the spread of words a real library has: a few words in nearly every entry ("support", "evidence"),
conditions and settings in some, rare ones ("sickle") in about one in a hundred. Nine in ten are published; the
rest are drafts, in review or archived. Case study 1 is about the flagship project, with its claim of impact (its
public page is measured), and matches the measured facets; case study 5 has the rare condition searched for, so
that at every scale the measured searches and facets find something and their query counts compare."""

import datetime as dt

from django.utils import timezone

from mobilise.directory.models import Sector
from mobilise.library.models import CaseStudy, Region, Status, Support, SupportGiven

CONDITIONS = [
    "cancer screening",
    "diabetes",
    "dementia",
    "frailty",
    "stroke recovery",
    "asthma",
    "heart failure",
    "mental health",
    "maternity care",
    "childhood obesity",
    "hypertension",
    "falls prevention",
    "chronic pain",
    "hepatitis C",
    "COPD",
    "long COVID",
]
# In about one case study in a hundred: what a "rare term" search finds.
RARE = ["sickle cell disease", "tuberculosis", "motor neurone disease", "cystic fibrosis"]
SETTINGS = [
    "general practice",
    "community pharmacies",
    "care homes",
    "the emergency department",
    "mosques and churches",
    "schools",
    "a hospice",
    "primary care networks",
    "the ambulance service",
    "libraries and leisure centres",
]
PEOPLE = [
    "commissioners",
    "the integrated care board",
    "public health teams",
    "practice nurses",
    "community champions",
    "patient groups",
    "social prescribers",
    "faith leaders",
    "the local authority",
    "clinical leads",
]
DID = [
    "We helped the team build a logic model linking {setting} to the outcomes {people} cared about.",
    "We ran a commissioning workshop where {people} heard the evidence on {condition} and asked what it would cost.",
    "Our adviser mapped the stakeholders for {condition} and found that {people} had not yet been involved.",
    "We drafted the pathways to impact with the project lead and tested them with {people}.",
    "We supported a grant application to take the {condition} work from {setting} to a second area.",
    "We wrote a plain-English summary of the findings for {people} and shared it through {setting}.",
    "Knowledge mobilisation guidance helped the team plan when to talk to {people} about {condition}.",
    "We brought {people} and researchers together in {setting} to agree what evidence would change practice.",
    "We helped design an evaluation of the {condition} service, with indicators for uptake and equity.",
]
OUTCOME = [
    "{People} funded a feasibility study of the approach in another community.",
    "Uptake of {condition} support rose in {setting}, most among people from the most deprived areas.",
    "The integrated care board wrote the evidence into its {condition} commissioning plan.",
    "Dialogue with {people} continued after the project, with a quarterly meeting on {condition}.",
    "The approach is now part of routine care in {setting} across three places.",
    "The findings shaped national guidance on {condition} and were cited by {people}.",
    "A second grant brought the work to {setting} in two more regions.",
    "{People} changed how they invite people to {condition} appointments.",
]
QUOTE = [
    "The support helped us talk to {people} in their own terms, and that is why the work carried on.",
    "Without the workshop we would never have met {people}; the evidence on {condition} is now in their plan.",
    "We had the findings but not the route to practice. Working with the advisers gave us one.",
    "The logic model made us say what we expected to change in {setting}, and it kept us honest.",
]
TITLE = [
    "{Condition} in {setting}",
    "Bringing {condition} evidence to {people}",
    "From research to practice: {condition} in {setting}",
    "{Condition}: what {people} changed",
]
ROLES = ["Project lead", "Principal investigator", "Clinical lead", "Research fellow"]


def _fill(rng, pattern: str, condition: str) -> str:
    setting, people = rng.choice(SETTINGS), rng.choice(PEOPLE)
    return pattern.format(
        setting=setting,
        people=people,
        People=people[0].upper() + people[1:],
        condition=condition,
        Condition=condition[0].upper() + condition[1:],
    )


def _text(rng, patterns: list[str], condition: str, sentences: int) -> str:
    return " ".join(_fill(rng, rng.choice(patterns), condition) for _ in range(sentences))


def _status(n: int) -> str:
    if n == 1 or n % 10:
        return Status.PUBLISHED
    return [Status.DRAFT, Status.IN_REVIEW, Status.ARCHIVED][n // 10 % 3]


def build(builder) -> None:
    s, rng = builder.scale, builder.rng
    regions, supports, sectors = list(Region.values), list(Support.values), list(Sector.values)
    now = timezone.now().replace(microsecond=0)
    entries = []
    for n in range(1, s.case_studies + 1):
        # Case study 5 has the rare condition the bench searches for, so the search finds it at every scale.
        condition = RARE[0] if n == 5 else rng.choice(RARE) if n % 100 == 5 else rng.choice(CONDITIONS)
        status = _status(n)
        public = status in (Status.PUBLISHED, Status.ARCHIVED)
        published = now - dt.timedelta(days=rng.randint(30, 6 * 365)) if public else None
        lead = f"{rng.choice(['Amina', 'Ben', 'Farah', 'Jamal', 'Priya', 'Tom'])} {rng.choice(['Khan', 'Jones'])}"
        entries.append(
            CaseStudy(
                pk=n,
                title=f"{_fill(rng, rng.choice(TITLE), condition)} ({n})",
                slug=f"case-study-{n}",
                summary=f"With our support the team's evidence on {condition} reached {rng.choice(PEOPLE)}. "
                + _fill(rng, rng.choice(OUTCOME), condition),
                what_we_did=_text(rng, DID, condition, rng.randint(4, 8)),
                outcome=_text(rng, OUTCOME, condition, rng.randint(3, 6)),
                testimonial=_text(rng, QUOTE, condition, 2),
                testimonial_name=lead,
                testimonial_role=rng.choice(ROLES),
                testimonial_organisation=f"University of {rng.choice(['Mereshire', 'Easton', 'Northfold'])}",
                testimonial_consent_date=builder.day(900),
                testimonial_consent_how="Signed consent form",
                project_id=(n - 1) % s.projects + 1,
                region=Region.LONDON if n == 1 else rng.choice(regions),
                organisation_types=rng.sample(sectors, rng.randint(1, 3)),
                status=status,
                archive_notice="The service described here closed." if status == Status.ARCHIVED else "",
                first_published=published,
                last_reviewed=builder.day(500) if public else None,
                owner_id=2,
                created_by_id=2,
            )
        )
    builder.insert(CaseStudy, entries)
    builder.insert(
        SupportGiven,
        (
            SupportGiven(case_study_id=n, support=code)
            for n in range(1, s.case_studies + 1)
            for code in sorted({*rng.sample(supports, rng.randint(1, 3)), *([Support.LOGIC_MODEL] if n == 1 else [])})
        ),
    )
    themes = CaseStudy.themes.through
    builder.insert(
        themes,
        (
            themes(casestudy_id=n, theme_id=t)
            for n in range(1, s.case_studies + 1)
            for t in sorted({*rng.sample(range(1, 13), 2), *([1] if n == 1 else [])})
        ),
    )
    claims = CaseStudy.claims.through
    builder.insert(claims, [claims(casestudy_id=1, impactclaim_id=1)])
