"""Full-text search of the library, one interface over two engines: PostgreSQL's full-text search on PostgreSQL,
SQLite's FTS5 (the table and triggers of migration 0002) on SQLite.

`search(queryset, text)` narrows a queryset of case studies to those matching `text`, best match first. Any text
a visitor can type is safe here: quotes, AND/OR/NEAR, `*`, unbalanced quotes, NUL bytes, 10,000 characters. On
SQLite the text is cut into words and each is quoted, so FTS5 never sees its own syntax; PostgreSQL's
`websearch_to_tsquery` accepts any input by design.
"""

import re

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import F, QuerySet
from django.db.models.expressions import RawSQL

from .models import CaseStudy

MAX_WORDS = 32  # a longer search is cut: nobody means more, and each word costs a look-up
WORD = re.compile(r"\w+", re.UNICODE)
CONFIG = "english"


def words(text: str) -> list[str]:
    return WORD.findall(text.replace("\x00", " "))[:MAX_WORDS]


def fts5_query(text: str) -> str:
    """Every word as an FTS5 string (inside double quotes, any double quote doubled), all of them required."""
    return " ".join('"' + word.replace('"', '""') + '"' for word in words(text))


def _sqlite(queryset: QuerySet[CaseStudy], text: str) -> QuerySet[CaseStudy]:
    query = fts5_query(text)
    if not query:
        return queryset.none()
    # bm25 is lower for a better match; the title weighs more than the body.
    rank = RawSQL(
        "SELECT -bm25(library_casestudy_fts, 4.0, 1.0) FROM library_casestudy_fts "
        "WHERE library_casestudy_fts MATCH %s AND library_casestudy_fts.rowid = library_casestudy.id",
        (query,),
    )
    matching = RawSQL("SELECT rowid FROM library_casestudy_fts WHERE library_casestudy_fts MATCH %s", (query,))
    return queryset.filter(pk__in=matching).annotate(rank=rank).order_by("-rank", "-first_published", "-pk")


def _postgresql(queryset: QuerySet[CaseStudy], text: str) -> QuerySet[CaseStudy]:
    text = " ".join(text.replace("\x00", " ").split()[: MAX_WORDS * 2])
    if not words(text):
        return queryset.none()
    vector = SearchVector("title", weight="A", config=CONFIG) + SearchVector(
        "summary",
        "what_we_did",
        "outcome",
        "testimonial",
        "testimonial_name",
        "testimonial_organisation",
        weight="B",
        config=CONFIG,
    )
    query = SearchQuery(text, search_type="websearch", config=CONFIG)
    return (
        queryset.annotate(document=vector)
        .filter(document=query)
        .annotate(rank=SearchRank(F("document"), query))
        .order_by("-rank", "-first_published", "-pk")
    )


def search(queryset: QuerySet[CaseStudy], text: str) -> QuerySet[CaseStudy]:
    """The case studies of `queryset` that match `text`, best first; all of them, unchanged, for blank text."""
    if not text.strip():
        return queryset
    if connection.vendor == "postgresql":
        return _postgresql(queryset, text)
    return _sqlite(queryset, text)
