"""Writes of the priorities register: advisers record the system's priorities, by hand or from a support request
or an idea that raised one."""

from typing import Any

from django.db import transaction
from django.utils import timezone

from mobilise.directory import access as directory_access

from .models import Idea, Priority, SupportRequest


def drafted_from(source: SupportRequest | Idea) -> dict[str, Any]:
    """A new priority's starting values from the request or idea that raised it: its title, whose it is (the
    request's organisation, or the directory's organisation of the idea's organisation name) and when it was raised.
    Not the requester's own words about it: those are erased with their personal details (support/retention.py),
    and the priority, which outlives them, is the adviser's to describe."""
    title = Priority._meta.get_field("title").max_length
    if isinstance(source, SupportRequest):
        return {
            "title": source.project_title[:title],
            "organisation": source.organisation,
            "themes": list(source.themes.all()),
            "raised": timezone.localdate(source.submitted),
        }
    return {
        "title": source.title[:title],
        "organisation": directory_access.organisation_named(source.organisation_name),
        "raised": timezone.localdate(source.submitted),
    }


@transaction.atomic
def save_priority(
    *,
    priority: Priority | None = None,
    by: Any,
    themes: Any = (),
    source: SupportRequest | Idea | None = None,
    **fields: Any,
) -> Priority:
    """Record a new priority (raised by `source`, when it came from a request or an idea) or change one."""
    if priority is None:
        priority = Priority(created_by=by)
        if isinstance(source, SupportRequest):
            priority.request = source
        elif isinstance(source, Idea):
            priority.idea = source
    for name, value in fields.items():
        setattr(priority, name, value)
    priority.save()
    priority.themes.set(themes)
    return priority
