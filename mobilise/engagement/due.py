"""Who is due or overdue for contact by the cadence on the stakeholder map, computed in the database.

A stakeholder's next contact is due CADENCE_DAYS[cadence] days after the last interaction involving them
(days, not calendar months, so 31 January + a month of 31 days is 3 March, or 2 March in a leap year).
Due means on or before SOON_DAYS from today; overdue means the due date has passed.
"""

import datetime

from django.db.models import Case, DateField, DateTimeField, ExpressionWrapper, F, Max, Value, When

from mobilise.stakeholders.models import CADENCE_DAYS

SOON_DAYS = 7


def due_date(last, cadence):
    if last is None or cadence not in CADENCE_DAYS:
        return None
    return last + datetime.timedelta(days=CADENCE_DAYS[cadence])


def state(last, cadence, today):
    """'never', 'overdue', 'due' or 'ok' (or '' when there is no cadence to keep)."""
    if last is None:
        return "never"
    due_on = due_date(last, cadence)
    if due_on is None:
        return ""
    if due_on < today:
        return "overdue"
    return "due" if due_on <= today + datetime.timedelta(days=SOON_DAYS) else "ok"


def with_last_contact(queryset):
    """Stakeholders annotated with the date of their latest interaction: one aggregate, one query."""
    return queryset.annotate(last_contact=Max("interactions__date"))


def _latest_allowed(today):
    """Per cadence, the last-contact date on or before which a stakeholder is due within SOON_DAYS."""
    return Case(
        *[When(cadence=c, then=Value(today + datetime.timedelta(days=SOON_DAYS - d))) for c, d in CADENCE_DAYS.items()],
        output_field=DateField(),
    )


def _due_on():
    return Case(
        *[When(cadence=c, then=ExpressionWrapper(F("last_contact") + datetime.timedelta(days=d),
                                                  output_field=DateTimeField()))
          for c, d in CADENCE_DAYS.items()],
        output_field=DateTimeField(),
    )


def due(queryset, today):
    """Stakeholders with a cadence who are due within SOON_DAYS or overdue, soonest due date first."""
    return (
        with_last_contact(queryset.filter(cadence__in=list(CADENCE_DAYS)))
        .alias(latest_allowed=_latest_allowed(today), due_on=_due_on())
        .filter(last_contact__isnull=False, last_contact__lte=F("latest_allowed"))
        .order_by("due_on", "pk")
    )


def never_engaged(queryset):
    """Stakeholders no interaction has involved yet, most influential first."""
    return (
        queryset.annotate(contacted=Max("interactions__date"))
        .filter(contacted__isnull=True).order_by("-influence", "-interest", "pk")
    )
