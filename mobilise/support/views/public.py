"""The support organisation's front door, open without signing in: ask for support, check your answers, and
follow your request through the private link we email you."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.datastructures import MultiValueDict
from django.views.decorators.http import require_http_methods

from mobilise.core import links, ratelimit
from mobilise.core.models import SiteSettings

from .. import access, services
from ..forms import InformationForm, RequestForm, WithdrawForm

# A person sends a request or two; a whole hospital network on one address may send a few dozen in an hour.
THROTTLE = ratelimit.Throttle("support-request", per_browser=5, per_address=60)
DRAFT = "support-request-draft"
SENT = "support-request-sent"
TOO_MANY = "Too many requests have come from your network in the last hour. Try again later, or email us."
WHAT_TO_DO = "Email us and quote your reference: we will send you a new link."


# The two things a requester can do on their status page: each posts `action` and its own prefixed fields.
ACTIONS: dict[str, type[InformationForm] | type[WithdrawForm]] = {
    "information": InformationForm,
    "withdraw": WithdrawForm,
}


def _context(**extra):
    return {"site": SiteSettings.load(), "nav": None, **extra}


@require_http_methods(["GET", "POST"])
def request_form(request):
    """The form; a valid answer is kept in the session until the requester confirms it on the next page."""
    draft = request.session.get(DRAFT)
    if request.method == "POST":
        form = RequestForm(request.POST)
        if not THROTTLE.allows(request):
            form.refuse(TOO_MANY)
            return render(request, "support/request.html", _context(form=form), status=429)
        if form.is_bot():
            return render(request, "support/sent.html", _context(reference=None))  # looks accepted; nothing kept
        if form.is_valid():
            request.session[DRAFT] = {k: v for k, v in request.POST.lists() if k not in ("csrfmiddlewaretoken",)}
            return redirect("support:check")
        status = 400
    else:
        form, status = RequestForm(MultiValueDict(draft)) if draft else RequestForm(), 200
    response = render(request, "support/request.html", _context(form=form), status=status)
    return ratelimit.remember_browser(request, response)


@require_http_methods(["GET", "POST"])
def check(request):
    """Check your answers, then send: the request is stored and emailed only now."""
    draft = request.session.get(DRAFT)
    form = RequestForm(MultiValueDict(draft)) if draft else None
    if form is None or not form.is_valid():
        messages.info(request, "Fill in the form to ask for support.")
        return redirect("support:request-form")
    if request.method == "POST":
        if not THROTTLE.take(request):
            form.refuse(TOO_MANY)
            return render(request, "support/check.html", _context(form=form), status=429)
        support_request = services.submit_request(fields=form.request_fields(), themes=form.cleaned_data["themes"])
        del request.session[DRAFT]
        request.session[SENT] = support_request.reference
        return redirect("support:sent")
    return render(request, "support/check.html", _context(form=form))


def sent(request):
    reference = request.session.get(SENT)
    if reference is None:
        return redirect("support:request-form")
    return render(request, "support/sent.html", _context(reference=reference))


@links.link_view(services.STATUS_LINK, what_to_do=WHAT_TO_DO)
def status(request, resolution):
    """The requester's own view of their request: where it is, its history, add information or withdraw."""
    support_request = resolution.obj
    information, withdraw = InformationForm(), WithdrawForm()
    code = 200
    if request.method == "POST":
        action = request.POST.get("action")
        form = ACTIONS[action](request.POST) if action in ACTIONS else None
        if form is not None and form.is_valid():
            try:
                if action == "information":
                    services.add_information(support_request=support_request, text=form.cleaned_data["text"])
                    messages.success(request, "Thank you. We have added this to your request.")
                else:
                    services.withdraw(support_request=support_request, reason=form.cleaned_data["reason"])
                    messages.success(request, "You have withdrawn your request.")
            except services.RequestClosed:
                messages.error(request, "This request is closed, so it cannot be changed.")
            return redirect(request.path)
        if isinstance(form, InformationForm):
            information, code = form, 400
    context = _context(
        support_request=support_request,
        history=access.history(support_request),
        information=information,
        withdraw=withdraw,
        form=information if information.is_bound else None,
    )
    return render(request, "support/status.html", context, status=code)
