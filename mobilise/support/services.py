"""Every write to support requests: a visitor's request, what they add to it, and withdrawing it."""

import secrets
from datetime import datetime
from typing import Any, TypeVar

from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.urls import reverse
from django.utils import timezone

from mobilise.core import happenings, links, mail, retention
from mobilise.core.models import SiteSettings
from mobilise.directory.access import organisation_named
from mobilise.engagement import services as engagement
from mobilise.evaluation import services as evaluation
from mobilise.evaluation.models import QuestionKind
from mobilise.projects import services as projects
from mobilise.projects.models import Project, Role, Stage

from .models import (
    DECISIONS,
    AdviceEntry,
    Assessment,
    Case,
    EventKind,
    Idea,
    Need,
    RequesterType,
    RequestEvent,
    Status,
    SupportRequest,
)
from .rubric import criteria_for

STATUS_LINK = "support-request"
# No 0/O or 1/I/L, so a reference read out on the phone is not misheard.
REFERENCE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
Submitted = TypeVar("Submitted", SupportRequest, Idea)


class Erased(Exception):
    """The requester's details have been erased, so nothing can be sent to them or carried over."""


class RequestClosed(Exception):
    """The request (or idea) is no longer open, so it cannot be changed from the person's side."""


def lock_open(submission: Submitted) -> Submitted:
    """The request or idea locked for a change while it is still open; RequestClosed once it is not."""
    locked = type(submission)._default_manager.select_for_update().get(pk=submission.pk)
    if not locked.is_open:
        raise RequestClosed
    return locked


def new_reference(model: type[SupportRequest] | type[Idea], prefix: str) -> str:
    """An unguessable reference, unique among the model's rows: KMB-... for requests, IDEA-... for ideas."""
    while True:
        code = "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(8))
        reference = f"{prefix}-{code[:4]}-{code[4:]}"
        if not model.objects.filter(reference=reference).exists():
            return reference


def send_answer(*, obj: SupportRequest | Idea, subject: str, message: str, url: str) -> None:
    """The email an adviser approved when a request or idea changed status, with the person's private link."""
    site = SiteSettings.load()
    mail.send_mail(
        subject=subject,
        body=f"{message}\n\nSee where it has got to and reply: {url}\n\n{site.name}\n",
        to=[obj.email],
        reply_to=[site.contact_email] if site.contact_email else None,
    )


def send_receipt(
    *, obj: SupportRequest | Idea, site: SiteSettings, subject: str, thanks: str, next_steps: str, url: str
) -> None:
    """The receipt of what the person has just sent, with its reference and their private link (`url`), answered to
    the support team."""
    mail.send_mail(
        subject=subject,
        body=(
            f"Dear {obj.name},\n\n"
            f"{thanks} Your reference is {obj.reference}.\n\n"
            f"{next_steps} You can see where it has got to, "
            "add information or withdraw it at any time through this private link:\n\n"
            f"{url}\n\n"
            "Keep this email: the link is only for you, so do not share it.\n\n"
            f"{site.name}\n"
        ),
        to=[obj.email],
        reply_to=[site.contact_email] if site.contact_email else None,
        requested=True,
    )


def tell_advisers(*, obj: SupportRequest | Idea, site: SiteSettings, subject: str, body: str) -> None:
    """Tell the support team (the site's contact address, when it has one) what a person sent, with the link to its
    record."""
    if site.contact_email:
        url_name = "support:request" if isinstance(obj, SupportRequest) else "support:idea"
        url = links.absolute_url(reverse(url_name, args=[obj.pk]))
        mail.send_mail(subject=subject, body=f"{body}\n\n{url}\n", to=[site.contact_email])


def tell_advisers_added(*, obj: SupportRequest | Idea, text: str) -> None:
    """Tell the support team what the person added to their open request or idea."""
    noun = "support request" if isinstance(obj, SupportRequest) else "idea"
    tell_advisers(
        obj=obj,
        site=SiteSettings.load(),
        subject=f"More information on {noun} {obj.reference}",
        body=f"{obj.name} added:\n\n{text}",
    )


def status_url(support_request: SupportRequest) -> str:
    """A new personal link to the request's status page. It does not expire: the request's retention ends it."""
    issued = links.make_link(STATUS_LINK, support_request, expires=None, once=False)
    return links.absolute_url(reverse("support:status", args=[issued.token]))


@transaction.atomic
def submit_request(*, fields: dict[str, Any], themes: Any = (), receipt: bool = True) -> SupportRequest:
    """Store a request from the public form, tell the requester (with their private link, unless not `receipt`)
    and the advisers."""
    support_request = SupportRequest.objects.create(
        reference=new_reference(SupportRequest, "KMB"),
        organisation=organisation_named(fields["organisation_name"]),
        consent_at=timezone.now(),
        **fields,
    )
    support_request.themes.set(themes)
    RequestEvent.objects.create(request=support_request, kind=EventKind.SUBMITTED, status=Status.SUBMITTED)
    happenings.announce("support_request.created", support_request)
    site = SiteSettings.load()
    if receipt:
        send_receipt(
            obj=support_request,
            site=site,
            subject=f"We have your request for support ({support_request.reference})",
            thanks=f"Thank you for asking {site.name} for support with “{support_request.project_title}”.",
            next_steps="An adviser will read your request and reply within 2 working days.",
            url=status_url(support_request),
        )
    tell_advisers(
        obj=support_request,
        site=site,
        subject=f"New support request {support_request.reference}: {support_request.project_title}",
        body=f"{support_request.name} ({support_request.organisation_name}) asked for support.",
    )
    return support_request


class GapTaken(Exception):
    """The evidence gap already has a support request or became a project."""


def gap_fields(insight: Any, by: Any) -> dict[str, Any]:
    """A grant-stage request for the gap's question, made in the name of the adviser who opens it, carrying why it
    matters and who raised it on which project."""
    source = insight.project
    # Counted, not named: the request outlives the map, and the people stay on the gap and its project.
    raised = insight.stakeholders.count()
    parts = [insight.question, f"Why it matters to them: {insight.why_it_matters}" if insight.why_it_matters else ""]
    parts.append(
        f"An evidence gap raised on {source.short_title} ({source.title}) by {raised} "
        f"stakeholder{'' if raised == 1 else 's'}."
    )
    return {
        "name": by.full_name or by.email,
        "email": by.email,
        "organisation_name": SiteSettings.load().name,
        "role": "Knowledge mobilisation adviser",
        "requester_type": RequesterType.OTHER,
        "needs": [Need.GRANT],
        "project_title": insight.question[:300],
        "stage": Stage.GRANT_DEVELOPMENT,
        "summary": "\n\n".join(p for p in parts if p),
        "inequalities": "Carried from the project the gap was raised on." if source.health_inequalities_focus else "",
    }


def gap_taken(insight: Any) -> bool:
    """Whether the gap already became a project or has a support request: then no request is opened from it."""
    return bool(insight.new_project_id) or SupportRequest.objects.filter(gap=insight).exists()


@transaction.atomic
def request_from_gap(*, insight: Any, by: Any) -> SupportRequest:
    """A grant-stage support request opened by an adviser from an evidence gap, triaged like any other but with no
    receipt (the adviser made it); a project started from it later carries the gap's question and the people who
    raised it (start_project)."""
    insight = type(insight).objects.select_for_update().get(pk=insight.pk)
    if gap_taken(insight):
        raise GapTaken
    fields = {**gap_fields(insight, by), "gap": insight}
    support_request = submit_request(fields=fields, themes=list(insight.project.themes.all()), receipt=False)
    engagement.start_scoping(insight=insight)
    return support_request


@transaction.atomic
def add_information(*, support_request: SupportRequest, text: str) -> None:
    """The requester adds to their request; one that was waiting on them goes back to the advisers."""
    locked = lock_open(support_request)
    RequestEvent.objects.create(request=locked, kind=EventKind.INFORMATION, text=text)
    if locked.status == Status.WAITING:
        _set_status(locked, Status.ASSESSING)
    tell_advisers_added(obj=locked, text=text)


@transaction.atomic
def withdraw(*, support_request: SupportRequest, reason: str = "") -> None:
    locked = lock_open(support_request)
    _set_status(locked, Status.WITHDRAWN, kind=EventKind.WITHDRAWN, text=reason)


def record_status(submission: Submitted, status: str, *, kind: str, by: Any = None, text: str = "") -> None:
    """Move a request or an idea to status, with the entry in its history that says so."""
    submission.events.create(kind=kind, status=status, by=by, text=text)
    submission.status = status
    submission.save(update_fields=["status"])


def stamp_answer(submission: Submitted, now: datetime, *, decided: bool) -> None:
    """The service-level facts (models.Answered) an adviser's change of status sets, unsaved: the first change is
    the first answer, and the first decision the decision; later changes move neither."""
    submission.first_response_at = submission.first_response_at or now
    if decided:
        submission.decided_at = submission.decided_at or now


def _set_status(
    support_request: SupportRequest, status: str, *, kind: str = EventKind.STATUS, by: Any = None, text: str = ""
) -> None:
    record_status(support_request, status, kind=kind, by=by, text=text)
    happenings.announce("support_request.changed", support_request)


@transaction.atomic
def change_status(
    *, support_request: SupportRequest, status: str, by: Any, subject: str, message: str, reason: str = ""
) -> None:
    """An adviser moves an open request on and the requester is told, in the words the adviser approved. The
    first such change is the first response; accepting, redirecting or declining is the decision."""
    locked = lock_open(support_request)
    now = timezone.now()
    _set_status(locked, status, by=by, text=reason)
    stamp_answer(locked, now, decided=status in DECISIONS)
    locked.save(update_fields=["first_response_at", "decided_at"])
    if status == Status.ACCEPTED:
        lead = locked.assignee or by
        case = Case.objects.create(request=locked, lead=lead)
        case.advisers.set({lead, by})
    send_answer(obj=locked, subject=subject, message=message, url=status_url(locked))


@transaction.atomic
def assign(*, support_request: SupportRequest, assignee: Any) -> None:
    SupportRequest.objects.filter(pk=support_request.pk).update(assignee=assignee)


@transaction.atomic
def save_assessment(*, subject: models.Model, assessor: Any, answers: dict[str, dict[str, str]]) -> Assessment:
    """Record (or replace) the assessor's assessment of subject."""
    assessment, _ = Assessment.objects.update_or_create(
        content_type=ContentType.objects.get_for_model(subject),
        object_id=subject.pk,
        assessor=assessor,
        defaults={"answers": {key: answers[key] for key, _, _ in criteria_for(subject)}},
    )
    return assessment


@transaction.atomic
def log_advice(*, case: Case, by: Any, **fields: Any) -> AdviceEntry:
    return AdviceEntry.objects.create(case=case, by=by, **fields)


@transaction.atomic
def finish_next_step(*, entry: AdviceEntry) -> None:
    AdviceEntry.objects.filter(pk=entry.pk).update(next_step_done=True)


@transaction.atomic
def link_project(*, case: Case, project: Project) -> None:
    Case.objects.filter(pk=case.pk).update(project=project)


def project_fields(source: SupportRequest | Idea) -> dict[str, Any]:
    """What a new project takes from a request, or from an idea (a project at the idea stage, its text carried)."""
    if isinstance(source, Idea):
        parts = [
            ("The problem", source.problem),
            ("The idea", source.idea),
            ("Who would benefit", source.who_benefits),
            ("Evidence so far", source.evidence),
        ]
        summary = "\n\n".join(f"{label}: {text}" for label, text in parts if text)
        return {"title": source.title, "summary": summary, "stage": Stage.IDEA, "themes": []}
    return {
        "title": source.project_title,
        "research_question": source.gap.question if source.gap else "",
        "summary": source.summary,
        "stage": source.stage,
        "funder": source.funder,
        "health_inequalities_focus": bool(source.inequalities),
        "themes": source.themes.all(),
    }


@transaction.atomic
def start_project(*, case: Case, by: Any, short_title: str) -> Project:
    """A project for the case, from what the requester (or the idea's sender) told us, with them invited as its
    lead."""
    source = case.source
    if source.erased_at is not None:
        raise Erased
    project = projects.create_project(
        by=by,
        short_title=short_title,
        advisers=[u for u in case.advisers.all() if u.is_adviser],
        **project_fields(source),
    )
    link_project(case=case, project=project)
    gap = getattr(source, "gap", None)
    if gap is None:
        projects.add_or_invite(project=project, email=source.email, role=Role.LEAD, by=by)
    elif not gap.new_project_id:  # an adviser opened it from a gap: its team is yet to be found
        engagement.carry_gap(insight=gap, project=project, by=by)
    return project


# The exit survey every closed case may send: (kind, text, choices, required), as evaluation's forms take them.
EXIT_SURVEY = [
    (
        QuestionKind.RATING,
        "How satisfied are you with the support you had from us? (1 is not at all, 5 is very)",
        "",
        True,
    ),
    (QuestionKind.SINGLE, "Did you get what you needed?", "Yes\nPartly\nNo", True),
    (QuestionKind.SINGLE, "Would you recommend us to a colleague?", "Yes\nMaybe\nNo", True),
    (QuestionKind.TEXT, "Is there anything else you would like to tell us?", "", False),
]


@transaction.atomic
def close_case(*, case: Case, outcome: str, note: str = "", survey: bool = False) -> None:
    """Close the case once; with survey, the person who asked is emailed a link to the exit survey (an evaluation
    feedback form that belongs to the case), unless their details have been erased."""
    if not Case.objects.filter(pk=case.pk, closed__isnull=True).update(
        closed=timezone.now(), outcome=outcome, closing_note=note
    ):
        return
    source = case.source  # the request or idea the case came from
    if not survey or source.erased_at:
        return
    site = SiteSettings.load()
    form = evaluation.start_survey(
        owner=case,
        title=f"How was our support? ({source.reference})",
        intro=f"Four short questions about the support {site.name} gave to “{source.title}”.",
        questions=EXIT_SURVEY,
    )
    url = links.absolute_url(reverse("feedback", args=[form.token]))
    mail.send_mail(
        subject=f"How was our support? ({source.reference})",
        body=(
            f"Dear {source.name},\n\n"
            f"Our support for “{source.title}” has now finished. We would like to know how it went: "
            "four short questions, about two minutes, and you do not need to sign in.\n\n"
            f"{url}\n\n"
            f"Thank you,\n{site.name}\n"
        ),
        to=[source.email],
    )


@transaction.atomic
def erase_request(*, support_request: SupportRequest, by: Any) -> bool:
    """Erase the requester's details at their wish (what goes and what stays: retention.py); False if done before."""
    return retention.erase(support_request, by=by)
