"""The weekly digest: for each person, the stakeholders they own who are due or overdue, and their open actions
due within the next week or overdue. Two queries for everyone, however many projects."""

import datetime
from collections import defaultdict

from django.db.models import Q

from mobilise.stakeholders import access as stakeholder_access

from . import due
from .models import Action, Status


def gather(today):
    """{user: {"contacts": [stakeholder...], "actions": [action...]}} for everyone with something due."""
    people = defaultdict(lambda: {"contacts": [], "actions": []})
    owned = stakeholder_access.owned_by_active_users()
    for s in due.with_state(due.due(owned, today), today):
        people[s.owner]["contacts"].append(s)
    horizon = today + datetime.timedelta(days=due.SOON_DAYS)
    actions = (
        Action.objects.filter(status=Status.OPEN, owner__isnull=False, owner__is_active=True)
        .filter(Q(due__lte=horizon))
        .select_related("owner", "project")
        .order_by("due", "pk")
    )
    for a in actions:
        people[a.owner]["actions"].append(a)
    return dict(people)


def _day(d):
    return f"{d.day} {d:%B %Y}"


def body(user, contacts, actions, today, *, site_name, due_url):
    """The digest as plain text (not a template: plain text must not be HTML-escaped)."""
    lines = [
        f"Dear {user.full_name or user.email},",
        "",
        f"This is what is due for you this week in {site_name} ({_day(today)}).",
    ]
    if contacts:
        lines += ["", "Stakeholders to contact"]
        for s in contacts:
            when = f"overdue since {_day(s.due_on)}" if s.state == "overdue" else f"due by {_day(s.due_on)}"
            lines.append(f"- {s.name} ({s.project.short_title}): {when}; last contact {_day(s.last_contact)}")
    if actions:
        lines += ["", "Your actions"]
        for a in actions:
            when = "overdue since" if a.due < today else "due by"
            lines.append(f"- {a.description} ({a.project.short_title}): {when} {_day(a.due)}")
    lines += [
        "",
        f"See everything that is due: {due_url}",
        "",
        f"You get this email each week because you own stakeholder relationships or actions in {site_name}.",
    ]
    return "\n".join(lines) + "\n"
