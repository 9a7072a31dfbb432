"""How evaluation stands, for the project's home (the projects.jobs hook): in three queries."""

from django.db.models import Count, Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone

from mobilise.core.models import User
from mobilise.projects.jobs import JobStatus, Step, plural
from mobilise.projects.models import Project
from mobilise.projects.rules import EDIT, can

from .models import Actual, ImpactClaim, Indicator, Period


def status(project: Project, user: User) -> JobStatus:
    indicators = Indicator.objects.filter(project=project).aggregate(
        total=Count("pk", distinct=True), no_periods=Count("pk", distinct=True, filter=Q(periods__isnull=True))
    )
    missing = (
        Period.objects.filter(indicator__project=project, ends__lt=timezone.localdate())
        .exclude(Exists(Actual.objects.filter(period=OuterRef("pk"), dimension="")))
        .count()
    )
    claims = ImpactClaim.objects.filter(project=project).count()
    home = reverse("evaluation:home", args=[project.pk])
    steps = []
    if not indicators["total"] and can(user, EDIT, project):
        new = reverse("evaluation:indicator-new", args=[project.pk])
        steps.append(Step("No indicators yet: measure an outcome of the logic model", new))
    if missing:
        steps.append(Step(f"{plural(missing, 'reporting period')} ended without a value", home + "#indicators"))
    if indicators["no_periods"]:
        steps.append(
            Step(f"{plural(indicators['no_periods'], 'indicator')} without reporting periods", home + "#indicators")
        )
    state = f"{plural(indicators['total'], 'indicator')}, {plural(claims, 'impact claim')}"
    return JobStatus(state, tuple(steps))
