"""The plan templates built into Mobilise: the shapes funders and teams ask for, each section with its guidance,
its limit and the kind of live data it starts from (`source`, a key of `sources.SOURCES`; "" for a section the
team writes from scratch).

Named "shapes" so it never clashes with the app's Jinja `templates/` folder. An adviser's own templates
(`models.PlanTemplate`) take the same shape and come out of `shape_of` like these.
"""

from dataclasses import dataclass

WORDS, CHARACTERS = "words", "characters"


@dataclass(frozen=True)
class SectionShape:
    key: str
    heading: str
    guidance: str
    limit: int
    unit: str = WORDS  # WORDS or CHARACTERS
    source: str = ""


@dataclass(frozen=True)
class Shape:
    key: str
    name: str
    description: str
    sections: tuple[SectionShape, ...]
    legacy: bool = False


S = SectionShape

NIHR = Shape(
    "nihr",
    "NIHR: dissemination, outputs and anticipated impact",
    "The application form's questions on what the research will produce, how it will reach patients, the NHS and "
    "the public, and the impact it could have.",
    (
        S(
            "outputs",
            "What outputs do you expect the research to produce?",
            "Name each output and who it is for: papers, briefs, summaries, tools, training.",
            300,
            source="strategies",
        ),
        S(
            "audiences",
            "How will patients, the NHS and the public be informed of and engaged with the research?",
            "Who needs to know, in what format and through which channels.",
            300,
            source="knowledge_users",
        ),
        S(
            "pathways",
            "How will outputs enter our health and care system or society as a whole?",
            "The decision-makers and the routes (commissioning cycles, guidelines, networks) that would take the "
            "findings up.",
            300,
            source="partners",
        ),
        S(
            "further",
            "What further funding or support will be needed if this research is successful?",
            "For example implementation funding, a larger trial, or an adoption programme.",
            200,
        ),
        S(
            "barriers",
            "What are the possible barriers to further research, development, adoption and implementation?",
            "The assumptions the work rests on and what could stop it being used.",
            200,
            source="risks",
        ),
        S(
            "impact",
            "What do you think the impact of your research will be and for whom?",
            "The outcomes you expect and who would benefit, including under-served groups.",
            300,
            source="goals",
        ),
    ),
)

KTPT = Shape(
    "ktpt",
    "Knowledge Translation Planning Template",
    "The thirteen sections of the Knowledge Translation Planning Template widely used in health research.",
    (
        S(
            "partners",
            "Project partners",
            "Who are your partners and knowledge users on this project?",
            250,
            source="partners",
        ),
        S(
            "engagement",
            "Degree of partner engagement",
            "How involved is each partner: informed, consulted, involved, collaborating or leading?",
            200,
            source="engagement",
        ),
        S(
            "roles",
            "Partner roles",
            "What role will each partner play in the knowledge translation?",
            200,
            source="roles",
        ),
        S("expertise", "KT expertise", "What knowledge translation expertise does the team have or need?", 150),
        S(
            "users",
            "Knowledge users",
            "Who will use the knowledge, and what do they need from it?",
            250,
            source="knowledge_users",
        ),
        S(
            "messages",
            "Main messages",
            "What are the main messages, and how certain is the evidence behind them?",
            250,
            source="messages",
        ),
        S(
            "goals",
            "KT goals",
            "What do you want to achieve: awareness, interest, practice or policy change?",
            200,
            source="goals",
        ),
        S(
            "strategies",
            "KT strategies",
            "How will you reach each knowledge user: which outputs and activities?",
            300,
            source="strategies",
        ),
        S("processes", "KT processes", "When will each activity happen, and who leads it?", 250, source="timeline"),
        S("evaluation", "Evaluation", "How will you know your knowledge translation worked?", 250, source="evaluation"),
        S("resources", "Resources", "What people, skills and time does the plan need?", 150),
        S("budget", "Budget items", "The costed items the plan needs.", 150, source="resources"),
        S(
            "implementation",
            "Implementation",
            "What would adopting the findings take, and what could get in the way?",
            250,
            source="risks",
        ),
    ),
)

IMPLEMENTATION = Shape(
    "implementation",
    "Implementation plan",
    "Where the work would be adopted, what helps and hinders it, a strategy for each barrier with its owner and "
    "date, and the adaptations made and why.",
    (
        S(
            "settings",
            "Settings and local pathways",
            "The services, organisations and local pathways that would adopt the work.",
            300,
            source="settings",
        ),
        S(
            "barriers",
            "Barriers and enablers",
            "What could get in the way and what will help, drawn from the logic model's assumptions and factors.",
            300,
            source="risks",
        ),
        S(
            "strategies",
            "Strategies, owners and dates",
            "For each barrier: what you will do, who owns it and by when.",
            400,
            source="actions",
        ),
        S(
            "adaptations",
            "Adaptations and their reasons",
            "What you change for this setting or community (for example cultural adaptation) and why, linked to the "
            "outcomes it serves.",
            400,
            source="goals",
        ),
        S(
            "measures",
            "How you will know it is working",
            "Indicators and questions that follow adoption.",
            250,
            source="evaluation",
        ),
    ),
)

UKRI = Shape(
    "ukri_pathways",
    "UKRI pathways to impact (legacy)",
    "UKRI's former two-page pathways to impact, retired in 2020: kept for teams and funders who still ask for it.",
    (
        S(
            "beneficiaries",
            "Who will benefit from this research?",
            "The groups outside academia who could benefit.",
            2000,
            CHARACTERS,
            source="knowledge_users",
        ),
        S(
            "how",
            "How will they benefit?",
            "The changes your work could bring about for them.",
            2000,
            CHARACTERS,
            source="goals",
        ),
        S(
            "activities",
            "What will be done to ensure they benefit?",
            "Engagement, communication and collaboration activities, with timing.",
            3000,
            CHARACTERS,
            source="strategies",
        ),
        S(
            "resources",
            "Resources for impact activities",
            "The costed resources the activities need.",
            1500,
            CHARACTERS,
            source="resources",
        ),
    ),
    legacy=True,
)

BUILT_IN = {shape.key: shape for shape in (NIHR, KTPT, IMPLEMENTATION, UKRI)}
