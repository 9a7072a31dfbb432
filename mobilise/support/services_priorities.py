"""Writes of the priorities register: advisers record the system's priorities, by hand or from a support request
or an idea that raised one."""

import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone

from mobilise.core.services import save_fields
from mobilise.directory import access as directory_access
from mobilise.directory.models import Person
from mobilise.engagement import services as engagement_services
from mobilise.engagement.models import Kind
from mobilise.projects.models import Project
from mobilise.stakeholders import access as stakeholder_access
from mobilise.stakeholders import services as stakeholder_services

from .models import Idea, Introduction, Priority, SupportRequest


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
    webinar_themes: Any = (),
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
    save_fields(priority, fields)
    priority.themes.set(themes)
    priority.webinar_themes.set(webinar_themes)
    return priority


class IntroductionError(Exception):
    pass


@transaction.atomic
def broker_introduction(
    *, project: Project, person: Person, date: datetime.date, why: str, by: Any, priority: Priority | None = None
) -> Introduction:
    """Record an adviser's introduction of a project's team to a system partner, once: the partner goes on the
    project's map if not there yet, the introduction is an interaction in the project's engagement log, and it is
    kept here for the priority it serves and the partner's directory record."""
    if person.do_not_contact:
        raise IntroductionError(f"{person.full_name} is marked do not contact")
    if Introduction.objects.filter(priority=priority, project=project, person=person, date=date).exists():
        raise IntroductionError("This introduction is already recorded")
    serving = f" for the system priority “{priority.title}”" if priority else ""
    try:
        stakeholder = stakeholder_access.on_map(project, person) or stakeholder_services.add_stakeholder(
            project=project, by=by, person=person, organisation=person.organisation
        )
        interaction = engagement_services.log_interaction(
            project=project,
            by=by,
            date=date,
            kind=Kind.INTRODUCTION,
            subject=f"Introduced to {person.full_name}"[:200],
            summary=f"{by.full_name} introduced the team to {person.full_name}{serving}. {why}",
            stakeholders=[stakeholder],
        )
    except (stakeholder_services.StakeholderError, engagement_services.EngagementError) as problem:
        raise IntroductionError(str(problem)) from problem
    return Introduction.objects.create(
        project=project, person=person, priority=priority, date=date, why=why, interaction=interaction, created_by=by
    )


@transaction.atomic
def record_outcome(*, introduction: Introduction, outcome: str) -> Introduction:
    """What came of an introduction: kept with it and, as what was learned, on the project's interaction, unless
    the team has written something else there since (theirs is kept)."""
    earlier, introduction.outcome = introduction.outcome, outcome
    introduction.save(update_fields=["outcome"])
    interaction = introduction.interaction
    if interaction is not None and interaction.learned.strip() in ("", earlier.strip()):
        engagement_services.note_learned(interaction=interaction, learned=outcome)
    return introduction
