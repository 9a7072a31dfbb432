"""The stakeholder import's writes: an uploaded table kept between the steps (upload, map, check, import), and
the checked rows added to the map by the task queue in chunks of short transactions, published all at once.

Organisations and people already in the directory are reused, as are those met earlier in the file. Reading and
checking the rows is importing.py's job.
"""

import csv
import io
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime, timedelta

from django.db import IntegrityError, connection, transaction
from django.db.models import QuerySet
from django.utils import timezone

from mobilise.core.models import User
from mobilise.core.tables import TableError, problem_rows, read_table
from mobilise.core.tasks import enqueue_on_commit
from mobilise.directory.models import Organisation, Person
from mobilise.projects import generations
from mobilise.projects.models import Project

from .bulk import create_with_history, insert_many
from .import_plan import Plan, Ref, link_people, pk_of, plan_rows
from .importing import FIELD_LABELS, person_key, read_batch
from .models import ImportBatch, ImportRun, ScoreChange, StagedRecord, Stakeholder, StakeholderRole

CHUNK_ROWS = 500  # rows of a file per transaction of the import task: about a quarter of a second of the write lock
BATCH_MAX_AGE = timedelta(days=1)
# SQLite lets one connection write at a time, and a save waiting for the lock tries again every 100 ms at most (more
# often in its first 100 ms): without a pause the import took the lock back at once, chunk after chunk, and others'
# saves waited seconds. After each chunk it pauses as long as it held the lock, up to this.
SQLITE_PAUSE_SECONDS = 0.1
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


def _on_map(project: Project) -> set[tuple]:
    """Who is on the map already; rows another import is writing count too (the base manager sees them)."""
    on_map = set()
    for person_id, organisation_id, group_name in Stakeholder._base_manager.filter(project=project).values_list(
        "person_id", "organisation_id", "group_name"
    ):
        if person_id:
            on_map.add(("person", person_id))
        elif organisation_id:
            on_map.add(("organisation", organisation_id))
        else:
            on_map.add(("group", person_key(group_name)))
    return on_map


def _identity(item: dict, org_ref: Ref, person_ref: Ref) -> tuple[tuple, dict]:
    """(what the stakeholder is on a map, the fields that say so)."""
    if item["kind"] == "person":
        fields = {"person_id": pk_of(person_ref)}
        if org_ref is None:
            fields["group_sector"] = item["sector"]
        return ("person", fields["person_id"]), fields
    if item["kind"] == "organisation":
        return ("organisation", pk_of(org_ref)), {"organisation_id": pk_of(org_ref)}
    return ("group", person_key(item["name"])), {"group_name": item["name"], "group_sector": item["sector"]}


def _write_rows(
    project: Project,
    by: User | None,
    rows: tuple[list[dict], list, list],
    on_map: set[tuple],
    reason: str,
    now: datetime,
    run: ImportRun | None = None,
) -> tuple[int, int]:
    """Write (clean rows, their organisation refs, their person refs): the people new in them, then a stakeholder
    for each row not on the map yet (`on_map` grows), its roles and first scores. (created, skipped)."""
    clean, org_refs, person_refs = rows
    people = list({id(p): p for p in person_refs if isinstance(p, Person) and not p.pk}.values())
    create_with_history(Person, people, by, reason, now)
    if run is not None:
        insert_many(StagedRecord, [{"run_id": run.pk, "model": "person", "record_id": p.pk} for p in people], now)
    stakeholders, roles, skipped = [], [], 0
    for item, org_ref, person_ref in zip(clean, org_refs, person_refs, strict=True):
        identity, fields = _identity(item, org_ref, person_ref)
        if identity in on_map:
            skipped += 1
            continue
        on_map.add(identity)
        stakeholders.append(Stakeholder(project=project, import_run=run, **{f: item[f] for f in PROFILE}, **fields))
        roles.append(item["roles"])
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
    return len(stakeholders), skipped


def _summary(plan: Plan, created: int, skipped: int) -> dict[str, int]:
    return {
        "created": created,
        "matched_organisations": len(plan.matched_orgs),
        "matched_people": len(plan.matched_people),
        "new_directory_records": len(plan.new_orgs) + len(plan.new_people),
        "skipped": skipped,
    }


@transaction.atomic
def import_rows(
    project: Project,
    by: User | None,
    clean: list[dict],
    source: str = "the file",
    *,
    refused: frozenset[str] = frozenset(),
    lawful_basis: str = "",
) -> dict[str, int]:
    """Add checked rows to the project's map in one transaction, for a few rows; a file goes through `run_batch`,
    which writes in chunks. Returns the counts for the summary."""
    reason = f"Imported from {source}"[:500]
    now = timezone.now()
    plan = plan_rows(clean, by, refused=refused, lawful_basis=lawful_basis)
    create_with_history(Organisation, plan.new_orgs, by, reason, now)
    link_people(plan)
    created, skipped = _write_rows(project, by, (clean, plan.org_refs, plan.person_refs), _on_map(project), reason, now)
    generations.bump([project.pk])  # written in raw SQL, which sends no signals
    return _summary(plan, created, skipped)


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
    active = ImportRun.objects.filter(state__in=[ImportRun.State.QUEUED, ImportRun.State.RUNNING])
    old = ImportBatch.objects.filter(created__lt=timezone.now() - BATCH_MAX_AGE).exclude(runs__in=active)
    return old.delete()[0]


def clear_stale_runs() -> int:
    """Imports queued or running for more than a day stopped with their worker (killed, or the machine restarted):
    delete what they wrote, hidden all along, and mark them failed. The number stopped."""
    stale = ImportRun.objects.filter(
        state__in=[ImportRun.State.QUEUED, ImportRun.State.RUNNING], created__lt=timezone.now() - BATCH_MAX_AGE
    )
    runs = list(stale)
    for run in runs:
        discard_staged(run)
        ImportRun.objects.filter(pk=run.pk).update(
            state=ImportRun.State.FAILED,
            error="The import stopped before it finished. Nothing was imported: start it again.",
            finished=timezone.now(),
        )
    return len(runs)


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


# ---------------------------------------------------------------------------------------------------------------
# Running a batch: queued on confirmation, written in chunks by the task, published in one short transaction


def _problems_error(problems: list) -> TableError:
    rows = problem_rows(problems)
    return TableError(
        f"{rows:,} {'row has' if rows == 1 else 'rows have'} problems. Fix the file and upload it again.", problems
    )


@transaction.atomic
def _new_run(batch: ImportBatch, by: User, lawful_basis: str, refused: list[str]) -> ImportRun:
    locked = ImportBatch.objects.select_for_update().filter(pk=batch.pk).first()
    if locked is None:
        raise AlreadyImported("This file has already been imported")
    if locked.runs.filter(state__in=[ImportRun.State.QUEUED, ImportRun.State.RUNNING]).exists():
        raise AlreadyImported("This file is being imported")
    return ImportRun.objects.create(
        project=batch.project,
        created_by=by,
        batch=batch,
        filename=batch.filename,
        lawful_basis=lawful_basis,
        refused=sorted(set(refused)),
    )


@transaction.atomic
def confirm_batch(*, batch: ImportBatch, by: User, lawful_basis: str = "", refused: Sequence[str] = ()) -> ImportRun:
    """Queue the import of a mapped batch; the task writes it (see `run_batch`) once this commits."""
    from .tasks import import_stakeholders  # the task module imports this one

    run = _new_run(batch, by, lawful_basis, list(refused))
    enqueue_on_commit(import_stakeholders, run_id=run.pk)
    return run


def run_batch(*, batch: ImportBatch, by: User, lawful_basis: str = "", refused: Sequence[str] = ()) -> dict[str, int]:
    """Import a mapped batch here and now, as the task does: all of it or, raising, none of it."""
    return execute_run(_new_run(batch, by, lawful_basis, list(refused)))


def execute_run(run: ImportRun) -> dict[str, int]:
    """Write a run's rows chunk by chunk, hidden from every read, then publish them at once and remove the batch.

    Each transaction writes CHUNK_ROWS rows at most, so others' writes never wait long for the database. On any
    failure the staged rows are deleted (in chunks too), the run is marked failed with the reason, and the error
    is raised again: TableError for a file with problems, AlreadyImported for a batch already gone."""
    try:
        summary = _stage_and_publish(run)
    except Exception as error:
        discard_staged(run)
        ImportRun.objects.filter(pk=run.pk).update(
            state=ImportRun.State.FAILED, error=_failure_reason(error), finished=timezone.now()
        )
        raise
    # Published: a failure to tidy the staging records away must not discard what is now on the map.
    _delete_in_chunks(StagedRecord.objects.filter(run=run))
    return summary


def _failure_reason(error: Exception) -> str:
    if isinstance(error, TableError | AlreadyImported):
        return str(error.message if isinstance(error, TableError) else error)
    if isinstance(error, IntegrityError):
        return (
            "Someone added one of these stakeholders to the map while the file was importing. Nothing was "
            "imported: start the import again."
        )
    return "Something went wrong while importing. Nothing was imported: start the import again."


def _stage_and_publish(run: ImportRun) -> dict[str, int]:
    batch = ImportBatch.objects.filter(runs=run).first()
    if batch is None:
        raise AlreadyImported("This file has already been imported")
    _, clean, problems = read_batch(batch)
    if problems:
        raise _problems_error(problems)
    if not clean:
        raise TableError("The file has no stakeholders to import")
    ImportRun.objects.filter(pk=run.pk).update(state=ImportRun.State.RUNNING, total=len(clean), done=0)
    by, project = run.created_by, run.project
    reason, now = f"Imported from {run.filename}"[:500], timezone.now()
    plan = plan_rows(clean, by, refused=frozenset(run.refused), lawful_basis=run.lawful_basis)
    for start in range(0, len(plan.new_orgs), CHUNK_ROWS):
        organisations = plan.new_orgs[start : start + CHUNK_ROWS]
        with _chunk():
            create_with_history(Organisation, organisations, by, reason, now)
            staged = [{"run_id": run.pk, "model": "organisation", "record_id": o.pk} for o in organisations]
            insert_many(StagedRecord, staged, now)
    link_people(plan)
    on_map, created, skipped = _on_map(project), 0, 0
    for start in range(0, len(clean), CHUNK_ROWS):
        stop = start + CHUNK_ROWS
        rows = (clean[start:stop], plan.org_refs[start:stop], plan.person_refs[start:stop])
        with _chunk():
            made, passed = _write_rows(project, by, rows, on_map, reason, now, run)
            ImportRun.objects.filter(pk=run.pk).update(done=min(stop, len(clean)))
        created, skipped = created + made, skipped + passed
    summary = _summary(plan, created, skipped)
    with transaction.atomic():  # the publication: one row changes, and every staged row shows at once
        ImportRun.objects.filter(pk=run.pk).update(
            state=ImportRun.State.DONE, summary=summary, finished=timezone.now(), batch=None
        )
        batch.delete()
        generations.bump([run.project_id])
    return summary


@contextmanager
def _chunk() -> Iterator[None]:
    """One chunk's transaction, then on SQLite a pause that lets others' waiting writes in."""
    start = time.monotonic()
    with transaction.atomic():
        yield
    if connection.vendor == "sqlite":
        time.sleep(min(SQLITE_PAUSE_SECONDS, time.monotonic() - start))


def _delete_in_chunks(queryset: QuerySet, *also: Callable[[list[int]], QuerySet]) -> None:
    """Delete the rows of a queryset CHUNK_ROWS at a time, each chunk with the rows of `also(pks)` first.

    Raw deletes: the ORM's would load every row and write an audit record ("deleted") for rows never published."""
    while True:
        with _chunk():
            pks = list(queryset.values_list("pk", flat=True)[:CHUNK_ROWS])
            if not pks:
                return
            for related in [*(make(pks) for make in also), queryset.model._base_manager.filter(pk__in=pks)]:
                related._raw_delete(related.db)


def discard_staged(run: ImportRun) -> None:
    """Delete what a run wrote (its stakeholders, then the directory records it created that nothing else uses)."""
    _delete_in_chunks(
        Stakeholder._base_manager.filter(import_run=run),
        lambda pks: StakeholderRole.objects.filter(stakeholder_id__in=pks),
        lambda pks: ScoreChange.objects.filter(stakeholder_id__in=pks),
        lambda pks: Stakeholder.history.model.objects.filter(id__in=pks),
    )
    _discard_directory(run, "person", Person._base_manager.filter(stakeholdings__isnull=True))
    _discard_directory(
        run, "organisation", Organisation._base_manager.filter(stakeholdings__isnull=True, people__isnull=True)
    )


def _discard_directory(run: ImportRun, model: str, unused: QuerySet) -> None:
    """Delete the directory records of one kind that the run created and nothing refers to (any more)."""
    staged = StagedRecord.objects.filter(run=run, model=model)
    while ids := list(staged.values_list("record_id", flat=True)[:CHUNK_ROWS]):
        with _chunk():
            free = set(unused.filter(pk__in=ids).values_list("pk", flat=True))
            unused.model.history.model.objects.filter(id__in=free)._raw_delete(connection.alias)
            unused.model._base_manager.filter(pk__in=free)._raw_delete(connection.alias)
            staged.filter(record_id__in=ids)._raw_delete(connection.alias)
