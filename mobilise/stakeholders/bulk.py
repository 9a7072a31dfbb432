"""Bulk inserts with their audit trail, for writes of thousands of rows (the stakeholder import)."""

from datetime import datetime

from django.conf import settings
from django.db import connection

from mobilise.core.models import User

BATCH_SIZE = 1000  # rows per INSERT at most; the database backend may lower it (SQLite allows 999 parameters)
INSERT_CHUNK = 10_000  # rows per executemany


def _fill_defaults(model, fields, rows, now) -> None:
    for f in fields:
        if f.attname in rows[0]:
            continue
        if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False):
            value = now
        elif f.has_default():
            value = f.get_default()
        elif f.null:
            value = None
        else:
            raise ValueError(f"No value for {model.__name__}.{f.attname}")
        for row in rows:
            row[f.attname] = value


def insert_many(model, rows: list[dict], now: datetime) -> None:
    """INSERT rows ({attname: value}) whose ids nobody needs back, with executemany.

    bulk_create prepares every value through the ORM's compiler, which for 100,000 rows with their history costs
    several times the database's own work. Values here are plain str, int, bool or None, as the ORM would send them;
    anything else (the timestamps) goes through the field's own preparation.
    """
    if not rows:
        return
    fields = [f for f in model._meta.concrete_fields if not (f.primary_key and f.attname not in rows[0])]
    _fill_defaults(model, fields, rows, now)

    def prep(field, value):
        if value is None or type(value) in (str, int, bool):
            return value
        return field.get_db_prep_save(value, connection)

    quote = connection.ops.quote_name
    sql = (
        f"INSERT INTO {quote(model._meta.db_table)} ({', '.join(quote(f.column) for f in fields)}) "
        f"VALUES ({', '.join(['%s'] * len(fields))})"
    )
    with connection.cursor() as cursor:
        for start in range(0, len(rows), INSERT_CHUNK):
            cursor.executemany(
                sql, [[prep(f, row[f.attname]) for f in fields] for row in rows[start : start + INSERT_CHUNK]]
            )


def create_with_history(model, objs: list, by: User | None, reason: str, now: datetime) -> None:
    """Insert new records (ids set on them) with a "created" entry each in their audit trail, as
    simple_history.utils.bulk_create_with_history records it, written in bulk."""
    if not objs:
        return
    model.objects.bulk_create(objs, batch_size=BATCH_SIZE)
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
