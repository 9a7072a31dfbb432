"""Six demo ideas through "Get involved", one in each state an adviser meets: just received, under review with two
assessments, waiting on its sender, accepted and waiting to be taken forward, accepted and now an evidence gap on
TOGETHER-Screen, and not taken forward. Made directly rather than through the services, so no email is sent."""

from datetime import timedelta
from typing import Any

from django.utils import timezone

from mobilise.engagement import services as engagement

from .models import Assessment, Idea, IdeaEvent, IdeaEventKind, IdeaStage, IdeaStatus
from .rubric import IDEA_CRITERIA
from .services_ideas import gap_text

# (reference, days ago, fields, [(days ago, status, reason)])
IDEAS: list[tuple[str, int, dict[str, Any], list[tuple[int, str, str]]]] = [
    (
        "IDEA-R7KD-4MWA",
        1,
        {
            "title": "Walk and talk for older men",
            "problem": "Older men who live alone rarely talk to anyone about how they feel.",
            "idea": "Weekly guided walks where men can talk, led by trained volunteers from the Men's Shed.",
            "who_benefits": "Older men who live alone, and their families.",
            "evidence": "Twelve men came to our first two walks.",
            "stage": IdeaStage.TRIED,
            "help_wanted": "How to find out if the walks make a difference.",
            "name": "Sam Okoro",
            "email": "sam@valeshed.example",
            "organisation_name": "Vale Men's Shed",
        },
        [],
    ),
    (
        "IDEA-C3PN-8TXE",
        8,
        {
            "title": "Pharmacy blood pressure checks in mosques",
            "problem": "Many people with high blood pressure in our community do not know they have it.",
            "idea": "Pharmacists check blood pressure after Friday prayers, with a leaflet in Urdu and Bengali.",
            "who_benefits": "South Asian adults over 40 in Mereshire.",
            "evidence": "A similar scheme in another city found hundreds of people with high blood pressure.",
            "stage": IdeaStage.IDEA,
            "help_wanted": "Finding funding and a pharmacy partner.",
            "name": "Imran Siddiqui",
            "email": "imran@mereshire-faith.example",
            "organisation_name": "Mereshire Faith Forum",
        },
        [(6, IdeaStatus.REVIEWING, "It fits our priority on heart health and inequalities.")],
    ),
    (
        "IDEA-H9VB-2QZS",
        15,
        {
            "title": "An app to plan hospital discharge with carers",
            "problem": "Carers often hear about a discharge on the day, with no time to get ready.",
            "idea": "A simple app that tells a named carer when discharge is being planned and what they need to do.",
            "who_benefits": "Unpaid carers and the people they look after.",
            "stage": IdeaStage.IDEA,
            "name": "Grace Bell",
            "email": "grace@carelink.example",
            "organisation_name": "CareLink Ltd",
        },
        [
            (13, IdeaStatus.REVIEWING, "We need to understand how it fits with the trust's discharge team."),
            (10, IdeaStatus.WAITING, "Which hospital have you spoken to, and what did the discharge team say?"),
        ],
    ),
    (
        "IDEA-M4TF-6KJD",
        25,
        {
            "title": "Cooking classes for people starting insulin",
            "problem": "People who start insulin are afraid of low blood sugar and stop cooking fresh food.",
            "idea": "Four short cooking classes with a dietitian, in the community kitchen next to the clinic.",
            "who_benefits": "People with type 2 diabetes starting insulin, and their families.",
            "evidence": "Our patient group asked for this at three meetings last year.",
            "stage": IdeaStage.IN_USE,
            "help_wanted": "A way to show commissioners it works.",
            "name": "Joy Adeyemi",
            "email": "joy.adeyemi@vale-trust.example",
            "organisation_name": "Vale Hospitals NHS Trust",
        },
        [
            (22, IdeaStatus.REVIEWING, "A clear need that our diabetes work has heard before."),
            (18, IdeaStatus.ACCEPTED, "Strong need and early evidence; we can help plan an evaluation."),
        ],
    ),
    (
        "IDEA-W2GX-5NRY",
        40,
        {
            "title": "Screening reminders from people women trust",
            "problem": "Women who have never had cervical screening ignore letters from the NHS.",
            "idea": "Community health champions give the reminder in person, in the woman's own language.",
            "who_benefits": "Women who have never been screened, in areas where few people take up screening.",
            "evidence": "Champions in our project heard this from many women.",
            "stage": IdeaStage.IDEA,
            "name": "Amina Yusuf",
            "email": "amina@champions.example",
            "organisation_name": "Mereshire Health Champions",
        },
        [
            (37, IdeaStatus.REVIEWING, "It builds on what TOGETHER-Screen learnt."),
            (33, IdeaStatus.ACCEPTED, "It is a question TOGETHER-Screen's partners want answered."),
        ],
    ),
    (
        "IDEA-B8QM-3HCT",
        50,
        {
            "title": "A national register of all gym members",
            "problem": "We do not know how active people are.",
            "idea": "Every gym sends its members' visits to a national register.",
            "who_benefits": "Planners.",
            "stage": IdeaStage.IDEA,
            "name": "Chris Dale",
            "email": "chris@example.com",
        },
        [(45, IdeaStatus.NOT_TAKEN, "It is outside our region's work, and it would raise serious privacy concerns.")],
    ),
]


def build_ideas(context: dict[str, Any]) -> None:
    now = timezone.now()
    adviser, adviser2 = context["users"]["adviser"], context["users"]["adviser2"]
    for reference, days_ago, fields, history in IDEAS:
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
