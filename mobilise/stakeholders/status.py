"""How the stakeholder map stands, for the project's home (the projects.jobs hook): in one query."""

from django.db.models import Count, Q
from django.urls import reverse

from mobilise.core.models import User
from mobilise.projects.jobs import JobStatus, Step, plural
from mobilise.projects.models import Project
from mobilise.projects.rules import EDIT, can

from .models import Stakeholder


def status(project: Project, user: User) -> JobStatus:
    counts = Stakeholder.objects.filter(project=project).aggregate(
        total=Count("pk"),
        no_owner=Count("pk", filter=Q(owner__isnull=True)),
        no_cadence=Count("pk", filter=Q(cadence="")),
        underserved=Count("pk", filter=Q(underserved=True)),
    )
    editor = can(user, EDIT, project)
    if not counts["total"]:
        if not editor:
            return JobStatus("Not started: no stakeholders yet")
        add = reverse("stakeholders:add", args=[project.pk])
        return JobStatus("Not started", (Step("No stakeholders yet: add who the evidence is for", add),))
    register = reverse("stakeholders:register", args=[project.pk])
    steps = []
    if not counts["underserved"]:
        steps.append(Step("No under-served group on the map", reverse("stakeholders:equity", args=[project.pk])))
    if counts["no_owner"]:
        steps.append(Step(f"{plural(counts['no_owner'], 'stakeholder')} without a relationship owner", register))
    if counts["no_cadence"]:
        steps.append(Step(f"{plural(counts['no_cadence'], 'stakeholder')} without a contact cadence", register))
    return JobStatus(f"{plural(counts['total'], 'stakeholder')} on the map", tuple(steps))
