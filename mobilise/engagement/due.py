"""Who is due or overdue for contact by the cadence on the stakeholder map.

A stakeholder's next contact is due a cadence (weeks, or calendar months) after the last interaction involving them
(stakeholders.models.due_date); both dates are kept on the stakeholder, so these lists are indexed reads.
Due means on or before SOON_DAYS from today; overdue means the due date has passed.
"""

import datetime

from django.db.models import F

from mobilise.stakeholders.models import due_date

SOON_DAYS = 7


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


def with_state(stakeholders, today):
    """Set due_on and state on each stakeholder, for the lists and the digest that show them."""
    for s in stakeholders:
        s.due_on, s.state = s.next_contact, state(s.last_contact, s.cadence, today)
    return stakeholders


def due(queryset, today):
    """Stakeholders with a cadence who are due within SOON_DAYS or overdue, soonest due date first."""
    return queryset.filter(next_contact__lte=today + datetime.timedelta(days=SOON_DAYS)).order_by("next_contact", "pk")


def never_engaged(queryset):
    """Stakeholders no interaction has involved yet and the team has not ticked as already engaged (a working
    relationship from before the project's log began), most influential first and those not yet scored last."""
    return queryset.filter(last_contact__isnull=True, engaged=False).order_by(
        F("influence").desc(nulls_last=True), F("interest").desc(nulls_last=True), "pk"
    )
