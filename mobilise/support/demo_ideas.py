"""Six demo ideas through "Get involved", one in each state an adviser meets: just received, under review with two
assessments, waiting on its sender, accepted and waiting to be taken forward, accepted and now an evidence gap on
TOGETHER-Screen, and not taken forward. Made directly rather than through the services, so no email is sent."""

from datetime import timedelta
from typing import Any, NamedTuple

from django.utils import timezone

from mobilise.engagement import services as engagement

from .models import Assessment, Idea, IdeaEvent, IdeaEventKind, IdeaStage, IdeaStatus
from .rubric import IDEA_CRITERIA
from .services_ideas import gap_text


class IdeaRow(NamedTuple):
    """An idea as its sender sent it; days_ago says when."""

    reference: str
    days_ago: int
    title: str
    problem: str
    idea: str
    who_benefits: str
    evidence: str
    stage: str
    help_wanted: str
    name: str
    email: str
    organisation_name: str


IDEAS = [
    IdeaRow(
        "IDEA-R7KD-4MWA",
        1,
        "Walk and talk for older men",
        "Older men who live alone rarely talk to anyone about how they feel.",
        "Weekly guided walks where men can talk, led by trained volunteers from the Men's Shed.",
        "Older men who live alone, and their families.",
        "Twelve men came to our first two walks.",
        IdeaStage.TRIED,
        "How to find out if the walks make a difference.",
        "Sam Okoro",
        "sam@valeshed.example",
        "Vale Men's Shed",
    ),
    IdeaRow(
        "IDEA-C3PN-8TXE",
        8,
        "Pharmacy blood pressure checks in mosques",
        "Many people with high blood pressure in our community do not know they have it.",
        "Pharmacists check blood pressure after Friday prayers, with a leaflet in Urdu and Bengali.",
        "South Asian adults over 40 in Mereshire.",
        "A similar scheme in another city found hundreds of people with high blood pressure.",
        IdeaStage.IDEA,
        "Finding funding and a pharmacy partner.",
        "Imran Siddiqui",
        "imran@mereshire-faith.example",
        "Mereshire Faith Forum",
    ),
    IdeaRow(
        "IDEA-H9VB-2QZS",
        15,
        "An app to plan hospital discharge with carers",
        "Carers often hear about a discharge on the day, with no time to get ready.",
        "A simple app that tells a named carer when discharge is being planned and what they need to do.",
        "Unpaid carers and the people they look after.",
        "",
        IdeaStage.IDEA,
        "",
        "Grace Bell",
        "grace@carelink.example",
        "CareLink Ltd",
    ),
    IdeaRow(
        "IDEA-M4TF-6KJD",
        25,
        "Cooking classes for people starting insulin",
        "People who start insulin are afraid of low blood sugar and stop cooking fresh food.",
        "Four short cooking classes with a dietitian, in the community kitchen next to the clinic.",
        "People with type 2 diabetes starting insulin, and their families.",
        "Our patient group asked for this at three meetings last year.",
        IdeaStage.IN_USE,
        "A way to show commissioners it works.",
        "Joy Adeyemi",
        "joy.adeyemi@vale-trust.example",
        "Vale Hospitals NHS Trust",
    ),
    IdeaRow(
        "IDEA-W2GX-5NRY",
        40,
        "Screening reminders from people women trust",
        "Women who have never had cervical screening ignore letters from the NHS.",
        "Community health champions give the reminder in person, in the woman's own language.",
        "Women who have never been screened, in areas where few people take up screening.",
        "Champions in our project heard this from many women.",
        IdeaStage.IDEA,
        "",
        "Amina Yusuf",
        "amina@champions.example",
        "Mereshire Health Champions",
    ),
    IdeaRow(
        "IDEA-B8QM-3HCT",
        50,
        "A national register of all gym members",
        "We do not know how active people are.",
        "Every gym sends its members' visits to a national register.",
        "Planners.",
        "",
        IdeaStage.IDEA,
        "",
        "Chris Dale",
        "chris@example.com",
        "",
    ),
]

# What the advisers did with each idea, by its reference: (days ago, status, reason); one not named is just received.
HISTORY: dict[str, list[tuple[int, str, str]]] = {
    "IDEA-C3PN-8TXE": [(6, IdeaStatus.REVIEWING, "It fits our priority on heart health and inequalities.")],
    "IDEA-H9VB-2QZS": [
        (13, IdeaStatus.REVIEWING, "We need to understand how it fits with the trust's discharge team."),
        (10, IdeaStatus.WAITING, "Which hospital have you spoken to, and what did the discharge team say?"),
    ],
    "IDEA-M4TF-6KJD": [
        (22, IdeaStatus.REVIEWING, "A clear need that our diabetes work has heard before."),
        (18, IdeaStatus.ACCEPTED, "Strong need and early evidence; we can help plan an evaluation."),
    ],
    "IDEA-W2GX-5NRY": [
        (37, IdeaStatus.REVIEWING, "It builds on what TOGETHER-Screen learnt."),
        (33, IdeaStatus.ACCEPTED, "It is a question TOGETHER-Screen's partners want answered."),
    ],
    "IDEA-B8QM-3HCT": [
        (45, IdeaStatus.NOT_TAKEN, "It is outside our region's work, and it would raise serious privacy concerns.")
    ],
}


def build_ideas(context: dict[str, Any]) -> None:
    now = timezone.now()
    adviser, adviser2 = context["users"]["adviser"], context["users"]["adviser2"]
    for row in IDEAS:
        fields = row._asdict()
        reference, days_ago = fields.pop("reference"), fields.pop("days_ago")
        history = HISTORY.get(reference, [])
        submitted = now - timedelta(days=days_ago)
        status = history[-1][1] if history else IdeaStatus.RECEIVED
        decided = next(
            (now - timedelta(days=d) for d, s, _ in history if s in (IdeaStatus.ACCEPTED, IdeaStatus.NOT_TAKEN)), None
        )
        idea = Idea.objects.create(
            reference=reference,
            submitted=submitted,
            consent_at=submitted,
            status=status,
            assignee=adviser if history else None,
            first_response_at=now - timedelta(days=history[0][0]) if history else None,
            decided_at=decided,
            closed_at=decided if status == IdeaStatus.NOT_TAKEN else None,
            **fields,
        )
        IdeaEvent.objects.create(idea=idea, when=submitted, kind=IdeaEventKind.SUBMITTED, status=IdeaStatus.RECEIVED)
        for event_days, event_status, reason in history:
            when = now - timedelta(days=event_days)
            IdeaEvent.objects.create(
                idea=idea, when=when, kind=IdeaEventKind.STATUS, status=event_status, text=reason, by=adviser
            )
        if history:
            for assessor, rating in ((adviser, "yes"), (adviser2, "partly")):
                answers = {key: {"rating": rating, "comment": ""} for key, _, _ in IDEA_CRITERIA}
                Assessment.objects.create(subject=idea, assessor=assessor, answers=answers)
    _gap(context, Idea.objects.get(reference="IDEA-W2GX-5NRY"))


def _gap(context: dict[str, Any], idea: Idea) -> None:
    """The screening-reminders idea became an evidence gap on TOGETHER-Screen."""
    gap = engagement.save_insight(
        project=context["projects"]["screening"], question=idea.problem, why_it_matters=gap_text(idea)
    )
    idea.evidence_gap = gap
    idea.closed_at = timezone.now() - timedelta(days=30)
    idea.save(update_fields=["evidence_gap", "closed_at"])
    IdeaEvent.objects.create(
        idea=idea,
        when=idea.closed_at,
        kind=IdeaEventKind.OUTCOME,
        status=IdeaStatus.ACCEPTED,
        text="It is now a question for research on one of the projects we support.",
        by=context["users"]["adviser"],
    )
