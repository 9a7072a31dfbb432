"""Demo evaluation for TOGETHER-Screen: questions, indicators with two years of actuals by ethnicity and
deprivation, the commissioning workshop's feedback form with responses, an impact log and a learning log.
All people and figures are fictional."""

import datetime
import random
from decimal import Decimal
from typing import NamedTuple

from mobilise.planning import access as planning_access
from mobilise.planning.models import Column

from . import demo_impact, services
from .models import QuestionKind

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


def _yearly(project, element, *, baseline, targets, actuals, breakdowns=None, additive=False, **fields):
    """An indicator measured once a year, 2024 and 2025, against a baseline at the end of 2023; fields are the
    indicator's own (name, definition, unit, direction, data source)."""
    indicator = services.save_indicator(
        project=project,
        element=element,
        **fields,
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


class Yearly(NamedTuple):
    """An indicator measured once a year (see _yearly): the logic-model element it measures, its own fields, its
    baseline, and its targets and actuals for 2024 and 2025 (an actual may be broken down, or not in yet)."""

    element: str
    name: str
    definition: str
    data_source: str
    unit: str
    direction: str
    baseline: float
    targets: list[float]
    actuals: list[float | dict[tuple[str, str], Decimal] | None]
    breakdowns: dict[str, list[str]] | None = None
    additive: bool = False


YEARLY = [
    Yearly(
        "120 sessions delivered",
        "Champion sessions delivered",
        "Sessions of 45 minutes or more led by a trained champion, cumulative",
        "Champion session logs",
        "sessions",
        "up",
        0,
        [50, 120],
        [
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
        breakdowns={"Language": ["Bengali", "Urdu", "Punjabi", "Gujarati"]},
        additive=True,
    ),
    Yearly(
        "Women know what screening involves and why it matters",
        "Women who can describe what screening involves",
        "Session attendees answering 3 of 4 questions correctly after the session",
        "Session survey",
        "%",
        "up",
        41,
        [60, 75],
        [63, 72],
    ),
    Yearly(
        "Fear and stigma about screening are lower",
        "Women giving fear or embarrassment as a reason not to attend",
        "Share of surveyed women who have not attended naming fear or embarrassment",
        "Community survey",
        "%",
        "down",
        38,
        [32, 25],
        [33, 27],
    ),
    Yearly(
        "Commissioners fund the champion model in local pathways",
        "Places commissioning the champion model",
        "Integrated care board places with the model in a service specification",
        "ICB commissioning minutes",
        "places",
        "up",
        0,
        [1, 3],
        [1, None],
    ),
    Yearly(
        "The gap in screening uptake between communities narrows",
        "Gap in uptake between South Asian and White British women",
        "White British uptake minus South Asian uptake, women 50 to 70",
        "Screening hub",
        "percentage points",
        "down",
        14,
        [12, 10],
        [12.6, 10.8],
    ),
]


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
    for row in YEARLY:
        _yearly(project, **{**row._asdict(), "element": elements[row.element]})
    _feedback(rng, project)
    demo_impact.build(project, users, elements)
