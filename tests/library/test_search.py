"""Full-text search of the library through its one interface, on whichever database the suite runs on (SQLite by
default; `scripts/with-postgres.sh` runs it on PostgreSQL): words anywhere in the text, best match first, and any
text a visitor types returns results or none, never an error."""

import pytest
from django.db import connection
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mobilise.library import search
from mobilise.library.access import published
from mobilise.library.models import CaseStudy

from ..factories import LibraryCaseStudyFactory

HOSTILE = [
    '"',
    '"unbalanced',
    "screening AND",
    "AND OR NOT",
    "NEAR(screening commissioners, 2)",
    "screen*",
    "*",
    "title:screening",
    "^screening",
    "screening -",
    "(",
    "')); DROP TABLE library_casestudy; --",
    "\x00",
    "screening\x00commissioners",
    "é ñ 漢字 🙂",
    "%_\\",
    "word " * 2000,
    "x" * 10_000,
]


@pytest.fixture
def library(db):
    LibraryCaseStudyFactory(
        published=True,
        title="Cancer screening with a mosque's women's group",
        summary="Women who had never been screened booked appointments.",
        what_we_did="A commissioning workshop with system partners.",
    )
    LibraryCaseStudyFactory(
        published=True,
        title="Frailty at the front door",
        summary="Older people were assessed on arrival.",
        what_we_did="Stakeholder mapping with the emergency department.",
        outcome="Commissioners funded a frailty team. Screening was not involved.",
    )
    LibraryCaseStudyFactory(title="A draft about screening")  # never found: not published


def titles(text):
    return [c.title for c in search.search(published(), text)]


def test_words_anywhere_in_the_text_best_match_first(library):
    found = titles("screening")
    assert found[0] == "Cancer screening with a mosque's women's group"
    assert set(found) == {"Cancer screening with a mosque's women's group", "Frailty at the front door"}
    assert titles("commissioning workshop") == ["Cancer screening with a mosque's women's group"]
    assert titles("frailty") == ["Frailty at the front door"]
    assert titles("nothing-like-this") == []


def test_stemming_finds_other_forms_of_a_word(library):
    assert "Cancer screening with a mosque's women's group" in titles("screened")


def test_blank_text_leaves_the_list_alone(library):
    assert search.search(published(), "  ").count() == 2


def test_search_follows_edits(library):
    entry = CaseStudy.objects.get(title="Frailty at the front door")
    entry.title = "Falls prevention in care homes"
    entry.save()
    assert titles("falls") == ["Falls prevention in care homes"]
    assert titles("frailty") == ["Falls prevention in care homes"]  # still in its outcome
    entry.delete()
    assert titles("falls") == []


@pytest.mark.parametrize("text", HOSTILE, ids=range(len(HOSTILE)))
def test_hostile_text_returns_results_or_none(library, text):
    assert isinstance(titles(text), list)


@pytest.mark.parametrize("text", [*HOSTILE[:6], "\x00", "x" * 10_000], ids=range(8))
def test_hostile_text_on_the_page(client, library, text):
    assert client.get("/case-studies/", {"q": text}).status_code == 200


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(max_size=300))
def test_any_text_returns_results_or_none(library, text):
    assert isinstance(titles(text), list)


def test_quoting_for_fts5():
    assert search.fts5_query('say "hi" NEAR(x*') == '"say" "hi" "NEAR" "x"'
    assert search.fts5_query("***") == ""


def test_runs_on_the_database_it_says(library):
    assert connection.vendor in ("sqlite", "postgresql")


def test_the_stored_document_is_the_one_searched_before():
    """Migration 0004 stores the weighted document 0003 indexed, so matches and ranks are as they were."""
    from importlib import import_module

    indexed = import_module("mobilise.library.migrations.0003_postgresql_full_text_index").DOCUMENT
    stored = import_module("mobilise.library.migrations.0004_stored_search_document_and_staff_list_index").DOCUMENT
    assert stored == indexed


def _plan(sql, params, *settings):
    with connection.cursor() as cursor:
        for setting in settings:
            cursor.execute(setting)
        cursor.execute("EXPLAIN " + ("QUERY PLAN " if connection.vendor == "sqlite" else "") + sql, params)
        return "\n".join(str(row[-1]) for row in cursor.fetchall())


def test_one_page_of_matches_is_ranked_in_the_database(library):
    """The page's query ranks with the stored document and carries the LIMIT; on SQLite FTS5 hands the matches
    over best first, so nothing sorts the joined rows (a join ordered by anything else sorts every match)."""
    sql, params = search.search(published(), "screening")[:10].query.sql_with_params()
    assert "LIMIT" in sql and "to_tsvector" not in sql
    if connection.vendor == "sqlite":
        assert "TEMP B-TREE" not in _plan(sql, params)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the GIN index is PostgreSQL's")
def test_postgresql_searches_through_the_index(library):
    sql, params = search.search(CaseStudy.objects.all(), "screening").query.sql_with_params()
    plan = _plan(sql, params, "SET LOCAL enable_seqscan = off")
    assert "library_casestudy_search_document" in plan, plan


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's stored document")
def test_postgresql_keeps_the_document_in_the_row(library):
    """Stored apart (TOAST), each match's vector is fetched and decompressed to rank it: four times slower."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT attstorage, attgenerated FROM pg_attribute "
            "WHERE attrelid = 'library_casestudy'::regclass AND attname = 'search_document'"
        )
        assert cursor.fetchone() == ("m", "s")


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's stored document")
def test_the_stored_document_is_added_to_a_library_with_entries(library):
    """Migration 0004 (back and forth) on a library already holding case studies: each is searchable through the
    new column, stored in its row."""
    from django.db.migrations.executor import MigrationExecutor

    before, after = (
        ("library", "0003_postgresql_full_text_index"),
        (
            "library",
            "0004_stored_search_document_and_staff_list_index",
        ),
    )
    # The entries' deferred key checks run now: PostgreSQL alters no table with checks pending, and going back to
    # 0003 alters the tables the entries were written to (0006 puts back the list of support given).
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    executor = MigrationExecutor(connection)
    executor.migrate([before])
    executor.loader.build_graph()
    executor.migrate([after])
    assert titles("frailty") == ["Frailty at the front door"]
    test_postgresql_keeps_the_document_in_the_row(library)
