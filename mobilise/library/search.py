"""Full-text search of the library, one interface over two engines: PostgreSQL's full-text search on PostgreSQL,
SQLite's FTS5 (the table and triggers of migration 0002) on SQLite; on PostgreSQL the document is
indexed by migration 0003.

`search(queryset, text)` narrows a queryset of case studies to those matching `text`, best match first. Any text
a visitor can type is safe here: quotes, AND/OR/NEAR, `*`, unbalanced quotes, NUL bytes, 10,000 characters. On
SQLite the text is cut into words and each is quoted, so FTS5 never sees its own syntax; PostgreSQL's
`websearch_to_tsquery` accepts any input by design.
"""

import re

from django.db import connection
from django.db.models import BooleanField, FloatField, QuerySet
from django.db.models.expressions import RawSQL

from .models import CaseStudy

MAX_WORDS = 32  # a longer search is cut: nobody means more, and each word costs a look-up
WORD = re.compile(r"\w+", re.UNICODE)
CONFIG = "english"


def _text(*columns: str) -> str:
    return " || ' ' || ".join(f'coalesce("library_casestudy"."{c}", \'\')' for c in columns)


# The document PostgreSQL searches: the title weighs more than the rest. Migration 0003 indexes this very
# expression (GIN), which is what lets the planner use the index; tests/library/test_search.py holds them equal.
DOCUMENT = (
    f"(setweight(to_tsvector('{CONFIG}'::regconfig, {_text('title')}), 'A') || "
    f"setweight(to_tsvector('{CONFIG}'::regconfig, "
    f"{_text('summary', 'what_we_did', 'outcome', 'testimonial', 'testimonial_name', 'testimonial_organisation')}"
    "), 'B'))"
)


def words(text: str) -> list[str]:
    return WORD.findall(text.replace("\x00", " "))[:MAX_WORDS]


def fts5_query(text: str) -> str:
    """Every word as an FTS5 string (inside double quotes, any double quote doubled), all of them required."""
    return " ".join('"' + word.replace('"', '""') + '"' for word in words(text))


def _sqlite(queryset: QuerySet[CaseStudy], text: str) -> QuerySet[CaseStudy]:
    query = fts5_query(text)
    if not query:
        return queryset.none()
    # A join, so FTS5 finds the matches once and each brings its rank (bm25: lower is better; the title weighs
    # more); a correlated subquery would run the match again for every row.
    return queryset.extra(  # noqa: S610 - fixed SQL; the search text is a parameter
        select={"rank": "-bm25(library_casestudy_fts, 4.0, 1.0)"},
        tables=["library_casestudy_fts"],
        where=["library_casestudy_fts MATCH %s", "library_casestudy_fts.rowid = library_casestudy.id"],
        params=[query],
    ).order_by("-rank", "-first_published", "-pk")


def _postgresql(queryset: QuerySet[CaseStudy], text: str) -> QuerySet[CaseStudy]:
    text = " ".join(text.replace("\x00", " ").split()[: MAX_WORDS * 2])
    if not words(text):
        return queryset.none()
    query = f"websearch_to_tsquery('{CONFIG}', %s)"
    matches = RawSQL(f"{DOCUMENT} @@ {query}", (text,), output_field=BooleanField())
    rank = RawSQL(f"ts_rank({DOCUMENT}, {query})", (text,), output_field=FloatField())
    return queryset.filter(matches).annotate(rank=rank).order_by("-rank", "-first_published", "-pk")


def search(queryset: QuerySet[CaseStudy], text: str) -> QuerySet[CaseStudy]:
    """The case studies of `queryset` that match `text`, best first; all of them, unchanged, for blank text."""
    if not text.strip():
        return queryset
    if connection.vendor == "postgresql":
        return _postgresql(queryset, text)
    return _sqlite(queryset, text)
