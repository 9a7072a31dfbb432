"""How easy a text is to read, against the reading level its audience needs, and which sentences to fix."""

import re
import warnings

with warnings.catch_warnings():
    warnings.simplefilter("ignore")  # textstat 0.7.3 imports the deprecated pkg_resources
    import textstat

LONG_SENTENCE = 25  # words
SENTENCE = re.compile(r"[^.!?\n]+(?:[.!?]+|$)")
WORD = re.compile(r"[A-Za-z][A-Za-z'-]*")
# A form of "to be", perhaps an adverb, then a past participle: the usual shape of the passive voice.
PASSIVE = re.compile(
    r"\b(?:am|is|are|was|were|be|been|being)\s+(?:\w+ly\s+)?"
    r"(?:\w+ed|known|seen|given|taken|shown|done|made|found|written|held|built|brought|thought|told|sent|"
    r"paid|kept|led|chosen|drawn|grown|understood|spoken|begun|run|set|put|cut|read)\b",
    re.IGNORECASE,
)


def plain_text(body):
    """Section text without the bullet markers, each bullet ending as a sentence."""
    lines = []
    for line in body.splitlines():
        line = line.strip()
        if line.startswith("- "):
            line = line[2:].strip()
            if line and line[-1] not in ".!?":
                line += "."
        lines.append(line)
    return "\n".join(lines)


def sentences(text):
    return [s.strip() for s in SENTENCE.findall(text) if WORD.search(s)]


def _term_pattern(term):
    return re.compile(r"\b" + re.escape(term) + r"\b", re.IGNORECASE)


def analyse(text, *, target_grade, glossary=()):
    """Readability figures and the sentences to fix.

    glossary is [(term, plain alternative)]. Returns a dict with flesch (reading ease, higher is easier),
    grade (Flesch-Kincaid), smog, words, verdict ("meets", "close" or "too_hard" against target_grade),
    and fixes: [{sentence, reasons}] in text order.
    """
    text = plain_text(text)
    found = sentences(text)
    words = len(WORD.findall(text))
    if not found:
        return {
            "words": 0,
            "sentences": 0,
            "flesch": None,
            "grade": None,
            "smog": None,
            "verdict": "empty",
            "target": target_grade,
            "fixes": [],
            "jargon": [],
        }
    grade = round(textstat.flesch_kincaid_grade(text), 1)
    patterns = [(term, plain, _term_pattern(term)) for term, plain in glossary]
    jargon = {}
    fixes = []
    for sentence in found:
        reasons = []
        count = len(WORD.findall(sentence))
        if count > LONG_SENTENCE:
            reasons.append(f"long: {count} words; aim for under {LONG_SENTENCE}")
        if PASSIVE.search(sentence):
            reasons.append("passive voice: say who does what")
        for term, plain, pattern in patterns:
            if pattern.search(sentence):
                jargon[term] = plain
                reasons.append(f"“{term}”: try “{plain}”")
        if reasons:
            fixes.append({"sentence": sentence, "reasons": reasons})
    verdict = "meets" if grade <= target_grade else "close" if grade <= target_grade + 2 else "too_hard"
    return {
        "words": words,
        "sentences": len(found),
        "flesch": round(textstat.flesch_reading_ease(text), 1),
        "grade": grade,
        "smog": round(textstat.smog_index(text), 1) if len(found) >= 3 else None,
        "verdict": verdict,
        "target": target_grade,
        "fixes": fixes,
        "jargon": sorted(jargon.items()),
    }
