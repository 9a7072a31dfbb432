"""A database built from the models rather than by running every migration: about 2 s where the migrations take
about 50 s. The test databases (tests/conftest.py) and the bench's datasets are built so.

The models match the migrations (`make test` runs `makemigrations --check`). What the models lack is what only
migrations hold: our migrations' SQL (the library's search index) runs in order, and so do the data migrations that
add starting rows. A data migration that converts rows of an older version has none to convert, and reads models
that have changed since. Every migration is then recorded as applied, so a test can migrate back and forth and a
later `migrate` applies only what is new.
"""

from types import SimpleNamespace
from typing import Any

from django.apps import apps
from django.conf import settings
from django.core.management import call_command
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


def finish_from_migrations(databases: list[Any] | None = None) -> None:
    for connection in databases or connections.all():
        executor = MigrationExecutor(connection)
        plan = executor.migration_plan(executor.loader.graph.leaf_nodes(), clean_start=True)
        ours = [m for m, _ in plan if apps.get_app_config(m.app_label).name.startswith("mobilise.")]
        # RunPython reads the models through a state's `apps`: the real ones serve for a seed.
        state: Any = SimpleNamespace(apps=apps, clear_delayed_apps_cache=lambda: None)
        with connection.schema_editor() as editor:
            for migration in ours:
                key = (migration.app_label, migration.name)
                for operation in migration.operations:
                    if isinstance(operation, RunSQL) or (isinstance(operation, RunPython) and key in SEEDS):
                        operation.database_forwards(migration.app_label, editor, state, state)
                    elif isinstance(operation, RunPython):
                        assert key in CONVERSIONS, f"mobilise/core/schema.py: is {key} a seed or a conversion?"
        for migration, _backwards in plan:
            executor.recorder.record_applied(migration.app_label, migration.name)


def build_from_models() -> None:
    """Build the default database's tables from the models, as Django's test runner does when a test database
    does not migrate, then finish it from the migrations."""
    saved = settings.MIGRATION_MODULES
    settings.MIGRATION_MODULES = {app.label: None for app in apps.get_app_configs()}
    try:
        call_command("migrate", verbosity=0, interactive=False, run_syncdb=True)
    finally:
        settings.MIGRATION_MODULES = saved
    finish_from_migrations([connections["default"]])
