"""The needs assessment, on the NHS Innovation Service pattern: the same criteria for every request for support
and every idea, each rated yes, partly or no with a comment, by one or several assessors."""

from typing import Any

from .models import Assessment, Rating

# (key, question, what a "yes" looks like)
CRITERIA = [
    ("readiness", "Stage and readiness", "The work is at a stage where our support can make a difference now."),
    ("evidence", "Evidence so far", "There is evidence, or a clear plan to gather it, that the work meets a need."),
    ("stakeholders", "Stakeholders identified", "They know who will use, pay for or be affected by the work."),
    ("plan", "Knowledge mobilisation plan", "There is a plan for getting the findings used, or a will to make one."),
    ("fit", "Fit with our priorities", "The work fits the health and care priorities we support."),
    ("equity", "Equity", "The work considers people who are often left out, and aims to reduce inequalities."),
]


def summary(assessments: list[Assessment]) -> list[dict[str, Any]]:
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
        for key, question, _ in CRITERIA
    ]
