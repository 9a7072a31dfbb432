"""A plan section's count against its template's limit: the impact case study's rule (`evaluation.casestudy`),
reused so the two never disagree on what a word is or how an overrun is said."""

from typing import Any

from mobilise.evaluation.casestudy import limit_check, word_count

from .shapes import CHARACTERS, SectionShape


def count(text: str, unit: str) -> int:
    return len((text or "").strip()) if unit == CHARACTERS else word_count(text)


def check(shape: SectionShape, text: str) -> dict[str, Any]:
    """{name, count, limit, noun, over, message} for the section's text, e.g. “212 of 300 words”."""
    return limit_check(shape.key, count(text, shape.unit), shape.limit, shape.unit)
