"""What a support request's record and an idea's record share, written once: the adviser's own assessment on the
rubric, assigning, the status change with the email the adviser approves, erasure at the person's wish, what
every record page shows, a record page shown again with the form it refused, and starting a project from a request's
case or from an idea."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import models
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from mobilise.projects.models import Project
from mobilise.projects.services import TeamError

from .. import access, rubric, services
from ..forms import AssessmentForm, AssignForm, StartProjectForm, StatusForm
from ..messages import NEEDS_REASON, draft
from ..services import RequestClosed


@dataclass(frozen=True)
class Kind:
    """How the shared pages find, change and speak of one kind of record. The URL patterns of each kind pass theirs
    as `kind`; its pages are the templates support/<noun>_assess.html, _status.html and _erase.html."""

    noun: str  # "request" or "idea": in messages and template names, and the key of DRAFTS and NEEDS_REASON
    person: str  # who sent it: "requester" or "sender"
    key: str  # the record's name in the templates and in its services' keyword arguments
    url: str  # the URL name of its record page
    statuses: type[models.TextChoices]
    next: dict[Any, tuple[str, str]]  # where an open record may go next: the button, the page's heading
    get: Callable[[Any, int], Any]  # (user, pk) -> the record, 404 for those who may not see it
    history: Callable[[Any], Any]
    assign: Callable[..., None]
    change_status: Callable[..., None]
    erase: Callable[..., bool]

    def page(self, name: str) -> str:
        return f"support/{self.noun}_{name}.html"


def record_context(request: HttpRequest, subject: Any, kind: Kind) -> dict[str, Any]:
    """What every record page shows: the assessments side by side, the history, assigning, the ways on."""
    assessments = access.assessments_of(subject)
    return {
        kind.key: subject,
        "assessment": rubric.summary(assessments, rubric.CRITERIA[type(subject)]),
        "user_assessed": any(a.assessor_id == request.user.pk for a in assessments),
        "history": kind.history(subject),
        "assign": AssignForm(initial={"assignee": subject.assignee_id}),
        "next": [(s, names[0]) for s, names in kind.next.items() if s != subject.status and subject.is_open],
        "retention_months": settings.RETENTION_MONTHS,
    }


def with_forms(
    request: HttpRequest, template: str, context: dict[str, Any], status: int = 200, **forms: Any
) -> HttpResponse:
    """A record page that carries several forms: a refused (bound) one takes its blank one's place and is also
    `form`, for the error summary."""
    bound = next((f for f in forms.values() if f.is_bound), None)
    return render(request, template, {**context, "nav": "support", **forms, "form": bound}, status=status)


def start_project(form: StartProjectForm, start: Callable[..., Project]) -> Project | None:
    """The project `start(short_title=...)` makes from the posted form, or None when the form or the new project's
    team refused it (the refused form then says why, for the page shown again)."""
    if not form.is_valid():
        return None
    try:
        return start(**form.cleaned_data)
    except TeamError as error:
        form.refuse(str(error))
        return None


@login_required
@require_POST
def assign(request: HttpRequest, pk: int, kind: Kind) -> HttpResponse:
    subject = kind.get(request.user, pk)
    form = AssignForm(request.POST)
    if form.is_valid():
        kind.assign(**{kind.key: subject}, assignee=form.cleaned_data["assignee"])
        messages.success(request, f"{kind.noun.capitalize()} assigned.")
    return redirect(kind.url, pk=pk)


@login_required
@require_http_methods(["GET", "POST"])
def assess(request: HttpRequest, pk: int, kind: Kind) -> HttpResponse:
    """The signed-in adviser's own assessment of the record on its rubric, made or changed."""
    subject = kind.get(request.user, pk)
    mine = next((a for a in access.assessments_of(subject) if a.assessor_id == request.user.pk), None)
    criteria = rubric.CRITERIA[type(subject)]
    initial = AssessmentForm.initial_from(mine.answers if mine else {}, criteria)
    form = AssessmentForm(request.POST or None, initial=initial, criteria=criteria)
    if request.method == "POST" and form.is_valid():
        services.save_assessment(subject=subject, assessor=request.user, answers=form.answers())
        messages.success(request, "Your assessment is saved.")
        return redirect(kind.url, pk=pk)
    context = {kind.key: subject, "form": form, "nav": "support"}
    return render(request, kind.page("assess"), context, status=400 if form.is_bound else 200)


@login_required
@require_http_methods(["GET", "POST"])
def change_status(request: HttpRequest, pk: int, status: str, kind: Kind) -> HttpResponse:
    """Move an open record on: the drafted email, edited and approved by the adviser, goes with the change."""
    subject = kind.get(request.user, pk)
    if status not in kind.next or status == subject.status:
        raise Http404
    if not subject.is_open:
        messages.error(request, f"This {kind.noun} is closed, so its status cannot change.")
        return redirect(kind.url, pk=pk)
    subject_line, body = draft(kind.noun, status, name=subject.name, title=subject.title, reference=subject.reference)
    form = StatusForm(
        request.POST or None,
        initial={"subject": subject_line, "message": body},
        needs_reason=status in NEEDS_REASON[kind.noun],
        to=f"the {kind.person}",
    )
    if request.method == "POST" and form.is_valid():
        try:
            kind.change_status(**{kind.key: subject}, status=status, by=request.user, **form.cleaned_data)
            messages.success(request, f"{kind.statuses(status).label}: the {kind.person} has been emailed.")
        except RequestClosed:
            messages.error(request, f"This {kind.noun} was closed meanwhile, so its status has not changed.")
        return redirect(kind.url, pk=pk)
    heading = kind.next[kind.statuses(status)][1]
    context = {kind.key: subject, "form": form, "heading": heading, "nav": "support"}
    return render(request, kind.page("status"), context, status=400 if form.is_bound else 200)


@login_required
@require_http_methods(["GET", "POST"])
def erase(request: HttpRequest, pk: int, kind: Kind) -> HttpResponse:
    """Erase the person's details at their wish: a page that says what goes and what stays, and a button."""
    subject = kind.get(request.user, pk)
    if request.method == "POST":
        if kind.erase(**{kind.key: subject}, by=request.user):
            messages.success(request, f"The {kind.person}'s details have been erased.")
        else:
            messages.info(request, f"The {kind.person}'s details had already been erased.")
        return redirect(kind.url, pk=pk)
    return render(request, kind.page("erase"), {kind.key: subject, "nav": "support"})
