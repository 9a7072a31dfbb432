"""Every write to ideas ("Get involved"): an idea from the public form, what its sender adds or withdrawing it,
advisers moving it on with an answer, and turning an accepted idea into its outcome. The pieces requests have
(references, personal links, answers by email, assessments, erasure) are services.py's, used here."""

from typing import Any

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from mobilise.core import links, retention
from mobilise.core.models import SiteSettings
from mobilise.engagement import services as engagement
from mobilise.engagement.models import Insight
from mobilise.projects import services as projects
from mobilise.projects.models import Project, Role

from .models import IDEA_DECISIONS, Case, Idea, IdeaEvent, IdeaEventKind, IdeaStatus
from .services import (
    Erased,
    lock_open,
    new_reference,
    project_fields,
    record_status,
    send_answer,
    send_receipt,
    stamp_answer,
    tell_advisers,
    tell_advisers_added,
)

STATUS_LINK = "support-idea"


class NotAccepted(Exception):
    """Only an accepted idea that has no outcome yet can be turned into a case, a project or an evidence gap."""


def status_url(idea: Idea) -> str:
    """A new personal link to the idea's status page. It does not expire: the idea's retention ends it."""
    issued = links.make_link(STATUS_LINK, idea, expires=None, once=False)
    return links.absolute_url(reverse("support:idea-status", args=[issued.token]))


@transaction.atomic
def submit_idea(*, fields: dict[str, Any]) -> Idea:
    """Store an idea from the public form, and tell its sender (with their private link) and the advisers."""
    idea = Idea.objects.create(reference=new_reference(Idea, "IDEA"), consent_at=timezone.now(), **fields)
    IdeaEvent.objects.create(idea=idea, kind=IdeaEventKind.SUBMITTED, status=IdeaStatus.RECEIVED)
    site = SiteSettings.load()
    send_receipt(
        obj=idea,
        site=site,
        subject=f"We have your idea ({idea.reference})",
        thanks=f"Thank you for sharing your idea “{idea.title}” with {site.name}.",
        next_steps="Our advisers will read it and tell you what we decide, and why.",
        url=status_url(idea),
    )
    tell_advisers(
        obj=idea,
        site=site,
        subject=f"New idea {idea.reference}: {idea.title}",
        body=f"{idea.name} shared an idea through Get involved.",
    )
    return idea


@transaction.atomic
def add_information(*, idea: Idea, text: str) -> None:
    """The sender adds to their idea; one that was waiting on them goes back to the advisers."""
    locked = lock_open(idea)
    IdeaEvent.objects.create(idea=locked, kind=IdeaEventKind.INFORMATION, text=text)
    if locked.status == IdeaStatus.WAITING:
        record_status(locked, IdeaStatus.REVIEWING, kind=IdeaEventKind.STATUS)
    tell_advisers_added(obj=locked, text=text)


@transaction.atomic
def withdraw(*, idea: Idea, reason: str = "") -> None:
    locked = lock_open(idea)
    record_status(locked, IdeaStatus.WITHDRAWN, kind=IdeaEventKind.WITHDRAWN, text=reason)
    Idea.objects.filter(pk=locked.pk).update(closed_at=timezone.now())


@transaction.atomic
def change_status(*, idea: Idea, status: str, by: Any, subject: str, message: str, reason: str) -> None:
    """An adviser moves an open idea on, and its sender gets the answer the adviser approved, with the reason. The
    first change is the first answer; accepting or not taking it forward is the decision (not taking it forward
    also closes it; an accepted idea closes when it becomes its outcome)."""
    locked = lock_open(idea)
    now = timezone.now()
    record_status(locked, status, kind=IdeaEventKind.STATUS, by=by, text=reason)
    stamp_answer(locked, now, decided=status in IDEA_DECISIONS)
    if status == IdeaStatus.NOT_TAKEN:
        locked.closed_at = now
    locked.save(update_fields=["first_response_at", "decided_at", "closed_at"])
    send_answer(obj=locked, subject=subject, message=message, url=status_url(locked))


@transaction.atomic
def assign(*, idea: Idea, assignee: Any) -> None:
    Idea.objects.filter(pk=idea.pk).update(assignee=assignee)


def _lock_for_outcome(idea: Idea) -> Idea:
    locked = Idea.objects.select_for_update().get(pk=idea.pk)
    has_case = Case.objects.filter(idea=locked).exists()
    done = locked.closed_at or locked.project_id or locked.evidence_gap_id or has_case
    if locked.status != IdeaStatus.ACCEPTED or done:
        raise NotAccepted
    if locked.erased_at is not None:
        raise Erased
    return locked


def _outcome(idea: Idea, by: Any, text: str, *, closes: bool) -> None:
    IdeaEvent.objects.create(idea=idea, kind=IdeaEventKind.OUTCOME, status=idea.status, by=by, text=text)
    if closes:
        Idea.objects.filter(pk=idea.pk).update(closed_at=timezone.now())


@transaction.atomic
def make_case(*, idea: Idea, by: Any) -> Case:
    """Support for the idea's sender, as for an accepted request: a case led by the idea's adviser. The idea
    closes when the case does."""
    locked = _lock_for_outcome(idea)
    lead = locked.assignee or by
    case = Case.objects.create(idea=locked, lead=lead)
    case.advisers.set({lead, by})
    _outcome(locked, by, "We are supporting it as a support case.", closes=False)
    return case


@transaction.atomic
def make_project(*, idea: Idea, by: Any, short_title: str) -> Project:
    """A project at the idea stage, carrying the idea's text, with its sender invited to lead it."""
    locked = _lock_for_outcome(idea)
    project = projects.create_project(by=by, short_title=short_title, **project_fields(locked))
    projects.add_or_invite(project=project, email=locked.email, role=Role.LEAD, by=by)
    Idea.objects.filter(pk=locked.pk).update(project=project)
    _outcome(locked, by, "It is now a new project, and you are invited to lead it.", closes=True)
    return project


def gap_text(idea: Idea) -> str:
    """Why the evidence gap matters, from the idea, with who raised it (erasing the idea replaces that line)."""
    parts = [idea.idea, f"Who would benefit: {idea.who_benefits}"]
    if idea.evidence:
        parts.append(f"Evidence so far: {idea.evidence}")
    parts.append(raised_by(idea))
    return "\n\n".join(parts)


def raised_by(idea: Idea) -> str:
    organisation = f", {idea.organisation_name}" if idea.organisation_name else ""
    return f"Raised through Get involved ({idea.reference}) by {idea.name}{organisation}."


@transaction.atomic
def make_evidence_gap(*, idea: Idea, by: Any, project: Project) -> Insight:
    """An evidence gap on a project the adviser chose (and may edit): the idea's problem as its question."""
    locked = _lock_for_outcome(idea)
    insight = engagement.save_insight(project=project, question=locked.problem, why_it_matters=gap_text(locked))
    Idea.objects.filter(pk=locked.pk).update(evidence_gap=insight)
    _outcome(locked, by, "It is now a question for research on one of the projects we support.", closes=True)
    return insight


@transaction.atomic
def erase_idea(*, idea: Idea, by: Any) -> bool:
    """Erase the sender's details at their wish (what goes and what stays: retention.py); False if done before."""
    return retention.erase(idea, by=by)
