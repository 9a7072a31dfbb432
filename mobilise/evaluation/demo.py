"""Demo evaluation for TOGETHER-Screen: questions, indicators with two years of actuals by ethnicity and
deprivation, the commissioning workshop's feedback form with responses, an impact log and a learning log.
All people and figures are fictional."""

import datetime
import random
from decimal import Decimal

from mobilise.planning import access as planning_access
from mobilise.planning.models import Column

from . import services
from .models import ClaimType, EvidenceKind, QuestionKind

QUESTIONS = [
    (
        "what",
        "Does offering community health champion sessions raise breast and bowel screening uptake among South "
        "Asian women aged 50 to 70?",
        "Controlled before-and-after comparison of practice uptake",
        "Screening hub uptake data by practice",
        "Every quarter; final analysis at 24 months",
    ),
    (
        "whom",
        "For which women do the sessions work best: by community, language, age and deprivation?",
        "Subgroup analysis; interviews with women who did and did not attend",
        "Uptake data by ethnicity and IMD quintile; session registers",
        "At 12 and 24 months",
    ),
    (
        "circumstances",
        "In what circumstances do practices and venues make the sessions work: which settings, "
        "languages and referral routes?",
        "Realist interviews with champions and practice staff",
        "Champion logs; practice referral records",
        "Month 9 and month 20",
    ),
    (
        "why",
        "Why do the sessions change what women decide: knowledge, trust, practical help or the champion herself?",
        "Qualitative interviews (42 women, 12 champions); survey before and after sessions",
        "Interview transcripts; session surveys",
        "Months 6 to 18",
    ),
    (
        "process",
        "Were sessions delivered as planned, in the languages and places women asked for?",
        "Fidelity checklist; session records",
        "Champion session logs",
        "Every quarter",
    ),
]

ETHNICITY = ["Bangladeshi", "Pakistani", "Indian"]
DEPRIVATION = ["1 (most deprived)", "2", "3", "4", "5 (least deprived)"]
QUARTERS = [
    (f"{year} Q{q}", datetime.date(year, q * 3, 30 if q in (2, 3) else 31))
    for year in (2024, 2025)
    for q in (1, 2, 3, 4)
]


def _uptake(rng, project, element):
    indicator = services.save_indicator(
        project=project,
        element=element,
        name="Screening uptake among South Asian women aged 50 to 70",
        definition="Women of South Asian ethnicity aged 50 to 70 screened within 6 months of invitation, divided by "
        "those invited, in the 14 participating practices",
        unit="%",
        direction="up",
        data_source="Mereshire screening hub, quarterly extract",
        baseline_value=Decimal("52.0"),
        baseline_date=datetime.date(2023, 12, 31),
        breakdowns={"Ethnicity": ETHNICITY, "Deprivation quintile": DEPRIVATION},
        additive=False,
    )
    gaps = {"Bangladeshi": -5.0, "Pakistani": -2.0, "Indian": 4.0}
    depr = {c: -6 + 3 * i for i, c in enumerate(DEPRIVATION)}
    for i, (label, ends) in enumerate(QUARTERS):
        target = Decimal(str(round(52 + 1.1 * (i + 1), 1)))
        period = services.save_period(indicator=indicator, label=label, ends=ends, target=target)
        total = 52 + 1.2 * (i + 1) - (0.8 if i in (2, 3) else 0) + rng.uniform(-0.4, 0.4)
        values = {("", ""): Decimal(f"{total:.1f}")}
        for name, gap in gaps.items():
            values[("Ethnicity", name)] = Decimal(f"{total + gap * (1 - i / 12) + rng.uniform(-1, 1):.1f}")
        for name, gap in depr.items():
            values[("Deprivation quintile", name)] = Decimal(f"{total + gap + rng.uniform(-1, 1):.1f}")
        services.set_actuals(period=period, values=values)
    return indicator


def _yearly(
    project,
    element,
    *,
    name,
    unit,
    direction,
    baseline,
    targets,
    actuals,
    definition,
    source,
    breakdowns=None,
    additive=False,
):
    indicator = services.save_indicator(
        project=project,
        element=element,
        name=name,
        definition=definition,
        unit=unit,
        direction=direction,
        data_source=source,
        baseline_value=Decimal(str(baseline)),
        baseline_date=datetime.date(2023, 12, 31),
        breakdowns=breakdowns or {},
        additive=additive,
    )
    for year, target, actual in zip((2024, 2025), targets, actuals, strict=True):
        period = services.save_period(
            indicator=indicator, label=str(year), ends=datetime.date(year, 12, 31), target=Decimal(str(target))
        )
        if actual is not None:
            values = actual if isinstance(actual, dict) else {("", ""): Decimal(str(actual))}
            services.set_actuals(period=period, values=values)
    return indicator


FEEDBACK = [
    (QuestionKind.RATING, "How useful was the workshop to you?", "", True),
    (QuestionKind.LIKERT, "I understand the evidence on community health champions", "", False),
    (QuestionKind.LIKERT, "I would support commissioning the champion model", "", False),
    (
        QuestionKind.SINGLE,
        "Your role",
        "Commissioner\nGP or practice staff\nPublic health\nCommunity organisation\nOther",
        False,
    ),
    (
        QuestionKind.MULTIPLE,
        "Which parts were most useful?",
        "Findings presentation\nHearing from champions\nCosting discussion\nSmall-group planning",
        False,
    ),
    (QuestionKind.TEXT, "What would help you act on what you heard today?", "", False),
]
COMMENTS = [
    "A one-page costing for our board.",
    "Data by practice so we can target the gaps.",
    "Hearing directly from the champions made the case.",
    "",
    "A named contact in the research team.",
    "Examples of service specifications from elsewhere.",
    "",
    "More time for the planning groups.",
]


def _feedback(rng, project):
    form = services.save_feedback_form(
        project=project,
        title="Commissioning workshop: your feedback",
        intro="Thank you for coming to the commissioning workshop. Six short questions; it takes two minutes.",
        is_open=True,
        one_per_browser=True,
    )
    questions = [
        services.save_feedback_question(form=form, kind=k, text=t, choices=c, required=r) for k, t, c, r in FEEDBACK
    ]
    roles = questions[3].options
    for n in range(18):
        answers = {
            questions[0].pk: rng.choices(["3", "4", "5"], weights=[2, 7, 9])[0],
            questions[1].pk: rng.choices(questions[1].options[2:], weights=[2, 9, 7])[0],
            questions[2].pk: rng.choices(questions[2].options[1:], weights=[1, 3, 8, 6])[0],
            questions[3].pk: rng.choices(roles, weights=[6, 4, 3, 4, 1])[0],
            questions[4].pk: rng.sample(questions[4].options, rng.randint(1, 3)),
            questions[5].pk: COMMENTS[n % len(COMMENTS)],
        }
        services.record_response(form=form, answers=answers)
    return form


def build(context):
    project, users = context["projects"]["screening"], context["users"]
    rng = random.Random(7)
    for focus, text, methods, sources, timing in QUESTIONS:
        services.save_question(
            project=project, focus=focus, text=text, methods=methods, data_sources=sources, timing=timing
        )
    elements = {e.text: e for e in planning_access.project_elements(project, Column.values)}
    _uptake(rng, project, elements["Screening uptake rises among South Asian women"])
    _yearly(
        project,
        elements["120 sessions delivered"],
        name="Champion sessions delivered",
        unit="sessions",
        direction="up",
        baseline=0,
        targets=[50, 120],
        actuals=[
            {
                ("", ""): Decimal(58),
                ("Language", "Bengali"): Decimal(21),
                ("Language", "Urdu"): Decimal(19),
                ("Language", "Punjabi"): Decimal(10),
                ("Language", "Gujarati"): Decimal(8),
            },
            {
                ("", ""): Decimal(112),
                ("Language", "Bengali"): Decimal(39),
                ("Language", "Urdu"): Decimal(36),
                ("Language", "Punjabi"): Decimal(21),
                ("Language", "Gujarati"): Decimal(16),
            },
        ],
        definition="Sessions of 45 minutes or more led by a trained champion, cumulative",
        source="Champion session logs",
        breakdowns={"Language": ["Bengali", "Urdu", "Punjabi", "Gujarati"]},
        additive=True,
    )
    _yearly(
        project,
        elements["Women know what screening involves and why it matters"],
        name="Women who can describe what screening involves",
        unit="%",
        direction="up",
        baseline=41,
        targets=[60, 75],
        actuals=[63, 72],
        definition="Session attendees answering 3 of 4 questions correctly after the session",
        source="Session survey",
    )
    _yearly(
        project,
        elements["Fear and stigma about screening are lower"],
        name="Women giving fear or embarrassment as a reason not to attend",
        unit="%",
        direction="down",
        baseline=38,
        targets=[32, 25],
        actuals=[33, 27],
        definition="Share of surveyed women who have not attended naming fear or embarrassment",
        source="Community survey",
    )
    _yearly(
        project,
        elements["Commissioners fund the champion model in local pathways"],
        name="Places commissioning the champion model",
        unit="places",
        direction="up",
        baseline=0,
        targets=[1, 3],
        actuals=[1, None],
        definition="Integrated care board places with the model in a service specification",
        source="ICB commissioning minutes",
    )
    _yearly(
        project,
        elements["The gap in screening uptake between communities narrows"],
        name="Gap in uptake between South Asian and White British women",
        unit="percentage points",
        direction="down",
        baseline=14,
        targets=[12, 10],
        actuals=[12.6, 10.8],
        definition="White British uptake minus South Asian uptake, women 50 to 70",
        source="Screening hub",
    )
    _feedback(rng, project)
    _impact(project, users, elements)
    services.save_case_study(project=project, **CASE_STUDY)


def _impact(project, users, elements):
    by = users["lead"]
    claim = services.save_claim(
        project=project,
        kind=ClaimType.COMMISSIONING,
        title="Commissioning teams continue to discuss taking the intervention into local pathways",
        reach="Kingsbridge and Mereshire ICB, covering 14 practices and about 9,800 South Asian women aged 50 to 70",
        significance="The cancer board asked for a costed service "
        "specification after the commissioning workshop; one place has funded sessions for 2025-26.",
        date=datetime.date(2025, 6, 12),
        outcome=elements["Commissioners fund the champion model in local pathways"],
    )
    services.add_evidence(
        claim=claim,
        by=by,
        kind=EvidenceKind.LINK,
        title="Cancer board minutes, item 6",
        url="https://example.org/icb/cancer-board/2025-06-minutes",
    )
    services.add_evidence(
        claim=claim,
        by=by,
        kind=EvidenceKind.EMAIL,
        title="Email from the ICB commissioning lead",
        text="We would like to take the champion sessions into the local screening pathway and "
        "need a costed specification by September.",
        source="Commissioning lead, ICB",
    )
    funding = services.save_claim(
        project=project,
        kind=ClaimType.FUNDING,
        title="Secured funding to study adapting the intervention for another community",
        reach="Somali and Eritrean women in Kingsbridge",
        significance="A two-year award lets "
        "the team test whether the model travels to other communities with low uptake.",
        date=datetime.date(2025, 9, 1),
        outcome=elements["The gap in screening uptake between communities narrows"],
    )
    services.add_evidence(
        claim=funding,
        by=by,
        kind=EvidenceKind.LINK,
        title="Award notice",
        url="https://example.org/awards/together-screen-2",
    )
    practice = services.save_claim(
        project=project,
        kind=ClaimType.PRACTICE,
        title="Practices refer women who have not responded to invitations to champion sessions",
        reach="9 of the 14 practices",
        significance="Referral is now part of the practices' recall routine rather than an extra task.",
        date=datetime.date(2025, 3, 20),
        outcome=elements["Screening uptake rises among South Asian women"],
    )
    services.add_evidence(
        claim=practice,
        by=by,
        kind=EvidenceKind.TESTIMONIAL,
        title="Practice nurse, Mereside Surgery",
        text="We used to send a third letter. Now we ring and offer a champion session "
        "at the mosque, and most women come.",
        source="Practice nurse (fictional)",
        consent=True,
    )
    snapshot = planning_access.project_snapshots(project).filter(name="After the commissioning workshop").first()
    services.save_learning(
        project=project,
        date=datetime.date(2024, 9, 30),
        tried="Sessions on weekday mornings in GP surgeries.",
        learned="Few women came: many work or care for grandchildren in the mornings, and a surgery felt clinical.",
        changed="Moved sessions to evenings and weekends in mosques and community centres.",
    )
    services.save_learning(
        project=project,
        date=datetime.date(2025, 5, 20),
        tried="Presenting uptake results to commissioners as a single figure.",
        learned="Commissioners asked who benefited: the gap by deprivation mattered more to them than the average.",
        changed="Added deprivation breakdowns to the indicators and a commissioning outcome to the logic model.",
        snapshot=snapshot,
    )


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
