"""A report's period (a first and a last day) as the database compares it.

    from mobilise.core.periods import within
    SupportRequest.objects.filter(within("submitted", start, end))

The period runs from the start of its first day to the start of the day after its last, in the organisation's time
zone, and is compared with the stored column itself: an index serves it and no database function runs on each row
(`field__date__gte` would cast every row's date, in Python on SQLite).
"""

from datetime import date, datetime, time, timedelta

from django.db.models import Q
from django.utils import timezone


def midnight(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=timezone.get_current_timezone())


def span(start: date, end: date) -> tuple[datetime, datetime]:
    """The period as aware datetimes: the start of its first day, the start of the day after its last."""
    return midnight(start), midnight(end + timedelta(days=1))


def within(field: str, start: date, end: date) -> Q:
    since, until = span(start, end)
    return Q(**{f"{field}__gte": since, f"{field}__lt": until})
