"""The one way to run slow or outside work: Django's tasks interface (DEP 14, the `django-tasks` backport).

A task is a module-level function decorated with `@task` in an app's `tasks.py`; its arguments must be
JSON-serialisable (ids, text, lists and dicts, never model instances). Services enqueue it with
`enqueue_on_commit`, so nothing runs for a write that is rolled back and a request never waits on the work.
A task that fails on something passing (a mail server down) calls `retry_later` before re-raising: the failed
attempt stays in the task results with its traceback (Django admin, "Task results"), and a new attempt is
queued with a growing delay, up to MAX_ATTEMPTS in all.
"""

import datetime
import logging
from functools import partial
from typing import Any

from django.db import transaction
from django.utils import timezone
from django_tasks.base import Task

logger = logging.getLogger(__name__)

# Wait before attempt 2, 3 and 4: a minute, five minutes, half an hour.
RETRY_DELAYS = (datetime.timedelta(minutes=1), datetime.timedelta(minutes=5), datetime.timedelta(minutes=30))
MAX_ATTEMPTS = len(RETRY_DELAYS) + 1


def enqueue_on_commit(task: Task, /, **kwargs: Any) -> None:
    """Enqueue `task` with these keyword arguments once the current transaction commits (at once outside one)."""
    transaction.on_commit(partial(task.enqueue, **kwargs))


def retry_later(task: Task, /, *, attempt: int, **kwargs: Any) -> bool:
    """Queue attempt `attempt + 1` of `task` after a delay; False (and an error in the log) when none is left.

    The task takes an `attempt` keyword argument (1 for the first) and passes its other arguments through here.
    A backend that cannot defer (the immediate one, in tests) runs the next attempt at once."""
    if attempt >= MAX_ATTEMPTS:
        logger.error("Task %s failed %d times; giving up", task.module_path, attempt)
        return False
    if task.get_backend().supports_defer:
        task = task.using(run_after=timezone.now() + RETRY_DELAYS[attempt - 1])
    task.enqueue(attempt=attempt + 1, **kwargs)
    return True
