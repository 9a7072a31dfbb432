"""The impact case study's limits, in the shape research assessment (REF) uses, and the one rule that counts them.

The edit page, the live count (htmx) and the export check all call ``check``, so they can never disagree.
Sections 4 and 5 can start from the impact log: ``details_text`` and ``sources_text`` write them from claims.
"""

from collections.abc import Iterable

from django.utils.formats import date_format

WORD_LIMITS = {"summary": 100, "research": 500, "details": 750}
ITEM_LIMITS = {"references": 6, "sources": 10}
ITEM_NOUNS = {"references": ("reference", "references"), "sources": ("source", "sources")}
LIMITED = [*WORD_LIMITS, *ITEM_LIMITS]


def word_count(text):
    """Words as a reader counts them: pieces of text between spaces that hold a letter or a digit.

    So “evidence-based”, “don't” and “9,800” are one word each, and a lone dash or bullet is none."""
    return sum(1 for token in (text or "").split() if any(c.isalnum() for c in token))


def items(text):
    """The non-blank lines: one reference or source a line."""
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def check(name, text):
    """{name, count, limit, over, message} for one limited section, e.g. “87 of 100 words”."""
    if name in WORD_LIMITS:
        count, limit, noun = word_count(text), WORD_LIMITS[name], "words"
    else:
        count, limit = len(items(text)), ITEM_LIMITS[name]
        noun = ITEM_NOUNS[name][1]
    return limit_check(name, count, limit, noun)


def limit_check(name, count, limit, noun):
    """The rule every limited text follows (the case study's sections here, a plan's sections in plans):
    {name, count, limit, noun, over, message}, the message e.g. “87 of 100 words” or “12 of 10 sources: 2 too many”."""
    message = f"{count:,} of {limit:,} {noun}"
    if count > limit:
        message += f": {count - limit:,} too many"
    return {"name": name, "count": count, "limit": limit, "noun": noun, "over": count > limit, "message": message}


def checks(values):
    """check() for every limited section of values (a dict or a CaseStudy), in page order."""
    get = values.get if isinstance(values, dict) else lambda name, default="": getattr(values, name)
    return {name: check(name, get(name, "")) for name in LIMITED}


def over_limit(values):
    return [c for c in checks(values).values() if c["over"]]


def _one_line(text: str) -> str:
    return " ".join((text or "").split())


def _sentence(text: str) -> str:
    text = _one_line(text)
    return text if not text or text[-1] in ".!?" else f"{text}."


def details_paragraph(claim, produced=()) -> str:
    """A claim as one paragraph of section 4: its title, the outcome it shows, what produced it (activities.Activity
    rows), reach, significance and date."""
    parts = [_sentence(claim.title)]
    if claim.outcome:
        parts.append(_sentence(f"The outcome it shows: {claim.outcome.text}"))
    if produced:
        steps = "; ".join(f"{a.kind.lower()} “{_one_line(a.title)}” ({date_format(a.date, 'j F Y')})" for a in produced)
        parts.append(_sentence(f"It came from: {steps}"))
    parts += [
        _sentence(f"{label}: {text}")
        for label, text in (("Reach", claim.reach), ("Significance", claim.significance))
        if text.strip()
    ]
    parts.append(f"Date: {date_format(claim.date, 'j F Y')}.")
    return " ".join(parts)


def source_line(evidence) -> str:
    """An item of evidence as one line of section 5 (and of the impact report): kind, description, who, link."""
    text = f"{evidence.get_kind_display()}: {_one_line(evidence.title)}"
    if evidence.source.strip():
        text += f" ({_one_line(evidence.source)})"
    if evidence.url:
        text += f", {evidence.url}"
    return text


def details_text(claims: Iterable, produced: dict | None = None) -> str:
    """produced: {claim pk: its activities}, as activities.linked gives it."""
    return "\n\n".join(details_paragraph(claim, (produced or {}).get(claim.pk, ())) for claim in claims)


def sources_text(claims: Iterable) -> str:
    return "\n".join(source_line(evidence) for claim in claims for evidence in claim.evidence.all())
