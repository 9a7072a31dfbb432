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


def test_the_postgresql_index_is_the_searched_document():
    from importlib import import_module

    migration = import_module("mobilise.library.migrations.0003_postgresql_full_text_index")
    indexed = migration.DOCUMENT
    assert search.DOCUMENT.replace('"library_casestudy".', "").replace('"', "") == indexed


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the GIN index is PostgreSQL's")
def test_postgresql_searches_through_the_index(library):
    sql, params = search.search(CaseStudy.objects.all(), "screening").query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("EXPLAIN " + sql, params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "library_casestudy_search" in plan, plan
