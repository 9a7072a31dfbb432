"""How the dialogue stands, for the project's home (the projects.jobs hook): in three queries."""

import datetime

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from mobilise.core.models import User
from mobilise.projects.jobs import JobStatus, Step, plural
from mobilise.projects.models import Project

from . import access
from .due import SOON_DAYS
from .models import Action, Status, Workshop


def status(project: Project, user: User) -> JobStatus:
    today = timezone.localdate()
    contacts = access.stakeholders(project).aggregate(
        overdue=Count("pk", filter=Q(next_contact__lt=today)),
        due=Count("pk", filter=Q(next_contact__gte=today, next_contact__lte=today + datetime.timedelta(SOON_DAYS))),
        never=Count("pk", filter=Q(last_contact__isnull=True, engaged=False)),
        engaged=Count("pk", filter=Q(last_contact__isnull=False) | Q(engaged=True)),
    )
    actions = Action.objects.filter(project=project, status=Status.OPEN).aggregate(
        open=Count("pk"), overdue=Count("pk", filter=Q(due__lt=today))
    )
    upcoming = Workshop.objects.filter(project=project, starts__gte=timezone.now()).order_by("starts").first()
    due = reverse("engagement:due", args=[project.pk])
    steps = []
    if contacts["overdue"]:
        steps.append(Step(plural(contacts["overdue"], "overdue contact"), due))
    if actions["overdue"]:
        steps.append(Step(plural(actions["overdue"], "overdue action"), due + "#actions"))
    if contacts["due"]:
        steps.append(Step(f"{plural(contacts['due'], 'contact')} due this week", due))
    if contacts["never"]:
        steps.append(Step(f"{plural(contacts['never'], 'stakeholder')} not engaged yet", due + "#never"))
    state = f"{plural(contacts['engaged'], 'stakeholder')} engaged, {plural(actions['open'], 'open action')}"
    if upcoming:
        state += f"; next workshop {date_format(timezone.localtime(upcoming.starts), 'j M Y')}"
    return JobStatus(state, tuple(steps))
