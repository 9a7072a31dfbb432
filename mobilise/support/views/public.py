"""The support organisation's front door, open without signing in: ask for support, or share an idea ("Get
involved"); check your answers; and follow what you sent through the private link we email you.

Requests and ideas go the same way (form, check your answers, sent, status page), so the views below take a
Journey that says what differs: the form, the throttle, the session keys, the pages and the services. Each
journey's pages get their URL patterns, and so their journey, from journey_paths."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path
from django.utils.datastructures import MultiValueDict
from django.views.decorators.http import require_http_methods

from mobilise.core import links, ratelimit
from mobilise.core.models import SiteSettings

from .. import access, content, services, services_ideas
from ..forms import InformationForm, RequestForm, WithdrawForm
from ..forms_ideas import IdeaForm, IdeaInformationForm
from ..models import Idea, IdeaStage, SupportRequest

TOO_MANY = "Too many {noun}s have come from your network in the last hour. Try again later, or email us."
WHAT_TO_DO = "Email us and quote your reference: we will send you a new link."


@dataclass(frozen=True)
class Journey:
    noun: str  # "request", "idea"
    form: Any  # a CheckedForm (forms.py)
    throttle: ratelimit.Throttle
    draft: str  # session keys
    sent: str
    pages: tuple[str, str, str]  # the URL names (in "support") of its form, its check page and its sent page
    template: str
    submit: Callable[[Any], SupportRequest | Idea]
    reply: str  # what happens next, on the sent page

    @property
    def url(self) -> str:
        """The form's URL name, where a sender changes an answer."""
        return f"support:{self.pages[0]}"


REQUEST = Journey(
    noun="request",
    form=RequestForm,
    # A person sends a request or two; a whole hospital network on one address may send a few dozen in an hour.
    throttle=ratelimit.Throttle("support-request", per_browser=5, per_address=60),
    draft="support-request-draft",
    sent="support-request-sent",
    pages=("request-form", "check", "sent"),
    template="support/request.html",
    submit=lambda form: services.submit_request(fields=form.request_fields(), themes=form.cleaned_data["themes"]),
    reply="An adviser will read your request and reply within 2 working days. If we need to know more, we will ask.",
)
IDEA = Journey(
    noun="idea",
    form=IdeaForm,
    throttle=ratelimit.Throttle("support-idea", per_browser=5, per_address=60),
    draft="support-idea-draft",
    sent="support-idea-sent",
    pages=("idea-form", "idea-check", "idea-sent"),
    template="support/idea_form.html",
    submit=lambda form: services_ideas.submit_idea(fields=form.idea_fields()),
    reply="Our advisers will read your idea and tell you what we decide, and why. If we need to know more, we ask.",
)


def _context(journey: Journey, **extra: Any) -> dict[str, Any]:
    return {"site": SiteSettings.load(), "nav": None, "journey": journey, **extra}


@require_http_methods(["GET", "POST"])
def journey_form(request: HttpRequest, journey: Journey) -> HttpResponse:
    """The form; a valid answer is kept in the session until the sender confirms it on the next page."""
    draft = request.session.get(journey.draft)
    if request.method == "POST":
        form = journey.form(request.POST)
        if not journey.throttle.allows(request):
            form.refuse(TOO_MANY.format(noun=journey.noun))
            return render(request, journey.template, _context(journey, form=form), status=429)
        if form.is_bot():  # looks accepted; nothing kept
            return render(request, "support/sent.html", _context(journey, reference=None))
        if form.is_valid():
            request.session[journey.draft] = {k: v for k, v in request.POST.lists() if k != "csrfmiddlewaretoken"}
            return redirect("support:" + journey.pages[1])
        status = 400
    else:
        form, status = journey.form(MultiValueDict(draft)) if draft else journey.form(), 200
    response = render(request, journey.template, _context(journey, form=form), status=status)
    return ratelimit.remember_browser(request, response)


@require_http_methods(["GET", "POST"])
def journey_check(request: HttpRequest, journey: Journey) -> HttpResponse:
    """Check your answers, then send: it is stored and emailed only now."""
    draft = request.session.get(journey.draft)
    form = journey.form(MultiValueDict(draft)) if draft else None
    if form is None or not form.is_valid():
        messages.info(request, f"Fill in the form to send your {journey.noun}.")
        return redirect(journey.url)
    context = _context(journey, form=form)
    if request.method == "POST":
        if not journey.throttle.take(request):
            form.refuse(TOO_MANY.format(noun=journey.noun))
            return render(request, "support/check.html", context, status=429)
        sent = journey.submit(form)
        del request.session[journey.draft]
        request.session[journey.sent] = sent.reference
        return redirect("support:" + journey.pages[2])
    return render(request, "support/check.html", context)


def journey_sent(request: HttpRequest, journey: Journey) -> HttpResponse:
    reference = request.session.get(journey.sent)
    if reference is None:
        return redirect(journey.url)
    return render(request, "support/sent.html", _context(journey, reference=reference))


def journey_paths(route: str, journey: Journey) -> list[URLPattern]:
    """The journey's three pages under route: its form, then check/ and sent/, named by its `pages`."""
    views = (journey_form, journey_check, journey_sent)
    return [
        path(route + step, view, {"journey": journey}, name=name)
        for step, view, name in zip(("", "check/", "sent/"), views, journey.pages, strict=True)
    ]


def get_involved(request):
    """The invitation to share an idea, in plain English (content.py), before the form."""
    context = {"site": SiteSettings.load(), "nav": None, "intro": content.GET_INVOLVED}
    return render(request, "support/get_involved.html", context)


def _status(
    request: HttpRequest,
    resolution: links.Resolution,
    *,
    noun: str,
    forms: tuple[type, type],
    act: dict[str, Callable],
    context: dict,
) -> HttpResponse:
    """The sender's own view of a request or idea: where it is, its history, add information or withdraw. Each
    action posts `action` and its own prefixed fields; GET changes nothing."""
    obj = resolution.obj
    information, withdraw = forms[0](), forms[1]()
    code = 200
    if request.method == "POST":
        action = request.POST.get("action", "")
        form = {"information": forms[0], "withdraw": forms[1]}[action](request.POST) if action in act else None
        if form is not None and form.is_valid():
            try:
                act[action](obj, form.cleaned_data)
                done = f"Thank you. We have added this to your {noun}." if action == "information" else ""
                messages.success(request, done or f"You have withdrawn your {noun}.")
            except services.RequestClosed:
                messages.error(request, f"This {noun} is closed, so it cannot be changed.")
            return redirect(request.path)
        if isinstance(form, forms[0]):
            information, code = form, 400
    form = information if information.is_bound else None
    context = {"site": SiteSettings.load(), "nav": None, "noun": noun, "record": obj, **context}
    context |= {"information": information, "withdraw": withdraw, "form": form}
    return render(request, "support/status.html", context, status=code)


@links.link_view(services.STATUS_LINK, what_to_do=WHAT_TO_DO)
def status(request, resolution):
    support_request = resolution.obj
    act = {
        "information": lambda obj, data: services.add_information(support_request=obj, text=data["text"]),
        "withdraw": lambda obj, data: services.withdraw(support_request=obj, reason=data["reason"]),
    }
    context = {
        "title": support_request.project_title,
        "rows": [
            ("Sent", support_request.submitted, True),
            ("Help with", ", ".join(support_request.need_labels()), False),
        ],
        "history": access.history(support_request),
        "again": "support:request-form",
    }
    return _status(request, resolution, noun="request", forms=(InformationForm, WithdrawForm), act=act, context=context)


@links.link_view(services_ideas.STATUS_LINK, what_to_do=WHAT_TO_DO)
def idea_status(request, resolution):
    idea = resolution.obj
    act = {
        "information": lambda obj, data: services_ideas.add_information(idea=obj, text=data["text"]),
        "withdraw": lambda obj, data: services_ideas.withdraw(idea=obj, reason=data["reason"]),
    }
    context = {
        "title": idea.title,
        "rows": [("Sent", idea.submitted, True), ("How far it has got", str(IdeaStage(idea.stage).label), False)],
        "history": access.idea_history(idea),
        "again": "get-involved",
    }
    return _status(
        request, resolution, noun="idea", forms=(IdeaInformationForm, WithdrawForm), act=act, context=context
    )
