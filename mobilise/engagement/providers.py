"""Timeline providers for interactions, actions and workshops (the stakeholders.timeline hook).

Interactions and actions carry a date, not a time: each is placed at a fixed hour of its day, and entries that
share a day are ordered by kind and id (timeline.older). Each provider costs a fixed number of queries.
"""

from django.db.models import Q
from django.urls import reverse

from mobilise.stakeholders import access as stakeholder_access
from mobilise.stakeholders.timeline import Entry, at_hour, older

from .models import Action, Interaction, Invitation, Workshop

INTERACTION_HOUR, ACTION_HOUR = 9, 10


def _names(stakeholders):
    return tuple(s.name for s in stakeholders)


def interactions(project, stakeholder=None, before=None, limit=50):
    rows = Interaction.objects.filter(project=project, workshop__isnull=True)
    if stakeholder is not None:
        rows = rows.filter(stakeholders=stakeholder)
    rows = (
        rows.filter(older(before, "interaction", "date", hour=INTERACTION_HOUR))
        .prefetch_related(stakeholder_access.named("stakeholders"))
        .order_by("-date", "-pk")[:limit]
    )
    return [
        Entry(
            when=at_hour(i.date, INTERACTION_HOUR),
            kind="interaction",
            pk=i.pk,
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
        # As subqueries of ids, not joins: each is read through its own index, and no row comes twice.
        met = Interaction.stakeholders.through.objects.filter(stakeholder=stakeholder).values("interaction_id")
        attended = Invitation.objects.filter(stakeholder=stakeholder, attended=True).values("workshop_id")
        rows = rows.filter(Q(interaction__in=met) | Q(workshop__in=attended))
    rows = (
        rows.filter(older(before, "action", "agreed_on", hour=ACTION_HOUR))
        .select_related("owner")
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
                when=at_hour(a.agreed_on, ACTION_HOUR),
                kind="action",
                pk=a.pk,
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
    rows = rows.filter(older(before, "workshop", "starts"))
    return [
        Entry(
            when=w.starts,
            kind="workshop",
            pk=w.pk,
            title=f"Workshop: {w.title}",
            url=reverse("engagement:workshop", args=[project.pk, w.pk]),
            detail=w.purpose[:300],
        )
        for w in rows.order_by("-starts", "-pk")[:limit]
    ]
