"""Demo impact log for TOGETHER-Screen: claims with their evidence and testimonials, and the drafted impact case
study. All people and figures are fictional."""

import datetime

from django.utils import timezone

from mobilise.engagement.models import Interaction, Workshop
from mobilise.outputs.models import Dissemination
from mobilise.planning import access as planning_access

from . import services
from .models import ClaimType, EvidenceKind

# Each claim with the outcome it contributes to and its evidence, in the order they were logged. A date given as a
# number is that many days before today, so that the claim stays recent; what led to the first one is linked in build().
CLAIMS = [
    (
        dict(
            kind=ClaimType.COMMISSIONING,
            title="Commissioning teams continue to discuss taking the intervention into local pathways",
            reach="Kingsbridge and Mereshire ICB, covering 14 practices and about 9,800 South Asian women "
            "aged 50 to 70",
            significance="The cancer board asked for a costed service "
            "specification after the commissioning workshop; one place has funded sessions for 2025-26.",
            date=14,
        ),
        "Commissioners fund the champion model in local pathways",
        [
            dict(
                kind=EvidenceKind.LINK,
                title="Cancer board minutes, item 6",
                url="https://example.org/icb/cancer-board/2025-06-minutes",
            ),
            dict(
                kind=EvidenceKind.EMAIL,
                title="Email from the ICB commissioning lead",
                text="We would like to take the champion sessions into the local screening pathway and "
                "need a costed specification by September.",
                source="Commissioning lead, ICB",
            ),
        ],
    ),
    (
        dict(
            kind=ClaimType.FUNDING,
            title="Secured funding to study adapting the intervention for another community",
            reach="Somali and Eritrean women in Kingsbridge",
            significance="A two-year award lets "
            "the team test whether the model travels to other communities with low uptake.",
            date=datetime.date(2025, 9, 1),
        ),
        "The gap in screening uptake between communities narrows",
        [dict(kind=EvidenceKind.LINK, title="Award notice", url="https://example.org/awards/together-screen-2")],
    ),
    (
        dict(
            kind=ClaimType.PRACTICE,
            title="Practices refer women who have not responded to invitations to champion sessions",
            reach="9 of the 14 practices",
            significance="Referral is now part of the practices' recall routine rather than an extra task.",
            date=datetime.date(2025, 3, 20),
        ),
        "Screening uptake rises among South Asian women",
        [
            dict(
                kind=EvidenceKind.TESTIMONIAL,
                title="Practice nurse, Mereside Surgery",
                text="We used to send a third letter. Now we ring and offer a champion session "
                "at the mosque, and most women come.",
                source="Practice nurse (fictional)",
                consent=True,
            )
        ],
    ),
]

# date, tried, learned, changed; the second entry points at the snapshot taken after the commissioning workshop.
LEARNING = [
    (
        datetime.date(2024, 9, 30),
        "Sessions on weekday mornings in GP surgeries.",
        "Few women came: many work or care for grandchildren in the mornings, and a surgery felt clinical.",
        "Moved sessions to evenings and weekends in mosques and community centres.",
    ),
    (
        datetime.date(2025, 5, 20),
        "Presenting uptake results to commissioners as a single figure.",
        "Commissioners asked who benefited: the gap by deprivation mattered more to them than the average.",
        "Added deprivation breakdowns to the indicators and a commissioning outcome to the logic model.",
    ),
]


def build(project, users, elements):
    by = users["lead"]
    # What led to the first claim: the policy brief sent to the cancer board, the GP federation board, the
    # commissioning workshop.
    activities = {
        "sendings": list(Dissemination.objects.filter(output__project=project)),
        "workshops": list(Workshop.objects.filter(project=project)),
        "interactions": list(Interaction.objects.filter(project=project, subject="GP federation board")),
    }
    for index, (values, outcome, evidence) in enumerate(CLAIMS):
        date = values["date"]
        if isinstance(date, int):
            date = timezone.localdate() - datetime.timedelta(days=date)
        claim = services.save_claim(
            project=project,
            activities=activities if index == 0 else None,
            **{**values, "date": date},
            outcome=elements[outcome],
        )
        for item in evidence:
            services.add_evidence(claim=claim, by=by, **item)
    snapshot = planning_access.project_snapshots(project).filter(name="After the commissioning workshop").first()
    for (date, tried, learned, changed), at in zip(LEARNING, (None, snapshot), strict=True):
        services.save_learning(project=project, date=date, tried=tried, learned=learned, changed=changed, snapshot=at)
    services.save_case_study(project=project, **CASE_STUDY)


CASE_STUDY = {
    "title": "Community health champions narrow the gap in cancer screening for South Asian women",
    "summary": (
        "Research at Kingsbridge University showed that sessions led by trained community health champions, held in "
        "mosques and community centres in Bengali, Urdu, Punjabi and Gujarati, raised breast and bowel screening "
        "uptake among South Asian women aged 50 to 70. Across 14 Mereshire practices, uptake rose from 52% to 61% in "
        "two years and the gap with White British women fell by three points. Practices now refer women who have not "
        "responded to invitations, the integrated care board has funded sessions for 2025-26, and the model is being "
        "adapted for Somali and Eritrean women."
    ),
    "research": (
        "TOGETHER-Screen (2023 to 2026) asked whether community health champions could raise screening uptake among "
        "South Asian women in Mereshire, where uptake was 14 points below that of White British women and lowest in "
        "the most deprived neighbourhoods.\n\n"
        "The team co-designed the sessions with the Mereshire Community Faith Forum and women who had never been "
        "screened. Twelve champions were trained to explain what screening involves, answer questions about fear, "
        "modesty and cost, and help women book. A controlled before-and-after comparison of practice uptake data, "
        "with subgroup analyses by ethnicity and deprivation quintile, measured the effect. Realist interviews with 42 "
        "women, 12 champions and practice staff explained for whom and why it worked: trust in a woman from the same "
        "community, practical help with booking, and sessions in evenings and at weekends.\n\n"
        "Key findings: uptake rose by 9 percentage points against 2 in comparison practices; the largest gains were "
        "among Bangladeshi women and in the two most deprived quintiles; and women who attended were far less likely "
        "to give fear or embarrassment as a reason not to attend."
    ),
    "references": (
        "Rahman S, Okafor J, Patel N. Community health champions and breast screening uptake among South Asian women: "
        "a controlled before-and-after study. Journal of Screening Equity. 2025;12(3):141-150.\n"
        "Patel N, Rahman S. Why trust matters: a realist evaluation of champion-led screening sessions. Health "
        "Expectations. 2025;28(4):e14102.\n"
        "TOGETHER-Screen team. Co-designing screening conversations with faith communities: a protocol. BMJ Open. "
        "2024;14:e081234.\n"
        "Okafor J, et al. Reaching women not registered with a GP: lessons from TOGETHER-Screen. Kingsbridge "
        "University working paper 2025/07."
    ),
    "details": (
        "Practice change. After results at 12 months, 9 of the 14 participating practices made referral to champion "
        "sessions part of their recall routine: women who have not responded to two invitations are phoned and "
        "offered a session in their language. Practice nurses report that most women offered a session now attend "
        "(source 3).\n\n"
        "Commissioning. The research team presented findings by deprivation quintile at a commissioning workshop in "
        "May 2025. The Kingsbridge and Mereshire integrated care board's cancer board then asked for a costed service "
        "specification (source 1), and one place funded champion sessions for 2025-26, covering about 9,800 South "
        "Asian women aged 50 to 70 (source 2).\n\n"
        "Reach and significance. Across the 14 practices, uptake among South Asian women rose from 52% to 61% over two "
        "years, and the gap with White British women narrowed from 14 to 11 percentage points (source 4). Gains were "
        "largest where need was greatest: among Bangladeshi women and in the most deprived neighbourhoods.\n\n"
        "Further funding and spread. A two-year award now supports adapting the model with Somali and Eritrean women "
        "in Kingsbridge, testing whether it travels to other communities with low uptake (source 5)."
    ),
    "sources": (
        "Kingsbridge and Mereshire ICB cancer board minutes, June 2025, item 6.\n"
        "Email from the ICB commissioning lead confirming funding for 2025-26.\n"
        "Testimonial from a practice nurse, Mereside Surgery (consent recorded).\n"
        "Mereshire screening hub, quarterly uptake extract, December 2025.\n"
        "Award notice, TOGETHER-Screen 2 (adapting the model for Somali and Eritrean women)."
    ),
}
