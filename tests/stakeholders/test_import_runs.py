"""The stakeholder import as the task queue runs it: chunk by chunk in short transactions, hidden from every read
until it is published, all or nothing, with a progress page; the lawful basis of the people it adds; the directory
records it joins, shown and refusable."""

import csv
import io

import pytest
from django.urls import reverse

from mobilise.directory.models import LawfulBasis, Organisation, Person, Sector
from mobilise.engagement import access as engagement_access
from mobilise.projects import generations
from mobilise.stakeholders import access, importing, services_import
from mobilise.stakeholders.models import ImportBatch, ImportRun, ScoreChange, StagedRecord, Stakeholder, StakeholderRole

from ..factories import OrganisationFactory


def csv_bytes(rows):
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows(rows)
    return out.getvalue().encode()


def people_file(n, tag="p"):
    rows = [["Name", "Organisation", "Email", "Roles", "Interest"]]
    rows += [[f"{tag} Person {i}", f"{tag} Trust {i % 7}", f"{tag}{i}@example.org", "Champion", "4"] for i in range(n)]
    return csv_bytes(rows)


def mapped_batch(project, by, content, name="people.csv"):
    batch = services_import.start_batch(project=project, by=by, filename=name, content=content)
    headers, _ = importing.batch_table(batch)
    return services_import.set_mapping(batch=batch, mapping=importing.guess_mapping(headers))


def everything():
    """Every row an import writes, read past the visibility filter, with the audit trail."""
    return (
        Stakeholder._base_manager.count(),
        Organisation.objects.count(),
        Person.objects.count(),
        StakeholderRole.objects.count(),
        ScoreChange.objects.count(),
        Stakeholder.history.count(),
        Organisation.history.count(),
        Person.history.count(),
        StagedRecord.objects.count(),
    )


def test_a_file_is_written_in_chunks_of_short_transactions(project, member, monkeypatch):
    """5,000 rows: transactions of 500 rows, none holding the database for the whole file."""
    chunks = []
    real = services_import._write_rows

    def counting(project, by, rows, *args):
        chunks.append(len(rows[0]))
        return real(project, by, rows, *args)

    monkeypatch.setattr(services_import, "_write_rows", counting)
    summary = services_import.run_batch(batch=mapped_batch(project, member, people_file(5000)), by=member)
    assert summary["created"] == 5000
    assert services_import.CHUNK_ROWS == 500 and chunks == [500] * 10
    run = ImportRun.objects.get()
    assert (run.state, run.done, run.total, run.batch_id) == (ImportRun.State.DONE, 5000, 5000, None)
    assert run.summary == summary
    assert access.stakeholders(project).count() == 5000
    assert not ImportBatch.objects.exists() and not StagedRecord.objects.exists()


def test_on_sqlite_each_chunk_is_followed_by_a_pause_that_lets_others_write(project, member, monkeypatch):
    """SQLite has one writer at a time: after each chunk the import waits as long as it held the lock (up to 0.1 s),
    else a save waiting for the lock, which tries again every 100 ms at most, could wait through the whole file."""
    from django.db import connection

    events = []  # ("write", seconds the rows took) and ("pause", seconds), in order
    real_write, real_sleep = services_import._write_rows, services_import.time.sleep

    def timed(*args):
        start = services_import.time.monotonic()
        try:
            return real_write(*args)
        finally:
            events.append(("write", services_import.time.monotonic() - start))

    def sleep(seconds):
        events.append(("pause", seconds))
        real_sleep(0)

    monkeypatch.setattr(services_import, "CHUNK_ROWS", 40)
    monkeypatch.setattr(services_import, "_write_rows", timed)
    monkeypatch.setattr(services_import.time, "sleep", sleep)
    services_import.run_batch(batch=mapped_batch(project, member, people_file(120)), by=member)
    writes = [n for n, (kind, _) in enumerate(events) if kind == "write"]
    if connection.vendor != "sqlite":
        assert len(writes) == len(events) == 3  # PostgreSQL locks rows, not the database: no pauses
        return
    assert len(writes) == 3
    for n in writes:
        kind, pause = events[n + 1]
        assert kind == "pause"
        assert min(events[n][1], services_import.SQLITE_PAUSE_SECONDS) <= pause <= services_import.SQLITE_PAUSE_SECONDS


def test_rows_stay_hidden_from_every_read_until_the_run_is_published(project, member, adviser, monkeypatch):
    seen = []
    real = services_import._write_rows

    def reading_between_chunks(project, by, rows, *args):
        result = real(project, by, rows, *args)
        seen.append(
            (
                access.stakeholders(project).count(),
                access.named_stakeholders(project).count(),
                len(access.entries(access.stakeholders(project))),
                access.visible_stakeholders(adviser).count(),
                access.owned_by_active_users().count(),
                engagement_access.stakeholders(project).count(),
                project.stakeholders.count(),
                Stakeholder.objects.count(),
            )
        )
        return result

    monkeypatch.setattr(services_import, "_write_rows", reading_between_chunks)
    monkeypatch.setattr(services_import, "CHUNK_ROWS", 40)
    services_import.run_batch(batch=mapped_batch(project, member, people_file(100)), by=member)
    assert len(seen) == 3
    assert all(counts == (0,) * 8 for counts in seen), seen
    assert Stakeholder._base_manager.count() == 100  # written by then, only hidden
    assert access.stakeholders(project).count() == Stakeholder.objects.count() == 100


def test_a_failure_part_way_deletes_what_was_staged(project, member, monkeypatch):
    OrganisationFactory(name="p Trust 3", sector=Sector.NHS_PROVIDER)  # joined, so kept
    before = everything()
    calls = []
    real = services_import._write_rows

    def second_chunk_fails(*args):
        calls.append(1)
        if len(calls) == 2:
            raise RuntimeError("disk full")
        return real(*args)

    monkeypatch.setattr(services_import, "_write_rows", second_chunk_fails)
    monkeypatch.setattr(services_import, "CHUNK_ROWS", 30)
    batch = mapped_batch(project, member, people_file(100))
    with pytest.raises(RuntimeError):
        services_import.run_batch(batch=batch, by=member)
    assert everything() == before
    assert Organisation.objects.filter(name="p Trust 3").exists()
    run = ImportRun.objects.get()
    assert run.state == ImportRun.State.FAILED and "Nothing was imported" in run.error
    assert ImportBatch.objects.filter(pk=batch.pk).exists()  # to try again
    monkeypatch.setattr(services_import, "_write_rows", real)
    assert services_import.run_batch(batch=batch, by=member)["created"] == 100


def test_the_task_records_a_failure_and_a_file_with_problems(project, member, django_capture_on_commit_callbacks):
    batch = mapped_batch(project, member, csv_bytes([["Name", "Interest"], ["Mereshire ICB", "9"]]))
    with django_capture_on_commit_callbacks(execute=True):
        run = services_import.confirm_batch(batch=batch, by=member)
    run.refresh_from_db()
    assert run.state == ImportRun.State.FAILED
    assert run.error == "1 row has problems. Fix the file and upload it again."
    assert Stakeholder._base_manager.count() == 0


def test_a_batch_cannot_be_queued_twice(project, member, django_capture_on_commit_callbacks):
    batch = mapped_batch(project, member, people_file(3))
    with django_capture_on_commit_callbacks(execute=False):
        services_import.confirm_batch(batch=batch, by=member)
        with pytest.raises(services_import.AlreadyImported):
            services_import.confirm_batch(batch=batch, by=member)
    assert ImportRun.objects.count() == 1


# --- the pages -----------------------------------------------------------------------------------------------------


def progress_url(project, run):
    return reverse("stakeholders:import-progress", args=[project.pk, run.pk])


def test_progress_page_polls_with_htmx_and_refreshes_without(as_user, project, member, lead):
    batch = mapped_batch(project, member, people_file(3))
    run = ImportRun.objects.create(
        project=project, created_by=member, batch=batch, filename="people.csv", state="running", total=4000, done=1000
    )
    client = as_user(member)
    page = client.get(progress_url(project, run)).content.decode()
    assert "<html" in page and "Importing people.csv" in page
    assert "1,000 of 4,000 rows written" in page and 'value="25"' in page
    assert f'href="{progress_url(project, run)}">Refresh</a>' in page  # no JavaScript needed
    assert f'data-hx-get="{progress_url(project, run)}"' in page and 'data-hx-trigger="every 2s"' in page
    fragment = client.get(progress_url(project, run), headers={"HX-Request": "true"}).content.decode()
    assert "<html" not in fragment and 'data-hx-trigger="every 2s"' in fragment and "1,000 of 4,000" in fragment

    ImportRun.objects.filter(pk=run.pk).update(
        state="done",
        done=4000,
        summary={"created": 4000, "matched_organisations": 0, "matched_people": 0, "new_directory_records": 4007}
        | {"skipped": 0},
    )
    fragment = client.get(progress_url(project, run), headers={"HX-Request": "true"}).content.decode()
    assert "data-hx-trigger" not in fragment  # polling stops
    assert "4,000 stakeholders imported from people.csv" in fragment
    assert reverse("stakeholders:register", args=[project.pk]) in fragment

    ImportRun.objects.filter(pk=run.pk).update(state="failed", error="Something went wrong while importing.")
    page = client.get(progress_url(project, run)).content.decode()
    assert "Nothing was imported" in page and "Something went wrong while importing." in page
    assert reverse("stakeholders:import-check", args=[project.pk, batch.pk]) in page
    assert as_user(lead).get(progress_url(project, run)).status_code == 404  # another's import


def test_confirming_queues_the_import_and_shows_its_progress(
    as_user, project, member, django_capture_on_commit_callbacks
):
    batch = mapped_batch(project, member, people_file(3))
    client = as_user(member)
    url = reverse("stakeholders:import-confirm", args=[project.pk, batch.pk])
    with django_capture_on_commit_callbacks(execute=False) as queued:
        response = client.post(url, {"lawful_basis": LawfulBasis.LEGITIMATE_INTERESTS})
    run = ImportRun.objects.get()
    assert response["Location"] == progress_url(project, run)
    queued = [callback for callback in queued if getattr(callback, "func", None) is not generations.fold]
    assert len(queued) == 1 and run.state == ImportRun.State.QUEUED  # nothing written in the request
    assert Stakeholder._base_manager.count() == 0
    assert "Waiting to start" in client.get(progress_url(project, run)).content.decode()
    queued[0]()
    assert "3 stakeholders imported from people.csv" in client.get(progress_url(project, run)).content.decode()


def test_one_lawful_basis_is_asked_for_a_file_with_emails_and_stored(as_user, project, member):
    OrganisationFactory(name="p Trust 0", sector=Sector.NHS_PROVIDER)
    known = Person.objects.create(full_name="Known", email="p1@example.org")
    batch = mapped_batch(project, member, people_file(3))
    client = as_user(member)
    check = client.get(reverse("stakeholders:import-check", args=[project.pk, batch.pk])).content.decode()
    assert "Lawful basis for holding the contact details" in check and "(optional)" not in check
    page = client.post(reverse("stakeholders:import-confirm", args=[project.pk, batch.pk]), {}).content.decode()
    assert "There is a problem" in page and "Select the lawful basis for holding these contact details" in page
    assert not ImportRun.objects.exists()

    services_import.run_batch(batch=batch, by=member, lawful_basis=LawfulBasis.PUBLIC_TASK)
    created = Person.objects.exclude(pk=known.pk)
    assert created.count() == 2
    assert set(created.values_list("lawful_basis", flat=True)) == {LawfulBasis.PUBLIC_TASK}
    assert Person.objects.get(pk=known.pk).lawful_basis == ""  # a matched person keeps their own


def test_a_file_without_contact_details_may_leave_the_basis(as_user, project, member):
    batch = mapped_batch(project, member, csv_bytes([["Name"], ["Carers' forum"]]))
    page = as_user(member).get(reverse("stakeholders:import-check", args=[project.pk, batch.pk])).content.decode()
    assert "(optional)" in page


def test_alike_names_of_another_sector_are_not_joined(db):
    watch = OrganisationFactory(name="Healthwatch Mereshire", sector=Sector.PUBLIC)
    matcher = importing.OrganisationMatcher()
    assert matcher.find("Mereshire Healthwatch", Sector.VCSE) is None
    assert matcher.find("Healthwatch Mereshir", Sector.VCSE) is None
    assert matcher.find("Mereshire Healthwatch", Sector.PUBLIC) == watch.pk
    assert matcher.find("Mereshire Healthwatch") == watch.pk  # no sector in the file: joined, and shown
    assert matcher.find("healthwatch mereshire", Sector.VCSE) == watch.pk  # the very name: shown as differing


def test_the_check_page_shows_each_match_and_a_refused_one_creates_a_new_record(as_user, project, member):
    watch = OrganisationFactory(name="Healthwatch Mereshire", sector=Sector.PUBLIC)
    trust = OrganisationFactory(name="Mereshire Hospitals", sector=Sector.NHS_PROVIDER)
    content = csv_bytes(
        [
            ["Name", "Type", "Organisation", "Sector"],
            ["Mereshire Healthwatch", "organisation", "", "Voluntary sector"],
            ["Helen Marsh", "person", "Mereshire Hospitals", ""],
            ["Asha Rao", "person", "Mereshire Healthwatch", ""],
        ]
    )
    batch = mapped_batch(project, member, content)
    client = as_user(member)
    page = client.get(reverse("stakeholders:import-check", args=[project.pk, batch.pk])).content.decode()
    assert "Joins in the directory" in page
    assert "Mereshire Hospitals (NHS provider)" in page and "A new record" in page
    assert f'value="organisation:{watch.pk}"' in page and f'value="organisation:{trust.pk}"' in page
    assert "“Mereshire Healthwatch” joins Healthwatch Mereshire (Patients and public), 1 row" in page
    assert "with a different name or sector" in page

    summary = services_import.run_batch(batch=batch, by=member, refused=[f"organisation:{watch.pk}"])
    assert summary["matched_organisations"] == 1  # the trust only
    names = Organisation.objects.filter(name="Mereshire Healthwatch")
    assert names.count() == 1  # one new record, for both rows that named it
    assert names.get().sector == Sector.VCSE
    assert Person.objects.get(full_name="Asha Rao").organisation == names.get()
    assert Person.objects.get(full_name="Helen Marsh").organisation == trust


def test_an_import_left_running_by_a_stopped_worker_is_cleared_by_the_command(project, member, monkeypatch):
    from datetime import timedelta
    from io import StringIO

    from django.core.management import call_command
    from django.utils import timezone

    before = everything()

    def worker_killed(*args):
        raise KeyboardInterrupt  # kill -9 runs no cleanup; nor does this, being no Exception

    batch = mapped_batch(project, member, people_file(10))
    monkeypatch.setattr(services_import, "_write_rows", worker_killed)
    with pytest.raises(KeyboardInterrupt):
        services_import.run_batch(batch=batch, by=member)
    run = ImportRun.objects.get()
    assert run.state == ImportRun.State.RUNNING and Organisation.objects.count() > before[1]
    out = StringIO()
    call_command("clear_stakeholder_imports", stdout=out)
    assert "Stopped" not in out.getvalue()  # a day's grace: it may still be running
    ImportRun.objects.filter(pk=run.pk).update(created=timezone.now() - timedelta(days=2))
    call_command("clear_stakeholder_imports", stdout=out)
    assert "Stopped 1 stakeholder import left running." in out.getvalue()
    run.refresh_from_db()
    assert run.state == ImportRun.State.FAILED and "stopped before it finished" in run.error
    assert everything() == before
