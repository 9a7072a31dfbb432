"""Following a theme (follow.py): the theme's public page with the form, the confirmation link's page, and the
unsubscribe link, which mail programs also post to in one click (RFC 8058); and, for staff, a theme's followers."""

from collections.abc import Iterable

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from mobilise.core import links, ratelimit
from mobilise.core.models import SiteSettings
from mobilise.core.paging import paginate

from .. import access, follow
from ..forms import FollowForm
from ..models import Subscription, Theme

# Someone follows a theme or two; a hospital network on one address may bring a few hundred in an hour.
THROTTLE = ratelimit.Throttle("event-follow", per_browser=10, per_address=300)
TOO_MANY = "Too many requests have come from your network in the last hour. Try again later, or email us."
SENT = "Check your email: we have sent you a link to confirm. Until you confirm, we will not email you about it."
WHAT_TO_DO = "Follow the theme again from our webinars page."


def follow_form(theme: Theme, data: dict | None = None) -> FollowForm:
    """The theme's form, with ids of its own (a page may hold several, and the registration form)."""
    return FollowForm(data, auto_id=f"follow-{theme.slug}-%s")


# Stands for a theme's slug while the blank fields are rendered: never in a slug, which is letters, digits, - and _.
_ANY_THEME = "\x1etheme\x1e"


def blank_fields(themes: Iterable[Theme]) -> dict[int, SafeString]:
    """The blank follow form's fields for each theme a page shows, rendered once for them all and given each theme's
    ids: the field macros took most of the programme page's time, once a theme."""
    html = render_to_string("events/_follow_fields.html", {"follow": FollowForm(auto_id=f"follow-{_ANY_THEME}-%s")})
    return {theme.pk: mark_safe(html.replace(_ANY_THEME, theme.slug)) for theme in themes}  # noqa: S308


def _theme_page(request: HttpRequest, theme: Theme, form: FollowForm, status: int = 200) -> HttpResponse:
    upcoming, past = access.theme_events(theme)
    context = {"site": SiteSettings.load(), "nav": None, "theme": theme, "upcoming": upcoming, "past": past}
    response = render(request, "events/theme.html", {**context, "form": form}, status=status)
    return ratelimit.remember_browser(request, response)


def theme(request, slug):
    theme = access.get_public_theme(slug)
    return _theme_page(request, theme, follow_form(theme))


@require_http_methods(["POST"])
def subscribe(request, slug):
    theme = access.get_public_theme(slug)
    form = follow_form(theme, request.POST)
    if form.is_bot():
        messages.success(request, SENT)  # the same answer: a bot learns nothing, and nothing is kept
        return redirect("events:theme", slug=slug)
    if not (THROTTLE.take(request) if form.is_valid() else THROTTLE.allows(request)):
        form.refuse(TOO_MANY)
        return _theme_page(request, theme, form, status=429)
    if not form.is_valid():
        return _theme_page(request, theme, form, status=400)
    # The answer is the same whether the address follows already or not: the page tells nobody who follows.
    follow.subscribe(theme=theme, email=form.cleaned_data["email"])
    messages.success(request, SENT)
    return redirect("events:theme", slug=slug)


@links.link_view(follow.CONFIRM_LINK, what_to_do=WHAT_TO_DO)
def confirm(request, resolution):
    subscription = resolution.obj
    theme = subscription.theme
    if request.method == "POST":
        problem = follow.confirm(subscription=subscription, link=resolution.link)
        if problem is not None:
            return links.problem_page(request, problem, what_to_do=WHAT_TO_DO, link=resolution.link)
        messages.success(request, f"Thank you: you are following “{theme.title}”. Every email has a link to stop.")
        return redirect("events:theme", slug=theme.slug)
    return links.button_page(
        request,
        title=f"Follow “{theme.title}”",
        paragraphs=[
            "Press the button to confirm that you want emails about new webinars on this theme and their recordings.",
            "Every email has a link to stop them.",
        ],
        button="Confirm",
    )


def _unsubscribed(request: HttpRequest, theme: Theme | None, *, done_now: bool) -> HttpResponse:
    context = {"theme": theme, "done_now": done_now, "site": SiteSettings.load()}
    return render(request, "events/unsubscribed.html", context)


@csrf_exempt  # the token is the authority; mail programs post here without a page (RFC 8058)
@never_cache
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    """GET shows the choice and changes nothing (mail scanners open links). A POST whose body is exactly
    List-Unsubscribe=One-Click (form-encoded or multipart) unsubscribes at once, with no CSRF token, and says so
    again if it is posted twice; any other POST changes nothing. A good token is never turned away by the
    throttle: a mail service may post many readers' unsubscribes from one address, and each must work."""
    resolution = links.resolve(token, follow.UNSUBSCRIBE_LINK)
    subscription = resolution.link.target if resolution.link is not None else None
    if subscription is None:
        if not ratelimit_allows(request):
            return HttpResponse("Too many attempts. Wait an hour, then try again.", status=429)
        response = links.problem_page(request, links.Problem.UNKNOWN, what_to_do=WHAT_TO_DO)
    elif request.method == "POST":
        if request.POST.dict() != {"List-Unsubscribe": "One-Click"} or request.FILES:
            response = HttpResponse("Nothing was changed: a one-click unsubscribe posts List-Unsubscribe=One-Click.")
            response.status_code = 400
        else:
            done_now = follow.unsubscribe(subscription=subscription)
            response = _unsubscribed(request, subscription.theme, done_now=done_now)
    elif subscription.erased_at is not None:
        response = _unsubscribed(request, subscription.theme, done_now=False)
    else:
        context = {"subscription": subscription, "theme": subscription.theme, "token": token}
        response = render(request, "events/unsubscribe.html", context)
    response["X-Robots-Tag"] = "noindex, nofollow"
    return ratelimit.remember_browser(request, response)


def ratelimit_allows(request: HttpRequest) -> bool:
    """Unknown tokens are counted against the personal links' throttle, as guesses."""
    if not links.THROTTLE.allows(request):
        return False
    links.THROTTLE.count(request)
    return True


@links.link_view(follow.UNSUBSCRIBE_LINK, what_to_do="You will get no more emails about this theme.")
def stop_everything(request, resolution):
    subscription = resolution.obj
    if request.method == "POST":
        follow.stop_everything(subscription=subscription)
        return render(request, "events/unsubscribed.html", {"theme": None, "done_now": True, "everything": True})
    return links.button_page(
        request,
        title="Stop all emails from us",
        paragraphs=[
            "Press the button and we will send nothing more to this address: no updates on any theme, and no "
            "other emails, except an email you ask for at the time, such as the confirmation when you register.",
        ],
        button="Stop all emails",
    )


@login_required
def followers(request, pk):
    theme = access.get_theme(request.user, pk)
    page, querystring = paginate(request, access.followers_of(request.user, theme), 50, "page")
    context = {
        "theme": theme,
        "page": page,
        "querystring": querystring,
        "counts": access.follower_counts(request.user, theme),
        "now": timezone.now(),
        "nav": "events",
    }
    return render(request, "events/followers.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def erase_follower(request, pk, subscription_pk):
    theme = access.get_theme(request.user, pk)
    subscription: Subscription = get_object_or_404(access.followers_of(request.user, theme), pk=subscription_pk)
    if request.method == "POST":
        follow.erase(subscription=subscription, by=request.user)
        messages.success(request, "The follower's address has been erased. They will get no more updates.")
        return redirect("events:followers", pk=theme.pk)
    context = {"theme": theme, "subscription": subscription, "nav": "events"}
    return render(request, "events/erase_follower.html", context)
