"""Timeline providers for interactions, actions and workshops (see mobilise.stakeholders.timeline).

Interactions and actions carry a date, not a time. Each is placed at a fixed hour of its day plus its id in
microseconds, so every entry has its own instant and paging with `before` neither skips nor repeats entries
that share a day. Each provider costs a fixed number of queries.
"""

import datetime

from django.db.models import Prefetch, Q
from django.urls import reverse
from django.utils import timezone

from mobilise.stakeholders.models import Stakeholder
from mobilise.stakeholders.timeline import Entry

from .models import Action, Interaction, Workshop

INTERACTION_HOUR, ACTION_HOUR = 9, 10


def _stamp(day, hour, pk):
    midnight = timezone.make_aware(datetime.datetime.combine(day, datetime.time()))
    return midnight + datetime.timedelta(hours=hour, microseconds=pk)


def _older(before, hour, date_field="date"):
    """Rows placed strictly before `before` by _stamp."""
    if before is None:
        return Q()
    local = timezone.localtime(before)
    midnight = timezone.make_aware(datetime.datetime.combine(local.date(), datetime.time()))
    offset = (local - midnight) // datetime.timedelta(microseconds=1) - hour * 3_600_000_000
    return Q(**{f"{date_field}__lt": local.date()}) | Q(**{date_field: local.date(), "pk__lt": max(offset, 0)})


def _names(stakeholders):
    return tuple(s.name for s in stakeholders)


def interactions(project, stakeholder=None, before=None, limit=50):
    rows = Interaction.objects.filter(project=project, workshop__isnull=True)
    if stakeholder is not None:
        rows = rows.filter(stakeholders=stakeholder)
    rows = (
        rows.filter(_older(before, INTERACTION_HOUR))
        .prefetch_related(
            Prefetch("stakeholders", queryset=Stakeholder.objects.select_related("person", "organisation"))
        )
        .order_by("-date", "-pk")[:limit]
    )
    return [
        Entry(
            when=_stamp(i.date, INTERACTION_HOUR, i.pk),
            kind="interaction",
            title=f"{i.get_kind_display()}: {i.subject}" if i.subject else i.get_kind_display(),
            url=reverse("engagement:interaction", args=[project.pk, i.pk]),
            detail=i.summary[:300],
            people=_names(i.stakeholders.all()),
        )
        for i in rows
    ]


def actions(project, stakeholder=None, before=None, limit=50):
    rows = Action.objects.filter(project=project)
    if stakeholder is not None:
        rows = rows.filter(
            Q(interaction__stakeholders=stakeholder)
            | Q(workshop__invitations__stakeholder=stakeholder, workshop__invitations__attended=True)
        )
    rows = (
        rows.filter(_older(before, ACTION_HOUR, "agreed_on"))
        .select_related("owner")
        .distinct()
        .order_by("-agreed_on", "-pk")[:limit]
    )
    entries = []
    for a in rows:
        if a.interaction_id:
            url = reverse("engagement:interaction", args=[project.pk, a.interaction_id])
        elif a.workshop_id:
            url = reverse("engagement:workshop", args=[project.pk, a.workshop_id])
        else:
            url = reverse("engagement:due", args=[project.pk])
        owner = f"{a.owner}" if a.owner else "no owner"
        due = f", due {a.due:%-d %B %Y}" if a.due else ""
        entries.append(
            Entry(
                when=_stamp(a.agreed_on, ACTION_HOUR, a.pk),
                kind="action",
                title=f"Action: {a.description}",
                url=url,
                detail=f"{a.get_status_display()} ({owner}{due})",
            )
        )
    return entries


def workshops(project, stakeholder=None, before=None, limit=50):
    rows = Workshop.objects.filter(project=project)
    if stakeholder is not None:
        rows = rows.filter(invitations__stakeholder=stakeholder)
    if before is not None:
        rows = rows.filter(starts__lt=before)
    return [
        Entry(
            when=w.starts,
            kind="workshop",
            title=f"Workshop: {w.title}",
            url=reverse("engagement:workshop", args=[project.pk, w.pk]),
            detail=w.purpose[:300],
        )
        for w in rows.order_by("-starts", "-pk")[:limit]
    ]
