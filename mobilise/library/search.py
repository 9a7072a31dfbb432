"""Full-text search of the library, one interface over two engines: PostgreSQL's full-text search on PostgreSQL,
SQLite's FTS5 on SQLite. Each keeps the searched document beside the rows, so a search never builds it again: on
SQLite the FTS5 table and its triggers of migration 0002; on PostgreSQL the stored generated column
`search_document` with its GIN index (migration 0004).

`search(queryset, text)` narrows a queryset of case studies to those matching `text`, best match first. The match
and the rank both come from that stored document (bm25 inside FTS5; ts_rank on the stored vector) and the ordering
stays in SQL, so the pager's LIMIT fetches one page: a word in every entry costs one ranking pass over the
matches, never a document built per row. Each row carries its engine's own `rank`, for ordering only (bm25: lower is
better; ts_rank: higher is better).

Any text a visitor can type is safe here: quotes, AND/OR/NEAR, `*`, unbalanced quotes, NUL bytes, 10,000
characters. On SQLite the text is cut into words and each is quoted, so FTS5 never sees its own syntax;
PostgreSQL's `websearch_to_tsquery` accepts any input by design.
"""

import re

from django.db import connection
from django.db.models import BooleanField, FloatField, QuerySet
from django.db.models.expressions import RawSQL

from .models import CaseStudy

MAX_WORDS = 32  # a longer search is cut: nobody means more, and each word costs a look-up
WORD = re.compile(r"\w+", re.UNICODE)
CONFIG = "english"


# PostgreSQL's stored document (migration 0004): the title weighted A, the rest B.
DOCUMENT = '"library_casestudy"."search_document"'
# SQLite's rank: bm25 with a weight for each FTS5 column (title, body).
FTS5_RANK = "bm25(4.0, 1.0)"


def words(text: str) -> list[str]:
    return WORD.findall(text.replace("\x00", " "))[:MAX_WORDS]


def fts5_query(text: str) -> str:
    """Every word as an FTS5 string (inside double quotes, any double quote doubled), all of them required."""
    return " ".join('"' + word.replace('"', '""') + '"' for word in words(text))


def _sqlite(queryset: QuerySet[CaseStudy], text: str) -> QuerySet[CaseStudy]:
    query = fts5_query(text)
    if not query:
        return queryset.none()
    # FTS5 finds the matches once and ranks them itself (bm25, the title weighing four times the body): ordered by
    # its own `rank` column alone, FTS5 hands the rows over best first, so SQLite joins each to its case study and
    # stops at the page's LIMIT, never sorting the joined rows. (Ordering by anything else as well would make SQLite
    # sort every match again; bm25 ties are rare, and FTS5 breaks them the same way every time.)
    return queryset.extra(  # noqa: S610 - fixed SQL; the search text is a parameter
        select={"rank": "library_casestudy_fts.rank"},
        tables=["library_casestudy_fts"],
        where=[
            "library_casestudy_fts MATCH %s",
            f"library_casestudy_fts.rank MATCH '{FTS5_RANK}'",
            "library_casestudy_fts.rowid = library_casestudy.id",
        ],
        params=[query],
    ).order_by("rank")


def _postgresql(queryset: QuerySet[CaseStudy], text: str) -> QuerySet[CaseStudy]:
    text = " ".join(text.replace("\x00", " ").split()[: MAX_WORDS * 2])
    if not words(text):
        return queryset.none()
    query = f"websearch_to_tsquery('{CONFIG}', %s)"
    # The GIN index finds the matches; ts_rank reads each one's stored vector, nothing is parsed again.
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
