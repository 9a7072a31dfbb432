"""Starting points for a new logic model, written as text and links and built into model data."""

import uuid

from .modeldata import FORMAT


def build(*, problem="", context="", population="", hints=None, columns=None, links=(), notes=()):
    """Model data from {column: [texts]}, links as (source text, target text[, rationale]) and
    notes as (column, text, attached-to text). hints guide the problem, context and population: they are shown
    while a field is empty and never become its text."""
    elements, keys = [], {}
    for column, texts in (columns or {}).items():
        for position, text in enumerate(texts):
            keys[text] = str(uuid.uuid4())
            elements.append(
                {
                    "key": keys[text],
                    "column": column,
                    "text": text,
                    "description": "",
                    "position": position,
                    "about": None,
                    "about_link": None,
                }
            )
    for position, (column, text, about) in enumerate(notes):
        elements.append(
            {
                "key": str(uuid.uuid4()),
                "column": column,
                "text": text,
                "description": "",
                "position": position,
                "about": keys.get(about),
                "about_link": None,
            }
        )
    return {
        "format": FORMAT,
        "version": 1,
        "problem": problem,
        "context": context,
        "population": population,
        "hints": dict(hints or {}),
        "elements": elements,
        "links": [
            {"source": keys[link[0]], "target": keys[link[1]], "rationale": link[2] if len(link) > 2 else ""}
            for link in links
        ],
    }


def service_evaluation():
    return build(
        hints={"problem": "Describe the gap in care or outcomes the service is meant to close."},
        columns={
            "inputs": ["Evaluation team time", "Routine service data", "Service staff and users' time"],
            "activities": [
                "Map how the service works",
                "Collect outcome and experience data",
                "Analyse what works, for whom and why",
                "Share findings with commissioners",
            ],
            "outputs": ["Programme theory of the service", "Evaluation report and summary for commissioners"],
            "short": ["Commissioners understand the service's effects"],
            "medium": ["Decisions on continuing or changing the service use the evidence"],
            "long": ["Services are commissioned on evidence of benefit"],
            "impact": ["Better outcomes for the people the service is for"],
        },
        links=[
            ("Evaluation team time", "Map how the service works"),
            ("Routine service data", "Collect outcome and experience data"),
            ("Service staff and users' time", "Collect outcome and experience data"),
            ("Map how the service works", "Programme theory of the service"),
            ("Programme theory of the service", "Commissioners understand the service's effects"),
            ("Evaluation team time", "Analyse what works, for whom and why"),
            ("Evaluation team time", "Share findings with commissioners"),
            ("Collect outcome and experience data", "Evaluation report and summary for commissioners"),
            ("Analyse what works, for whom and why", "Evaluation report and summary for commissioners"),
            ("Share findings with commissioners", "Commissioners understand the service's effects"),
            ("Evaluation report and summary for commissioners", "Commissioners understand the service's effects"),
            (
                "Commissioners understand the service's effects",
                "Decisions on continuing or changing the service use the evidence",
            ),
            (
                "Decisions on continuing or changing the service use the evidence",
                "Services are commissioned on evidence of benefit",
            ),
            ("Services are commissioned on evidence of benefit", "Better outcomes for the people the service is for"),
        ],
        notes=[
            ("assumptions", "Routine data are complete enough to compare groups", "Routine service data"),
            (
                "external",
                "Commissioning budgets change during the evaluation",
                "Decisions on continuing or changing the service use the evidence",
            ),
        ],
    )


def evidence_implementation():
    return build(
        hints={"problem": "Describe the evidence-based practice and the gap between evidence and current practice."},
        columns={
            "inputs": ["Implementation facilitators", "Clinical champions", "Evidence summary"],
            "activities": [
                "Assess barriers and enablers with staff",
                "Tailor implementation strategies",
                "Train and support staff",
                "Audit and feed back practice",
            ],
            "outputs": ["Tailored implementation plan", "Staff trained", "Audit reports shared each quarter"],
            "short": ["Staff know and accept the practice"],
            "medium": ["The practice is used routinely"],
            "long": ["The practice is sustained without extra support"],
            "impact": ["Patients receive care that reflects the best evidence"],
        },
        links=[
            ("Implementation facilitators", "Assess barriers and enablers with staff"),
            ("Evidence summary", "Train and support staff"),
            ("Clinical champions", "Train and support staff"),
            ("Implementation facilitators", "Tailor implementation strategies"),
            ("Clinical champions", "Audit and feed back practice"),
            ("Assess barriers and enablers with staff", "Tailored implementation plan"),
            ("Tailor implementation strategies", "Tailored implementation plan"),
            ("Tailored implementation plan", "Staff know and accept the practice"),
            ("Train and support staff", "Staff trained"),
            ("Audit and feed back practice", "Audit reports shared each quarter"),
            ("Staff trained", "Staff know and accept the practice"),
            ("Audit reports shared each quarter", "The practice is used routinely"),
            ("Staff know and accept the practice", "The practice is used routinely"),
            ("The practice is used routinely", "The practice is sustained without extra support"),
            (
                "The practice is sustained without extra support",
                "Patients receive care that reflects the best evidence",
            ),
        ],
        notes=[("assumptions", "Managers release staff time for training", "Train and support staff")],
    )


def coproduced_community():
    return build(
        hints={
            "problem": "Describe the health problem as the community describes it.",
            "population": "Name the community, for example by place, language, age and ethnicity.",
        },
        columns={
            "inputs": ["Community partners and members", "Research team", "Funding for community time"],
            "activities": [
                "Co-design the intervention with community members",
                "Train community champions",
                "Run sessions in trusted community places",
            ],
            "outputs": ["Intervention designed with the community", "Sessions delivered in community languages"],
            "short": ["People know more and trust the service more"],
            "medium": ["More people from the community use the service"],
            "long": ["The gap in use between communities narrows"],
            "impact": ["Fairer health outcomes for the community"],
        },
        links=[
            ("Community partners and members", "Co-design the intervention with community members"),
            ("Research team", "Co-design the intervention with community members"),
            ("Funding for community time", "Train community champions"),
            ("Co-design the intervention with community members", "Intervention designed with the community"),
            ("Train community champions", "Sessions delivered in community languages"),
            ("Funding for community time", "Run sessions in trusted community places"),
            ("Run sessions in trusted community places", "Sessions delivered in community languages"),
            ("Intervention designed with the community", "People know more and trust the service more"),
            ("Sessions delivered in community languages", "People know more and trust the service more"),
            ("People know more and trust the service more", "More people from the community use the service"),
            ("More people from the community use the service", "The gap in use between communities narrows"),
            ("The gap in use between communities narrows", "Fairer health outcomes for the community"),
        ],
        notes=[
            (
                "assumptions",
                "Community partners have capacity to take part throughout",
                "Co-design the intervention with community members",
            )
        ],
    )


STARTERS = {
    "blank": ("Blank model", "Start with empty columns.", lambda: build()),
    "service": (
        "Evaluation of a service intervention",
        "For evaluating how a service works and what difference it makes.",
        service_evaluation,
    ),
    "implementation": (
        "Implementation of evidence-based practice",
        "For putting proven practice into routine use.",
        evidence_implementation,
    ),
    "community": (
        "Co-produced community intervention",
        "For work designed and delivered with a community.",
        coproduced_community,
    ),
}
