"""A project's data generation: a number that goes up with every write to the project's data, so that what is dear
to work out from that data (the plan page's live data, the plan health check, the programme view's figures) can be
kept in the cache under it. A change moves the number on, so a page never shows figures from before it; nothing
has to be cleared or expire.

An app declares which of its models hold project data, with the path from a row to its project's id
(`JobApp.project_data`, or `watch` in ready()); each save or delete of such a row moves its project on, inside the
write's own transaction, so whoever reads the new number reads the new data. Rows that several projects show (a
person's name, a user's) move every project that shows them on (`watch_shared`). Writes that send no signals (a
queryset's update(), bulk_update(), raw SQL) call `bump` themselves, and tests run with GENERATIONS_VERIFY, which
works out every figure found in the cache afresh and fails when they differ.

    figures = generations.cached("programme", ids, lambda missing: work_out(missing))

A write adds a row to `Change` and locks nothing else: a counter updated inside every write's transaction would
queue a project's writers behind each other and deadlock one that locks a row first against one that locks it
after. The generation is the project's counter plus its changes, read in one statement. Now and then (FOLD_EVERY),
once a write commits, the project's changes are folded into its counter, which leaves the sum as it was; a fold that
never runs (the process stopped) leaves the changes to be counted, and folded with a later one.

The cache is the process's own (CACHES["generations"]); a database restored from a backup takes a restart.
"""

import dataclasses
import datetime
from collections import Counter
from collections.abc import Callable, Iterable
from functools import partial
from typing import Any, TypeVar

from django.conf import settings
from django.core.cache import caches
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.models import Model
from django.db.models.signals import m2m_changed, post_save, pre_delete
from django.utils import timezone

from .models import Change, Generation

T = TypeVar("T")
KEEP_SECONDS = 24 * 60 * 60  # the key carries the date too: an entry is of no use the day after
WATCHED: set[type[Model]] = set()
# A write folds its projects' changes once in this many changes (by the changes' ids), so that the writers of a busy
# project do not each wait on its counter; a project holds a few dozen changes unfolded, counted in microseconds.
FOLD_EVERY = 32
# Past this many projects a generation read reads every project's (a few bytes each) rather than name them: SQLite
# takes at most 32,766 parameters, and the programme report reads all 2,000 of the bench's.
ALL_PAST = 1000


class StaleCache(AssertionError):
    """GENERATIONS_VERIFY found a cached figure that differs from the data: a write that moved nothing on."""


def bump(project_ids: Iterable[int | None], using: str = DEFAULT_DB_ALIAS) -> None:
    """Move each project's data on: call it inside the transaction of a write that sends no signals."""
    ids = sorted({pk for pk in project_ids if pk is not None})
    if not ids:
        return
    connection = connections[using]
    table = connection.ops.quote_name(Change._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f"INSERT INTO {table} (project_id) VALUES {', '.join(['(%s)'] * len(ids))} RETURNING id", ids)
        numbers = [number for (number,) in cursor.fetchall()]
    if any(number % FOLD_EVERY == 0 for number in numbers):
        transaction.on_commit(partial(fold, ids, using), using=using, robust=True)


def fold(ids: list[int], using: str) -> None:
    """Fold the projects' committed changes into their counters, in one transaction: the sums stay as they were."""
    connection = connections[using]
    changes = connection.ops.quote_name(Change._meta.db_table)
    counters = connection.ops.quote_name(Generation._meta.db_table)
    marks = ", ".join(["%s"] * len(ids))
    with transaction.atomic(using=using), connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {changes} WHERE project_id IN ({marks}) RETURNING project_id", ids)
        folded = sorted(Counter(pk for (pk,) in cursor.fetchall()).items())
        if folded:
            cursor.execute(
                f"INSERT INTO {counters} (project_id, n) VALUES {', '.join(['(%s, %s)'] * len(folded))} "
                f"ON CONFLICT (project_id) DO UPDATE SET n = {counters}.n + excluded.n",
                [value for pair in folded for value in pair],
            )


def current(project_ids: Iterable[int], using: str = DEFAULT_DB_ALIAS) -> dict[int, int]:
    """Each project's generation: its counter and its changes not yet folded, in one statement (one snapshot)."""
    ids = list(project_ids)
    if not ids:
        return {}
    connection = connections[using]
    changes = connection.ops.quote_name(Change._meta.db_table)
    counters = connection.ops.quote_name(Generation._meta.db_table)
    among = f" WHERE project_id IN ({', '.join(['%s'] * len(ids))})" if len(ids) <= ALL_PAST else ""
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT project_id, SUM(k) FROM (SELECT project_id, n AS k FROM {counters}{among} "
            f"UNION ALL SELECT project_id, 1 FROM {changes}{among}) AS t GROUP BY project_id",
            ids + ids if among else [],
        )
        found = dict(cursor.fetchall())
    return {pk: int(found.get(pk, 0)) for pk in ids}


def _in_transaction(using: str) -> bool:
    """Inside a transaction that may yet roll back (a test's own is not one: it is rolled back, with the cache)."""
    return any(not getattr(block, "_from_testcase", False) for block in connections[using].atomic_blocks)


def cached(
    kind: str,
    project_ids: Iterable[int],
    work: Callable[[list[int]], dict[int, T]],
    part: str = "",
    day: datetime.date | None = None,
) -> dict[int, T]:
    """{project id: figure} for each project, from the cache where its data has not moved on since, and from
    work(ids of the rest) otherwise. `kind` names the figure, `part` what else it depends on (a plan), and `day`
    the date work() counts days from (today)."""
    store = caches["generations"]
    day_key = (day or timezone.localdate()).isoformat()
    keys = {pk: f"{kind}:{pk}:{n}:{day_key}:{part}" for pk, n in current(project_ids).items()}
    found = store.get_many(list(keys.values()))
    kept = {pk: found[key] for pk, key in keys.items() if key in found}
    missing = [pk for pk in keys if pk not in kept]
    fresh = work(missing) if missing else {}
    if not _in_transaction(DEFAULT_DB_ALIAS):  # figures read inside a transaction may include writes rolled back
        store.set_many({keys[pk]: fresh[pk] for pk in missing if pk in fresh}, KEEP_SECONDS)
    if kept and settings.GENERATIONS_VERIFY:
        _verify(kind, kept, work(list(kept)))
    return kept | fresh


def cached_one(kind: str, project_id: int, work: Callable[[], T], part: str = "") -> T:
    return cached(kind, [project_id], lambda missing: {pk: work() for pk in missing}, part)[project_id]


def _verify(kind: str, kept: dict[int, Any], fresh: dict[int, Any]) -> None:
    for pk, value in kept.items():
        if _plain(value) != _plain(fresh.get(pk)):
            raise StaleCache(
                f"The cached {kind} of project {pk} differs from its data: a write changed it without moving the "
                f"project's generation on (projects/generations.py).\ncached: {value!r}\nfresh:  {fresh.get(pk)!r}"
            )


def _plain(value: Any) -> Any:
    """A value with its dataclasses as dicts of every field (some compare only a few)."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


def _project_of(row: Model, path: str) -> int | None:
    value: Any = row
    for name in path.split("__"):
        value = getattr(value, name, None)
        if value is None:
            return None
    return value


def _cascaded(row: Model, origin: Any) -> bool:
    """Whether `row` is deleted because `origin` (a row, or a query's rows) is, and origin is watched: a project's
    rows cascade only to rows of the same project, so one change is enough (a project of 2,000 stakeholders is
    deleted with one, not with 2,000)."""
    if isinstance(origin, Model):
        return type(origin) in WATCHED and not (type(origin) is type(row) and origin.pk == row.pk)
    return origin.model in WATCHED and not isinstance(row, origin.model)


def watch(model: type[Model], path: str = "project_id") -> None:
    """Every save or delete of a row of `model`, and every change to its many-to-many fields, moves on the project
    found by `path` (as in a query: "plan__project_id")."""

    def saved(sender: Any, instance: Model, using: str, origin: Any = None, **kwargs: Any) -> None:
        if origin is not None and _cascaded(instance, origin):
            return  # deleted with a watched row of the same project, whose own delete moves it on
        bump([_project_of(instance, path)], using)

    def connect(through: Any, query_name: str) -> None:
        def related(sender: Any, instance: Model, action: str, pk_set: Any, using: str, **kwargs: Any) -> None:
            if action not in ("post_add", "post_remove", "pre_clear"):
                return
            if isinstance(instance, model):
                bump([_project_of(instance, path)], using)
                return
            # From the other side (a stakeholder's audiences, say): the rows of `model` it named, or held.
            rows = model._base_manager.using(using)
            rows = rows.filter(**{query_name: instance.pk}) if action == "pre_clear" else rows.filter(pk__in=pk_set)
            bump(rows.values_list(path, flat=True), using)

        m2m_changed.connect(related, sender=through, weak=False)

    WATCHED.add(model)
    post_save.connect(saved, sender=model, weak=False)
    # Before the delete, in the collector's transaction: the row's parents can still be read.
    pre_delete.connect(saved, sender=model, weak=False)
    for field in model._meta.many_to_many:
        connect(field.remote_field.through, field.name)
    for rel in model._meta.related_objects:
        if rel.many_to_many:
            connect(rel.through, rel.name)  # type: ignore[attr-defined]


def watch_shared(
    shared: type[Model], model: type[Model], link: str, path: str = "project_id", fields: tuple[str, ...] = ()
) -> None:
    """Rows of `shared` (a person, a user) that rows of `model` link to by `link`: a save (of one of `fields`, when
    given) or delete moves on the project of every row of `model` that links to it."""

    def changed(sender: Any, instance: Model, using: str, update_fields: Any = None, **kwargs: Any) -> None:
        if fields and update_fields is not None and not set(update_fields) & set(fields):
            return  # a sign-in's last_login, say
        rows = model._base_manager.using(using).filter(**{link: instance.pk})
        bump(rows.values_list(path, flat=True).distinct(), using)

    post_save.connect(changed, sender=shared, weak=False)
    pre_delete.connect(changed, sender=shared, weak=False)
