"""Text ranking that says why: BM25 over English word stems (the Snowball stemmer), scored word by word.

One ranker serves who should hear a finding (outputs/hearing.py) and what could meet a system priority. It
never learns from what users choose: the same texts always rank the same way, and each match names the words
that made it, strongest first, so an adviser can trust or overrule it.

BM25 is scored here over the query's own words only: a library index (bm25s) scores every word of every
document first, 85 ms for 2,000 profiles of 25 words on the bench machine; this way, with each text's words counted
once and remembered, ranking them again takes under 20 ms.
"""

import math
import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from django.db import connection
from django.db.models import Q, QuerySet

# Letters only (no digits, no underscores), with an inner apostrophe: "women's" is one word.
WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)*")
SHORTEST = 3
# Words too common to tell texts apart (the function words of English), and a few this field uses everywhere.
STOP_WORDS = frozenset(
    """
    about above after again against all also although among and any are aren't around because been before being
    below between both but can cannot could couldn't did didn't does doesn't doing don't down during each either
    else enough even ever every few for from further had hadn't has hasn't have haven't having her here hers
    herself him himself his how however into isn't its itself just least less let like made make many may might
    more most much must mustn't myself neither never nor not now off often once one only onto other others ought
    our ours ourselves out over own per quite rather said same see seen shall she should shouldn't since some
    still such than that the their theirs them themselves then there these they this those though through thus
    till too under until upon very via was wasn't were weren't what when where whether which while who whom whose
    why will with within without won't would wouldn't yet you your yours yourself yourselves
    use used using well way ways get got new
    """.split()  # noqa: SIM905 (a list of 180 quoted words would be harder to read and keep)
)
# BM25's two constants, at their usual values: how fast repeats of a word stop counting, how much length counts.
K1, B = 1.2, 0.75


@cache
def _stemmer():
    import snowballstemmer

    return snowballstemmer.stemmer("english")


# Each word seen, and its stem ("" for a word not worth matching on). A project's profiles repeat the same few
# thousand words, and the stemmer is pure Python: slow by comparison with a look-up.
_stems: dict[str, str] = {}
_MOST_REMEMBERED = 200_000


def _stem(word: str) -> str:
    stem = _stems.get(word)
    if stem is None:
        if len(_stems) >= _MOST_REMEMBERED:
            _stems.clear()
        base = word.removesuffix("'s")
        worth = len(base) >= SHORTEST and base not in STOP_WORDS
        stem = _stems[word] = _stemmer().stemWord(base) if worth else ""
    return stem


def _words(text: str) -> list[str]:
    return WORD.findall(text.lower().replace("’", "'"))


def words(text: str) -> list[tuple[str, str]]:
    """(stem, word) for each word of text worth matching on: lower case, no stop words, no very short words."""
    return [(stem, word.removesuffix("'s")) for word in _words(text) if (stem := _stem(word))]


def stems(text: str) -> list[str]:
    """The stems of words(text)."""
    return [stem for word in _words(text) if (stem := _stem(word))]


# Each document's stems counted, and its length, by its text: a project's profiles are ranked again and again
# between changes.
_counts: dict[str, tuple[Counter[str], int]] = {}


def _counted(text: str) -> tuple[Counter[str], int]:
    counted = _counts.get(text)
    if counted is None:
        if len(_counts) >= _MOST_REMEMBERED // 10:
            _counts.clear()
        found = stems(text)
        counted = _counts[text] = (Counter(found), len(found))
    return counted


class Match:
    """How well one document matches the query: relevance 0 to 1 (1 is the best match of the lot) and the query's
    words found in the document, strongest first (worked out when read: a page reads them for a few of thousands)."""

    __slots__ = ("_parts", "_shown", "explain", "relevance")

    def __init__(self, relevance: float, parts: dict[str, float], shown: dict[str, str], explain: int) -> None:
        self.relevance, self._parts, self._shown, self.explain = relevance, parts, shown, explain

    @property
    def words(self) -> tuple[str, ...]:
        strongest = sorted(self._parts, key=lambda stem: (-self._parts[stem], stem))[: self.explain]
        return tuple(self._shown[stem] for stem in strongest)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Match) and (self.relevance, self.words) == (other.relevance, other.words)

    def __repr__(self) -> str:
        return f"Match({self.relevance:.3f}, {self.words})"


NO_MATCH = Match(0.0, {}, {}, 0)


def rank(query: str, documents: Sequence[str], explain: int = 5) -> list[Match]:
    """A Match for each document, in the documents' order; explain is how many words each names at most."""
    shown: dict[str, str] = {}  # each stem of the query, as the query first writes it
    for stem, word in words(query):
        shown.setdefault(stem, word)
    counted = [_counted(text) for text in documents]
    if not counted:
        return []
    average = sum(length for _, length in counted) / len(counted) or 1.0
    found = Counter(stem for counts, _ in counted for stem in shown.keys() & counts.keys())
    # Lucene's idf: rarer words weigh more, and a word in every document still weighs a little.
    idf = {stem: math.log(1 + (len(counted) - n + 0.5) / (n + 0.5)) for stem, n in found.items()}
    scored = []
    for counts, length in counted:
        norm = K1 * (1 - B + B * length / average)
        parts = {stem: idf[stem] * counts[stem] * (K1 + 1) / (counts[stem] + norm) for stem in idf.keys() & counts}
        scored.append((parts, sum(parts.values())))
    best = max((total for _, total in scored), default=0.0)
    return [Match(total / best, parts, shown, explain) if parts else NO_MATCH for parts, total in scored]


# Ranking a whole programme's texts (tens of thousands of findings, case studies, people) on each request took
# seconds: the database first finds the rows holding one of the query's most telling words, the newest first.
TELLING = 8
MOST_CANDIDATES = 600


def telling(query: str) -> list[str]:
    """What to look for in the database for the query's most telling words (its eight longest stems): each stem
    less its last letter (the stemmer may have changed it, as "caring" to "care"), so every text holding the word
    is found, and some more, which the ranker then weighs."""
    found = sorted({stem for stem, _ in words(query)}, key=lambda stem: (-len(stem), stem))[:TELLING]
    return [stem[:-1] if len(stem) > 3 else stem for stem in found]


def holding(fields: Iterable[str], pieces: list[str]) -> Q:
    """Rows whose fields hold one of the pieces, in any case; none when there is none."""
    condition = Q(pk__in=[])
    if pieces and connection.vendor == "postgresql":
        # One case-blind regular expression a field: PostgreSQL upper-cases the text again for each piece that
        # icontains looks for, ten times the cost (51 against 7 ms over 5,000 case studies). SQLite's LIKE ignores
        # case without that cost, and it would run a regular expression in Python.
        either = "|".join(re.escape(piece) for piece in pieces)
        for name in fields:
            condition |= Q(**{f"{name}__iregex": either})
        return condition
    for name in fields:
        for piece in pieces:
            condition |= Q(**{f"{name}__icontains": piece})
    return condition


@dataclass(frozen=True)
class Found:
    """One of the best matches of a kind, as a page lists it."""

    pk: int | str  # a case study's slug
    title: str
    url: str
    detail: str  # what else names it: a finding's project, a person's job and organisation
    words: tuple[str, ...]


def best(
    query: str,
    rows: QuerySet | list,
    text: Callable[[Any], str],
    found: Callable[[Any, tuple], Found],
    shown: int = 5,
) -> list[Found]:
    """The best `shown` of the rows (a values_list, of which the newest candidates are read, or a list) for the
    query."""
    candidates = list(rows.order_by("-pk")[:MOST_CANDIDATES] if isinstance(rows, QuerySet) else rows)
    matches = rank(query, [text(row) for row in candidates])
    ranked = sorted(
        ((match, index) for index, match in enumerate(matches) if match.relevance > 0),
        key=lambda pair: (-pair[0].relevance, pair[1]),
    )
    return [found(candidates[index], match.words) for match, index in ranked[:shown]]
