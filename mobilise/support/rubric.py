"""The assessment rubric, on the NHS Innovation Service pattern: one mechanism for requests for support and for
ideas, each with its own set of criteria, each rated yes, partly or no with a comment, by one or several assessors
(the Assessment model)."""

from typing import Any

from django.db import models

from .models import Assessment, Idea, Rating, SupportRequest

# (key, question, what a "yes" looks like)
Criterion = tuple[str, str, str]

REQUEST_CRITERIA: list[Criterion] = [
    ("readiness", "Stage and readiness", "The work is at a stage where our support can make a difference now."),
    ("evidence", "Evidence so far", "There is evidence, or a clear plan to gather it, that the work meets a need."),
    ("stakeholders", "Stakeholders identified", "They know who will use, pay for or be affected by the work."),
    ("plan", "Knowledge mobilisation plan", "There is a plan for getting the findings used, or a will to make one."),
    ("fit", "Fit with our priorities", "The work fits the health and care priorities we support."),
    ("equity", "Equity", "The work considers people who are often left out, and aims to reduce inequalities."),
]

IDEA_CRITERIA: list[Criterion] = [
    ("need", "Need", "The idea answers a real problem that people in health or care have now."),
    ("evidence", "Evidence", "There is evidence that the idea could work, or a clear way to find out."),
    ("feasibility", "Feasibility", "The idea could be done with the people, time and money likely to be there."),
    ("fit", "Fit with our priorities", "The idea fits the health and care priorities we support."),
    ("equity", "Equity", "The idea considers people who are often left out, and aims to reduce inequalities."),
]

CRITERIA: dict[type[models.Model], list[Criterion]] = {SupportRequest: REQUEST_CRITERIA, Idea: IDEA_CRITERIA}


def criteria_for(subject: models.Model | type[models.Model]) -> list[Criterion]:
    """The criteria a request, an idea (or their model) is assessed on."""
    model = subject if isinstance(subject, type) else type(subject)
    return CRITERIA[model]


def summary(assessments: list[Assessment], criteria: list[Criterion]) -> list[dict[str, Any]]:
    """Each criterion with every assessor's rating and comment, for the record page's table."""
    labels = dict(Rating.choices)
    return [
        {
            "key": key,
            "question": question,
            "ratings": [
                {
                    "assessor": a.assessor,
                    "rating": labels.get(a.answers.get(key, {}).get("rating", ""), "Not rated"),
                    "comment": a.answers.get(key, {}).get("comment", ""),
                }
                for a in assessments
            ],
        }
        for key, question, _ in criteria
    ]
