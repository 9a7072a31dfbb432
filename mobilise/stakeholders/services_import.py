"""The stakeholder import's writes: an uploaded table kept between the steps (upload, map, check, import), and
the checked rows added to the map in one transaction with bulk inserts.

Organisations and people already in the directory are reused, as are those met earlier in the file. Reading and
checking the rows is importing.py's job.
"""

import csv
import io
from datetime import datetime, timedelta

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from mobilise.core.models import User
from mobilise.core.tables import TableError, problem_rows, read_table
from mobilise.directory.models import Organisation, Person
from mobilise.projects.models import Project

from .importing import FIELD_LABELS, OrganisationMatcher, org_key, person_key, read_batch
from .models import ImportBatch, ScoreChange, Stakeholder, StakeholderRole

BATCH_SIZE = 1000  # rows per INSERT at most; the database backend may lower it (SQLite allows 999 parameters)
INSERT_CHUNK = 10_000  # rows per executemany
BATCH_MAX_AGE = timedelta(days=1)
PROFILE = [  # the stakeholder's own fields in a checked row
    "interest",
    "influence",
    "impact",
    "attitude",
    "what_matters",
    "decisions",
    "formats",
    "channels",
    "underserved",
    "purpose",
    "cadence",
    "channel",
]


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


def _pk(ref):
    """The primary key of a directory reference: a pk already, or a record saved since."""
    return ref.pk if isinstance(ref, Organisation | Person) else ref


def _organisations(clean: list[dict], by) -> tuple[list, dict, set]:
    """(a reference per row: pk, unsaved Organisation or None; the new ones by key; the pks matched)."""
    matcher = OrganisationMatcher()
    new_orgs: dict[str, Organisation] = {}
    matched: set[int] = set()

    def organisation_for(name, sector):
        pk = matcher.find(name)
        if pk is not None:
            matched.add(pk)
            return pk
        key = org_key(name) or name.casefold()
        if key not in new_orgs:
            new_orgs[key] = Organisation(name=name, sector=sector, created_by=by)
        elif sector and not new_orgs[key].sector:
            new_orgs[key].sector = sector
        return new_orgs[key]

    refs = []
    for item in clean:
        if item["kind"] == "organisation":
            refs.append(organisation_for(item["name"], item["sector"]))
        elif item["kind"] == "person" and item["organisation"]:
            refs.append(organisation_for(item["organisation"], item["sector"]))
        else:
            refs.append(None)
    return refs, new_orgs, matched


def _people(clean: list[dict], org_refs: list, by) -> tuple[list, list[Person], set]:
    """(a reference per row: pk, unsaved Person or None; the new people; the pks matched). The same email address,
    or the same name at the same organisation, is the same person."""
    by_email: dict[str, int] = {}
    by_name: dict[tuple, int] = {}
    for pk, name, organisation_id, email in Person.objects.order_by("pk").values_list(
        "pk", "full_name", "organisation_id", "email"
    ):
        if email:
            by_email.setdefault(email.casefold(), pk)
        by_name.setdefault((person_key(name), organisation_id), pk)
    new_people: dict[tuple, Person] = {}  # ("email", address) or ("name", key, org) -> unsaved Person
    matched: set[int] = set()
    refs: list = []
    for item, org_ref in zip(clean, org_refs, strict=True):
        if item["kind"] != "person":
            refs.append(None)
            continue
        email = item["email"].casefold()
        name_key = (person_key(item["name"]), _pk(org_ref))
        pk = (by_email.get(email) if email else None) or by_name.get(name_key)
        if pk is not None:
            matched.add(pk)
            refs.append(pk)
            continue
        person = (new_people.get(("email", email)) if email else None) or new_people.get(("name",) + name_key)
        if person is None:
            person = Person(
                full_name=item["name"],
                job_title=item["job_title"],
                email=item["email"],
                organisation_id=_pk(org_ref),
                created_by=by,
            )
        elif email and not person.email:
            person.email = item["email"]
        if email:
            new_people[("email", email)] = person
        new_people.setdefault(("name",) + name_key, person)
        refs.append(person)
    return refs, list({id(p): p for p in new_people.values()}.values()), matched


def _on_map(project: Project) -> set[tuple]:
    on_map = set()
    for person_id, organisation_id, group_name in Stakeholder.objects.filter(project=project).values_list(
        "person_id", "organisation_id", "group_name"
    ):
        if person_id:
            on_map.add(("person", person_id))
        elif organisation_id:
            on_map.add(("organisation", organisation_id))
        else:
            on_map.add(("group", person_key(group_name)))
    return on_map


def _identity(item: dict, org_ref, person_ref) -> tuple[tuple, dict]:
    """(what the stakeholder is on a map, the fields that say so)."""
    if item["kind"] == "person":
        fields = {"person_id": _pk(person_ref)}
        if org_ref is None:
            fields["group_sector"] = item["sector"]
        return ("person", fields["person_id"]), fields
    if item["kind"] == "organisation":
        return ("organisation", _pk(org_ref)), {"organisation_id": _pk(org_ref)}
    return ("group", person_key(item["name"])), {"group_name": item["name"], "group_sector": item["sector"]}


def _stakeholders(project, clean, org_refs, person_refs) -> tuple[list[Stakeholder], list[list[str]], int]:
    """(one unsaved stakeholder per row not already on this map or earlier in the file, their roles, skipped)."""
    on_map = _on_map(project)
    stakeholders, roles, skipped = [], [], 0
    for item, org_ref, person_ref in zip(clean, org_refs, person_refs, strict=True):
        identity, fields = _identity(item, org_ref, person_ref)
        if identity in on_map:
            skipped += 1
            continue
        on_map.add(identity)
        stakeholders.append(Stakeholder(project=project, **{f: item[f] for f in PROFILE}, **fields))
        roles.append(item["roles"])
    return stakeholders, roles, skipped


@transaction.atomic
def import_rows(project: Project, by: User | None, clean: list[dict], source: str = "the file") -> dict[str, int]:
    """Add checked rows to the project's map, all of them or none. Returns the counts for the summary."""
    reason = f"Imported from {source}"[:500]
    now = timezone.now()
    org_refs, new_orgs, matched_orgs = _organisations(clean, by)
    create_with_history(Organisation, list(new_orgs.values()), by, reason, now)
    person_refs, new_people, matched_people = _people(clean, org_refs, by)
    create_with_history(Person, new_people, by, reason, now)
    stakeholders, roles, skipped = _stakeholders(project, clean, org_refs, person_refs)
    create_with_history(Stakeholder, stakeholders, by, reason, now)
    insert_many(
        StakeholderRole,
        [{"stakeholder_id": s.pk, "role": r} for s, rs in zip(stakeholders, roles, strict=True) for r in rs],
        now,
    )
    insert_many(
        ScoreChange,
        [
            {
                "stakeholder_id": s.pk,
                "interest": s.interest,
                "influence": s.influence,
                "impact": s.impact,
                "attitude": s.attitude,
                "reason": reason,
                "changed_by_id": by.pk if by else None,
            }
            for s in stakeholders
        ],
        now,
    )
    return {
        "created": len(stakeholders),
        "matched_organisations": len(matched_orgs),
        "matched_people": len(matched_people),
        "new_directory_records": len(new_orgs) + len(new_people),
        "skipped": skipped,
    }


class AlreadyImported(Exception):
    """The batch is gone: a second click of the import button."""


def _as_csv(headers: list[str], rows: list[list[str]]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(headers)
    writer.writerows(rows)
    return out.getvalue().encode()


def clear_old_batches() -> int:
    """Delete uploads left for more than a day; the number deleted."""
    return ImportBatch.objects.filter(created__lt=timezone.now() - BATCH_MAX_AGE).delete()[0]


@transaction.atomic
def start_batch(*, project: Project, by: User, filename: str, content: bytes) -> ImportBatch:
    """Read an uploaded file and keep its table for the mapping and preview steps.

    Raises TableError, storing nothing, if the file cannot be imported. The table is kept as UTF-8 CSV whatever
    the upload was, so later steps do not parse a workbook again (openpyxl takes seconds for 100,000 rows); the
    reader's limits (rows, characters) bound what is kept. Uploads left for more than a day are removed.
    """
    headers, rows = read_table(filename, content)
    clear_old_batches()
    return ImportBatch.objects.create(
        project=project, created_by=by, filename=filename[:255], content=_as_csv(headers, rows)
    )


@transaction.atomic
def set_mapping(*, batch: ImportBatch, mapping: dict[str, str]) -> ImportBatch:
    batch.mapping = {k: v for k, v in mapping.items() if k in FIELD_LABELS and v}
    batch.save(update_fields=["mapping"])
    return batch


@transaction.atomic
def discard_batch(*, batch: ImportBatch) -> None:
    batch.delete()


@transaction.atomic
def run_batch(*, batch: ImportBatch, by: User) -> dict[str, int]:
    """Import a mapped batch and remove it, in one transaction. Raises TableError if any row has a problem."""
    if not ImportBatch.objects.select_for_update().filter(pk=batch.pk).exists():
        raise AlreadyImported("This file has already been imported")
    _, clean, problems = read_batch(batch)
    if problems:
        rows = problem_rows(problems)
        raise TableError(
            f"{rows:,} {'row has' if rows == 1 else 'rows have'} problems. Fix the file and upload it again.", problems
        )
    if not clean:
        raise TableError("The file has no stakeholders to import")
    summary = import_rows(batch.project, by, clean, source=batch.filename)
    batch.delete()
    return summary
