"""Which Researchfish outcome type each of the app's impact claim types reports under.

Funders that collect outcomes through Researchfish (NIHR, UKRI and many charities) ask for them by its own outcome
types; the programme view and report give each claim type's Researchfish type beside it, so an adviser can carry
the counts across. Policy, practice and commissioning changes all fall under Researchfish's "Influence on policy,
practice, patients and the public"; a new intervention under "Medical products, interventions and clinical
trials", the nearest type for the health research Mobilise supports.
"""

from mobilise.evaluation.models import ClaimType

INFLUENCE = "Influence on policy, practice, patients and the public"

RESEARCHFISH: dict[str, str] = {
    ClaimType.POLICY: INFLUENCE,
    ClaimType.PRACTICE: INFLUENCE,
    ClaimType.COMMISSIONING: INFLUENCE,
    ClaimType.FUNDING: "Further funding",
    ClaimType.COLLABORATION: "Collaborations and partnerships",
    ClaimType.PRODUCT: "Medical products, interventions and clinical trials",
    ClaimType.ENGAGEMENT: "Engagement activities",
}

# The app's claim types in the order their choices give, with their labels.
CLAIM_TYPES: list[tuple[str, str]] = [(str(code), str(label)) for code, label in ClaimType.choices]
