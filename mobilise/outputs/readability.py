"""How easy a text is to read, against the reading level its audience needs, and which sentences to fix."""

import re
import warnings

from .plainwords import PATTERNS as PLAIN_WORDS

with warnings.catch_warnings():
    warnings.simplefilter("ignore")  # textstat 0.7.3 imports the deprecated pkg_resources
    import textstat

LONG_SENTENCE = 25  # words
SENTENCE = re.compile(r"[^.!?\n]+(?:[.!?]+|$)")
WORD = re.compile(r"[A-Za-z][A-Za-z'-]*")
BE = {"am", "is", "are", "was", "were", "be", "been", "being", "isn't", "aren't", "wasn't", "weren't"}
# Words that may stand between "to be" and the participle: "was not given", "is still being reviewed".
BETWEEN = {"not", "also", "still", "often", "always", "never", "then", "now", "all", "both", "being", "been", "first"}
IRREGULAR = set(
    [
        "known",
        "seen",
        "given",
        "taken",
        "shown",
        "done",
        "made",
        "found",
        "written",
        "held",
        "built",
        "brought",
        "thought",
        "told",
        "sent",
        "paid",
        "kept",
        "led",
        "chosen",
        "drawn",
        "grown",
        "understood",
        "spoken",
        "begun",
        "run",
        "set",
        "put",
        "cut",
        "read",
        "won",
        "lost",
        "met",
        "left",
        "heard",
        "sold",
        "bought",
        "taught",
        "caught",
        "felt",
        "meant",
        "hidden",
        "forgotten",
        "broken",
        "driven",
        "eaten",
        "fallen",
        "forgiven",
        "frozen",
        "ridden",
        "risen",
        "shaken",
        "stolen",
        "sworn",
        "torn",
        "worn",
        "woven",
        "withdrawn",
        "undertaken",
        "overseen",
        "overtaken",
        "rewritten",
        "hit",
        "hurt",
        "shut",
        "spread",
    ]
)
# Past participles used as adjectives after "to be" ("our confidence is limited", "we are concerned that"): a
# state, not an action, so not passive unless an agent follows ("was limited by the budget").
ADJECTIVAL = set(
    [
        "limited",
        "concerned",
        "interested",
        "involved",
        "based",
        "related",
        "tired",
        "worried",
        "pleased",
        "satisfied",
        "qualified",
        "experienced",
        "skilled",
        "prepared",
        "supposed",
        "aged",
        "detailed",
        "complicated",
        "dedicated",
        "committed",
        "mixed",
        "varied",
        "advanced",
        "balanced",
        "biased",
        "informed",
        "excited",
        "surprised",
        "disappointed",
        "confused",
        "scared",
        "frightened",
        "bored",
        "amazed",
        "annoyed",
        "convinced",
        "determined",
        "engaged",
        "entitled",
        "exhausted",
        "embarrassed",
        "delighted",
        "relieved",
        "ashamed",
        "married",
        "located",
        "situated",
        "designed",
        "well-placed",
        "focused",
    ]
)
# Words ending in -ed that are not participles.
NOT_PARTICIPLE = set(
    [
        "red",
        "bed",
        "shed",
        "seed",
        "need",
        "feed",
        "speed",
        "breed",
        "hundred",
        "sacred",
        "naked",
        "wicked",
        "rugged",
        "ragged",
        "indeed",
    ]
)


def _participle(word):
    return word in IRREGULAR or (word.endswith("ed") and len(word) > 3 and word not in NOT_PARTICIPLE)


def is_passive(sentence):
    """A form of "to be", perhaps a few adverbs, then a past participle: the usual shape of the passive voice;
    a participle used as an adjective ("is limited", "are concerned") counts only when an agent ("by") follows."""
    words = [w.lower() for w in WORD.findall(sentence)]
    for i, word in enumerate(words):
        if word not in BE:
            continue
        j = i + 1
        while j < len(words) and j - i <= 3 and (words[j] in BETWEEN or words[j].endswith("ly")):
            j += 1
        if j >= len(words) or not _participle(words[j]):
            continue
        if words[j] not in ADJECTIVAL or "by" in words[j + 1 : j + 4]:
            return True
    return False


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


class Checker:
    """The reasons to fix one sentence: long, passive voice, jargon (the glossary, then the words to avoid)."""

    def __init__(self, glossary=()):
        self.patterns = [(_term_pattern(term), term, plain) for term, plain in glossary] + PLAIN_WORDS
        self.jargon = {}

    def reasons(self, sentence):
        reasons = []
        count = len(WORD.findall(sentence))
        if count > LONG_SENTENCE:
            reasons.append(f"long: {count} words; aim for under {LONG_SENTENCE}")
        if is_passive(sentence):
            reasons.append("passive voice: say who does what")
        seen = set()
        for pattern, term, plain in self.patterns:
            match = pattern.search(sentence)
            if match and match.group(0).lower() not in seen and term.lower() not in seen:
                seen |= {match.group(0).lower(), term.lower()}
                self.jargon.setdefault(term, plain)
                reasons.append(f"“{term}”: try “{plain}”")
        return reasons


def mark(body, checker):
    """The section's text as lines of segments, each sentence to fix carrying its reasons, for the editor to show
    highlighted: [{"bullet": bool, "segments": [{"text", "reasons", "start", "end"}]}]; start and end are the
    sentence's offsets in body."""
    lines, offset = [], 0
    for raw in body.splitlines(keepends=True):
        line = raw.rstrip("\r\n")
        stripped = line.lstrip()
        bullet = stripped.startswith("- ")
        start = offset + len(line) - len(stripped) + (2 if bullet else 0)
        text = line[start - offset :]
        segments, at = [], 0
        for match in SENTENCE.finditer(text):
            sentence = match.group(0)
            if not WORD.search(sentence):
                continue
            lead = len(sentence) - len(sentence.lstrip())
            sentence = sentence.strip()
            first = match.start() + lead
            if first > at:
                segments.append({"text": text[at:first], "reasons": []})
            reasons = checker.reasons(sentence if not bullet or sentence[-1] in ".!?" else sentence + ".")
            segments.append(
                {"text": sentence, "reasons": reasons, "start": start + first, "end": start + first + len(sentence)}
            )
            at = first + len(sentence)
        if at < len(text):
            segments.append({"text": text[at:], "reasons": []})
        if text.strip():
            lines.append({"bullet": bullet, "segments": segments})
        offset += len(raw)
    return lines


def analyse_sections(sections, *, target_grade, glossary=()):
    """analyse() over the sections [(key, heading, body)] together, each sentence to fix naming its section, and
    per section the text marked up for the editor: report["sections"] = [{key, heading, lines, count}]."""
    report = analyse("\n\n".join(body for _, _, body in sections), target_grade=target_grade, glossary=glossary)
    checker = Checker(glossary)
    report["fixes"], report["sections"] = [], []
    for key, heading, body in sections:
        lines = mark(body, checker)
        flagged = [seg for line in lines for seg in line["segments"] if seg["reasons"]]
        report["fixes"] += [
            {
                "sentence": seg["text"],
                "reasons": seg["reasons"],
                "section": heading,
                "key": key,
                "span": (seg["start"], seg["end"]),
            }
            for seg in flagged
        ]
        report["sections"].append({"key": key, "heading": heading, "lines": lines, "count": len(flagged)})
    return report


def analyse(text, *, target_grade, glossary=()):
    """Readability figures and the sentences to fix.

    glossary is [(term, plain alternative)]; the words to avoid (plainwords.py) are always checked. Returns a dict
    with flesch (reading ease, higher is easier), grade (Flesch-Kincaid), smog, words, verdict ("meets", "close" or
    "too_hard" against target_grade), fixes: [{sentence, reasons}] in text order, and jargon: [(term, plain)].
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
    checker = Checker(glossary)
    fixes = [{"sentence": sentence, "reasons": r} for sentence in found if (r := checker.reasons(sentence))]
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
        "jargon": sorted(checker.jargon.items()),
    }
