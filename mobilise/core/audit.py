"""Reading the audit trail that django-simple-history keeps for every record."""

from django.core.exceptions import FieldDoesNotExist
from simple_history.utils import get_m2m_reverse_field_name

from .paging import paginate

# Bookkeeping fields that change on every save and mean nothing to a reader.
HIDDEN_FIELDS = ["version"]
ACTIONS = {"+": "created", "~": "changed", "-": "deleted"}


def _field(model, name):
    try:
        return model._meta.get_field(name)
    except FieldDoesNotExist:
        return None


def _m2m_accessor(history_model, field):
    """The reverse accessor from a history record to its many-to-many history rows for field."""
    return f"{history_model._meta.model_name}_{field.name}_set"


def _m2m_ids(record, field):
    """Related ids a many-to-many field held at this record, read from the prefetched history rows."""
    key = get_m2m_reverse_field_name(field) + "_id"
    return sorted(getattr(row, key) for row in getattr(record, _m2m_accessor(type(record), field)).all())


def _changes(model, record, previous, m2m_fields):
    """[(field, old, new)] between two records; many-to-many values are lists of related ids."""
    changes = []
    delta = record.diff_against(previous, excluded_fields=HIDDEN_FIELDS + [f.name for f in m2m_fields])
    for change in delta.changes:
        changes.append((_field(model, change.field), change.old, change.new))
    for field in m2m_fields:
        old, new = _m2m_ids(previous, field), _m2m_ids(record, field)
        if old != new:
            changes.append((field, old, new))
    return changes


def _display(field, value, lookups):
    if field is not None and field.is_relation:
        objects = lookups.get(field.name, {})
        ids = value if isinstance(value, list) else ([value] if value else [])
        return ", ".join(sorted(str(objects.get(pk, pk)) for pk in ids))
    if value in (None, ""):
        return ""
    if field is not None and field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return "Yes" if value else "No"
    return str(value)


def history_page(request, obj):
    """A page of changes to obj, newest first, each with who, when and field-by-field differences.

    Many-to-many rows are prefetched and related values resolved in one query per related model,
    so a page costs the same number of queries however long the history is.
    """
    model = type(obj)
    m2m_fields = [model._meta.get_field(f.name) for f in getattr(obj.history.model, "_history_m2m_fields", [])]
    records = (
        obj.history.select_related("history_user")
        .prefetch_related(*[_m2m_accessor(obj.history.model, f) for f in m2m_fields])
        .order_by("-history_date", "-history_id")
    )
    page, _ = paginate(request, records)
    rows = list(page.object_list)
    # The record just before this page's oldest, so the oldest row's change can be shown too.
    chain = rows + (list(records[page.end_index() : page.end_index() + 1]) if page.has_next() else [])

    per_record: list = []
    wanted: dict = {}
    for index, record in enumerate(rows):
        previous = chain[index + 1] if index + 1 < len(chain) else None
        changes = _changes(model, record, previous, m2m_fields) if previous and record.history_type == "~" else []
        per_record.append((record, changes))
        for field, old, new in changes:
            if field is not None and field.is_relation:
                ids = wanted.setdefault(field, set())
                for value in (old, new):
                    ids.update(value if isinstance(value, list) else ([value] if value else []))
    lookups = {f.name: f.related_model._base_manager.in_bulk(ids) for f, ids in wanted.items()}

    entries = []
    for record, changes in per_record:
        entries.append(
            {
                "when": record.history_date,
                "who": record.history_user,
                "action": ACTIONS[record.history_type],
                "changes": [
                    {
                        "field": str(field.verbose_name).capitalize() if field else "",
                        "old": _display(field, old, lookups),
                        "new": _display(field, new, lookups),
                    }
                    for field, old, new in changes
                ],
            }
        )
    return page, entries
