"""Stale edits: a record with a `version` field counts its saves, a form carries the version it was opened at,
and a service refuses to save over changes made since (optimistic locking).

A service locks the row, checks the version and bumps it in the same transaction:

    current = Model.objects.select_for_update().get(pk=obj.pk)
    check_version(current, expected_version, posted)
    ...
    current.version += 1

and the view catches StaleEdit to tell the editor, carrying `current.version` into the form so that saving again
overwrites on purpose (`refuse_stale`).
"""

from collections.abc import Collection, Mapping
from typing import Any


class StaleEdit(Exception):
    """The record changed after the editor opened the form.

    current: the record as saved now; fields: the fields (names or labels) that both changed, where known;
    editors: who saved meanwhile, where known."""

    def __init__(self, current: Any, fields: Collection[str] = (), editors: Collection[Any] = ()) -> None:
        super().__init__("Changed since the form was opened")
        self.current = current
        self.fields = list(fields)
        self.editors = set(editors)


def check_version(current: Any, expected_version: int, posted: Mapping[str, Any] | None = None) -> None:
    """Raise StaleEdit unless current (locked by the caller) is still at expected_version. posted: the values the
    editor is saving, by field name; those that differ from current's are the fields StaleEdit names."""
    if current.version != expected_version:
        raise StaleEdit(current, [name for name, value in (posted or {}).items() if getattr(current, name) != value])


def refuse_stale(form: Any, stale: StaleEdit, message: str) -> None:
    """Tell the editor on the bound form why their edit is not saved, and carry the record's current version into the
    form's data: saving again then overwrites the changes made meanwhile, on purpose."""
    form.add_error(None, message)
    form.data = form.data.copy()
    form.data["version"] = stale.current.version
