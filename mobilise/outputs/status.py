"""How the outputs stand, for the project's home (the projects.jobs hook): in three queries."""

from django.db.models import Count, Q
from django.urls import reverse

from mobilise.core import reviews
from mobilise.core.models import User
from mobilise.projects.jobs import JobStatus, Step, plural
from mobilise.projects.models import Project
from mobilise.projects.rules import EDIT, can

from .models import Finding, Output, Status


def status(project: Project, user: User) -> JobStatus:
    findings = Finding.objects.filter(project=project).count()
    counts = Output.objects.filter(project=project).aggregate(
        total=Count("pk"),
        review=Count("pk", filter=Q(status=Status.IN_REVIEW)),
        published=Count("pk", filter=Q(status=Status.PUBLISHED)),
    )
    home = reverse("outputs:home", args=[project.pk])
    editor = can(user, EDIT, project)
    steps = []
    mine = reviews.waiting_on(user, Output.objects.filter(project=project, status=Status.IN_REVIEW))
    if mine:
        steps.append(Step(f"{plural(mine, 'output')} awaiting your review", home))
    elif counts["review"]:
        steps.append(Step(f"{plural(counts['review'], 'output')} in review", home))
    if not findings and editor:
        steps.append(
            Step("No findings yet: record what the research found", reverse("outputs:finding-new", args=[project.pk]))
        )
    elif not counts["total"] and editor:
        steps.append(
            Step("No outputs yet: write one for an audience", reverse("outputs:output-new", args=[project.pk]))
        )
    state = f"{plural(findings, 'finding')}, {plural(counts['total'], 'output')} ({counts['published']:,} published)"
    return JobStatus(state, tuple(steps))
