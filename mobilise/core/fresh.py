"""Report figures that are dear to work out and move slowly: worked out at most once every FRESH_SECONDS (per
process) and shown with the time they were worked out ("Figures as at 10:42"), as an adviser opens a report again
and again. Downloads work their figures out afresh, so they are always up to the moment.

    tables, worked_out = fresh.recent(f"support-report:{start}:{end}", lambda: report(start, end))
"""

from collections.abc import Callable
from datetime import datetime
from typing import Any

from django.core.cache import cache
from django.utils import timezone

FRESH_SECONDS = 60


def recent(key: str, work: Callable[[], Any]) -> tuple[Any, datetime]:
    """(what work() gave at most FRESH_SECONDS ago, when it was worked out)."""
    return cache.get_or_set(key, lambda: (work(), timezone.now()), FRESH_SECONDS)  # type: ignore[return-value]
