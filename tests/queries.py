"""A query budget for a page: `with assert_max_queries(12): client.get(url)` fails when more than 12 statements
ran, and lists every one of them, so the N+1 shows in the failure itself (as zulip's
`assert_database_query_count` does). A test that adds rows and runs the same budget again shows the count does not
grow with the data."""

from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from django.core.cache import caches
from django.db import DEFAULT_DB_ALIAS, connections
from django.test.utils import CaptureQueriesContext, override_settings

# Savepoints depend on how transactions nest (and on the backend), not on what a page reads.
SAVEPOINTS = ("SAVEPOINT", "RELEASE SAVEPOINT", "ROLLBACK TO SAVEPOINT")


class Queries:
    """The statements a block ran, savepoints left out."""

    def __init__(self, context: CaptureQueriesContext):
        self.context = context

    @property
    def sql(self) -> list[str]:
        return [q["sql"] for q in self.context.captured_queries if not q["sql"].startswith(SAVEPOINTS)]

    def __len__(self) -> int:
        return len(self.sql)


@contextmanager
def assert_max_queries(n: int, using: str = DEFAULT_DB_ALIAS) -> Iterator[Queries]:
    """The budget is for the worst case, as in production: figures kept under a project's data generation
    (projects/generations.py) are worked out afresh, once, and not worked out again to be verified."""
    caches["generations"].clear()
    with override_settings(GENERATIONS_VERIFY=False), CaptureQueriesContext(connections[using]) as context:
        queries = Queries(context)
        yield queries
    if len(queries) > n:
        listing = "\n".join(f"{i}. {sql}" for i, sql in enumerate(queries.sql, start=1))
        pytest.fail(f"{len(queries)} queries ran, at most {n} expected:\n{listing}", pytrace=False)
