"""What support shows on lower apps' pages, through their hooks: a project's support history on its home
(projects.support), an adviser's due next steps on the due list across all projects (engagement.due) and the
introductions brokered for a person on their directory record (directory.record)."""

import datetime
from typing import Any

from django.db.models import Count, Q, Sum
from django.urls import reverse

from mobilise.core.models import SiteSettings
from mobilise.directory.record import RecordRow, RecordSection
from mobilise.engagement.elsewhere import DueItem, DueSection
from mobilise.projects import access as project_access
from mobilise.projects.rules import is_organisation_staff
from mobilise.projects.support import SupportCase

from .models import AdviceEntry, Case, Introduction


def introductions(person: Any, user: Any) -> RecordSection | None:
    """The introductions brokered between the person and projects the user may see, the newest hundred: one query,
    with or without an email address (advisers record them on the person's work role, not on their consent)."""
    staff = is_organisation_staff(user)
    rows = []
    made = project_access.in_visible_projects(Introduction.objects.filter(person=person), user)
    for i in made.select_related("project", "priority").order_by("-date", "-pk")[:100]:
        serving = f"For the system priority “{i.priority.title}”. " if i.priority else ""
        came = f"What came of it: {i.outcome}" if i.outcome else "What came of it is not recorded yet."
        url = reverse("support:priority", args=[i.priority_id]) if staff and i.priority_id else ""
        when = datetime.datetime.combine(i.date, datetime.time(12), tzinfo=datetime.UTC)
        rows.append(
            RecordRow(
                when=when, title=f"Introduced to the team of {i.project.short_title}", detail=serving + came, url=url
            )
        )
    return RecordSection(
        heading="Introductions brokered", rows=rows, note="Recorded by the support organisation's advisers."
    )


def project_support(project: Any, user: Any) -> list[SupportCase]:
    """The project's cases, newest first, with their time and entries summed: two queries (one with no case)."""
    cases = list(
        Case.objects.filter(project=project)
        .select_related("lead")
        .annotate(minutes=Sum("advice__minutes"), entries=Count("advice"))
        .order_by("-opened", "-pk")
    )
    if not cases:
        return []
    organisation = SiteSettings.load().name
    staff = is_organisation_staff(user)
    return [
        SupportCase(
            organisation=organisation,
            opened=case.opened,
            closed=case.closed,
            lead=case.lead.full_name if case.lead else "",
            outcome=case.get_outcome_display() if case.closed else "",
            minutes=getattr(case, "minutes") or 0,  # noqa: B009 - annotated above
            entries=getattr(case, "entries"),  # noqa: B009 - annotated above
            url=reverse("support:case", args=[case.pk]) if staff else None,
        )
        for case in cases
    ]


def next_steps(user: Any, today: datetime.date) -> DueSection | None:
    """The open next steps of the open cases the user leads or advises on, by date (so overdue first): one query,
    none for someone who is not support staff."""
    if not is_organisation_staff(user):
        return None
    theirs = Q(case__lead=user) | Q(case__in=Case.objects.filter(advisers=user).values("pk"))
    entries = (
        AdviceEntry.objects.filter(theirs, next_step_done=False, next_step_due__isnull=False, case__closed__isnull=True)
        .exclude(next_step="")
        .select_related("case__request", "case__idea")
        # Only what the list shows: the requests' other columns are many and wide (3 kB a row to join and sort).
        .only("next_step", "next_step_due", "case__request__project_title", "case__idea__title")
        .order_by("next_step_due", "pk")
    )
    items = tuple(
        DueItem(
            text=entry.next_step,
            context=entry.case.source.title,
            url=reverse("support:case", args=[entry.case_id]),
            due=entry.next_step_due,
            overdue=entry.next_step_due < today,
        )
        for entry in entries
        if entry.next_step_due is not None
    )
    return DueSection(key="support-steps", heading="Support next steps", items=items)
