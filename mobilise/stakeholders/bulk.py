"""Bulk inserts with their audit trail, for writes of thousands of rows (the stakeholder import).

The ORM's bulk_create prepares every value through its compiler: for the import that was four times the database's
own work, all of it while the import held SQLite's one write lock and others' saves waited. Here each value is
prepared once, plain values as they are, and repeated ones (the timestamps) only once a call.
"""

from collections.abc import Callable
from datetime import datetime
from typing import Any

from django.conf import settings
from django.db import connection

from mobilise.core.models import User

BATCH_SIZE = 1000  # rows per INSERT at most; the database backend may lower it (SQLite allows 999 parameters)
INSERT_CHUNK = 10_000  # rows per executemany
PLAIN = (str, int, bool)


def _stamped(field) -> bool:
    """Set to the time of the write by the ORM (auto_now, auto_now_add)."""
    return getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False)


def _fill_defaults(model, fields, rows, now) -> None:
    for f in fields:
        if f.attname in rows[0]:
            continue
        if _stamped(f):
            value = now
        elif f.has_default():
            value = f.get_default()
        elif f.null:
            value = None
        else:
            raise ValueError(f"No value for {model.__name__}.{f.attname}")
        for row in rows:
            row[f.attname] = value


def _preparer() -> Callable[[Any, Any], Any]:
    """Values as the ORM would send them: plain ones as they are, others through their field, each distinct one once."""
    known: dict[tuple, Any] = {}

    def prep(field, value):
        if value is None or type(value) in PLAIN:
            return value
        key = (field.attname, value)
        if key not in known:
            known[key] = field.get_db_prep_save(value, connection)
        return known[key]

    return prep


def _columns(model, fields) -> str:
    quote = connection.ops.quote_name
    return f"INSERT INTO {quote(model._meta.db_table)} ({', '.join(quote(f.column) for f in fields)}) VALUES "


def insert_many(model, rows: list[dict], now: datetime) -> None:
    """INSERT rows ({attname: value}) whose ids nobody needs back, with executemany."""
    if not rows:
        return
    fields = [f for f in model._meta.concrete_fields if not (f.primary_key and f.attname not in rows[0])]
    _fill_defaults(model, fields, rows, now)
    prep, sql = _preparer(), _columns(model, fields) + f"({', '.join(['%s'] * len(fields))})"
    with connection.cursor() as cursor:
        for start in range(0, len(rows), INSERT_CHUNK):
            cursor.executemany(
                sql, [[prep(f, row[f.attname]) for f in fields] for row in rows[start : start + INSERT_CHUNK]]
            )


def insert_returning(model, objs: list, now: datetime) -> None:
    """INSERT new model instances and set their ids, as bulk_create does (RETURNING, rows in the order given);
    automatic timestamps are ``now``."""
    fields = [f for f in model._meta.concrete_fields if not f.primary_key]
    for f in filter(_stamped, fields):
        for obj in objs:
            setattr(obj, f.attname, now)
    prep, pk = _preparer(), model._meta.pk
    rows = [[prep(f, getattr(obj, f.attname)) for f in fields] for obj in objs]
    size = min(BATCH_SIZE, connection.ops.bulk_batch_size(fields, objs))
    one = f"({', '.join(['%s'] * len(fields))})"
    with connection.cursor() as cursor:
        for start in range(0, len(rows), size):
            batch = rows[start : start + size]
            sql = _columns(model, fields) + ", ".join([one] * len(batch))
            cursor.execute(f"{sql} RETURNING {connection.ops.quote_name(pk.column)}", [v for row in batch for v in row])
            for obj, (value,) in zip(objs[start : start + size], cursor.fetchall(), strict=True):
                obj.pk = value
                obj._state.adding, obj._state.db = False, connection.alias


def create_with_history(model, objs: list, by: User | None, reason: str, now: datetime) -> None:
    """Insert new records (ids set on them) with a "created" entry each in their audit trail, as
    simple_history.utils.bulk_create_with_history records it, written in bulk."""
    if not objs:
        return
    insert_returning(model, objs, now)
    if not getattr(settings, "SIMPLE_HISTORY_ENABLED", True):
        return
    history = model.history.model
    tracked = [f.attname for f in history.tracked_fields]
    insert_many(
        history,
        [
            {
                **{name: getattr(obj, name) for name in tracked},
                "history_date": now,
                "history_type": "+",
                "history_change_reason": reason[:100],
                "history_user_id": by.pk if by else None,
            }
            for obj in objs
        ],
        now,
    )
