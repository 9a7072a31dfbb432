"""The stakeholder import, run by the task queue so that no request waits on a file of 100,000 rows."""

import contextlib

from django_tasks import task

from mobilise.core.tables import TableError

from . import services_import
from .models import ImportRun


@task()
def import_stakeholders(*, run_id: int) -> None:
    """Import a confirmed batch. A file with problems or already imported is the user's to fix, shown on the
    progress page; anything else fails the task too, so the traceback is kept in the task results."""
    run = ImportRun.objects.select_related("project", "created_by").filter(pk=run_id).first()
    if run is None or run.state != ImportRun.State.QUEUED:
        return  # the project was deleted, or the task was delivered twice
    with contextlib.suppress(TableError, services_import.AlreadyImported):
        services_import.execute_run(run)
