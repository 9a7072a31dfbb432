"""What a test database built from the models lacks: the SQL and the starting rows that only migrations hold.

The database is built from the models (tests/conftest.py), which match the migrations (`makemigrations --check`).
Our migrations' SQL (the library's search index) runs here in order, and so do the data migrations that add
starting rows. A data migration that converts rows of an older version has none to convert, and reads models
that have changed since. Every migration is then recorded as applied, so a test can migrate back and forth.
"""

from types import SimpleNamespace

from django.apps import apps
from django.db import connections
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.operations.special import RunPython, RunSQL

# Each of our data migrations, by what it does; a new one must be added to one or the other.
SEEDS = {("outputs", "0002_glossary_terms")}
CONVERSIONS = {
    ("engagement", "0002_fill_contact_dates"),
    ("library", "0005_support_given_as_rows"),
    ("outputs", "0003_review_moves_to_core"),
    ("stakeholders", "0005_calendar_month_cadences"),
    ("support", "0007_working_days_kept"),
}


def finish_from_migrations() -> None:
    for connection in connections.all():
        executor = MigrationExecutor(connection)
        plan = executor.migration_plan(executor.loader.graph.leaf_nodes(), clean_start=True)
        ours = [m for m, _ in plan if apps.get_app_config(m.app_label).name.startswith("mobilise.")]
        # RunPython reads the models through a state's `apps`: the real ones serve for a seed.
        state = SimpleNamespace(apps=apps, clear_delayed_apps_cache=lambda: None)
        with connection.schema_editor() as editor:
            for migration in ours:
                key = (migration.app_label, migration.name)
                for operation in migration.operations:
                    if isinstance(operation, RunSQL) or (isinstance(operation, RunPython) and key in SEEDS):
                        operation.database_forwards(migration.app_label, editor, state, state)
                    elif isinstance(operation, RunPython):
                        assert key in CONVERSIONS, f"tests/schema.py: is {key} a seed or a conversion?"
        for migration, _backwards in plan:
            executor.recorder.record_applied(migration.app_label, migration.name)
