"""Personal links: the one way to send a person a link that acts for them without signing in (an invitation to a
project; later a workshop reply, a support request's status, a webinar registration, an idea).

    issued = links.make_link("invitation", invitation, expires=timedelta(days=14))
    url = links.absolute_url(reverse("invitation", args=[issued.token]))     # goes in the email; never stored

    @links.link_view("invitation", what_to_do="Ask the person who invited you to send a new invitation.")
    def accept(request, resolution): ...          # resolution.obj is the invitation; only a POST may act

    with transaction.atomic():                  # in the service that acts
        if problem := links.use(resolution.link):   # locks the link; used up when it is a one-time link
            ...                                     # someone else used it meanwhile

The token is 256 random bits; only its SHA-256 is stored. Mail scanners open every link in a message, so a GET
only ever shows a page with a button or a form; the action is the POST. A link can expire, be used once and be
revoked, and each refusal has a plain-English page that says what to do next.
"""

import hashlib
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from functools import wraps
from typing import Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from . import ratelimit, retention
from .models import PersonalLink

DEFAULT_LIFETIME = timedelta(days=14)
TOKEN_BYTES = 32
# Opening a link and acting through it, per browser and per network; a guessed token counts too.
THROTTLE = ratelimit.Throttle("personal-link", per_browser=20, per_address=200)


class Problem(StrEnum):
    UNKNOWN = "unknown"
    EXPIRED = "expired"
    USED = "used"
    REVOKED = "revoked"
    ERASED = "erased"  # revoked because the person's details were erased (core/retention.py)


# Heading and explanation of each refusal, in plain English; the view adds what to do about it.
EXPLAINED = {
    Problem.UNKNOWN: ("This link does not work", "Check that you copied the whole link from the email."),
    Problem.EXPIRED: (
        "This link has expired",
        "Links in our emails work for a limited time, and this one has run out.",
    ),
    Problem.USED: ("This link has already been used", "Each link works once, and this one has been used."),
    Problem.REVOKED: ("This link has been cancelled", "The person who sent it has cancelled it."),
    Problem.ERASED: (
        "This {noun}'s details have been erased",
        "We no longer keep your name, contact details or what you told us, so this link no longer works.",
    ),
}
ERASED_WHAT_TO_DO = "If you need us again, you are welcome to get in touch afresh."


@dataclass(frozen=True)
class Issued:
    """A new link: the row, and the token to put in the URL (shown only now: the database keeps its hash)."""

    link: PersonalLink
    token: str


@dataclass(frozen=True)
class Resolution:
    """What a token leads to: the link and its object, or the problem that stops it."""

    link: PersonalLink | None
    problem: Problem | None = None

    @property
    def obj(self) -> Any:
        return self.link.target if self.link is not None and self.problem is None else None


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def make_link(
    purpose: str, obj: models.Model, *, expires: timedelta | datetime | None = DEFAULT_LIFETIME, once: bool = True
) -> Issued:
    """A new link to obj for purpose; expires is a lifetime, a moment, or None for a link that never expires."""
    token = secrets.token_urlsafe(TOKEN_BYTES)
    now = timezone.now()
    link = PersonalLink.objects.create(
        purpose=purpose,
        token_hash=_hash(token),
        content_type=ContentType.objects.get_for_model(obj),
        object_id=obj.pk,
        once=once,
        created=now,
        expires=now + expires if isinstance(expires, timedelta) else expires,
    )
    return Issued(link=link, token=token)


def _check(link: PersonalLink | None) -> Resolution:
    if link is None:
        return Resolution(None, Problem.UNKNOWN)
    if link.revoked_at is not None:
        erased = retention.is_erased(link.target)
        return Resolution(link, Problem.ERASED if erased else Problem.REVOKED)
    if link.once and link.used_at is not None:
        return Resolution(link, Problem.USED)
    if link.expires is not None and link.expires <= timezone.now():
        return Resolution(link, Problem.EXPIRED)
    if link.target is None:  # what it led to has been deleted
        return Resolution(link, Problem.UNKNOWN)
    return Resolution(link)


def resolve(token: str, purpose: str) -> Resolution:
    """The link a token names for purpose (a token made for another purpose is unknown here), and whether it
    may still be used. Reading changes nothing."""
    if not token or len(token) > 100:
        return Resolution(None, Problem.UNKNOWN)
    return _check(PersonalLink.objects.filter(token_hash=_hash(token), purpose=purpose).first())


@transaction.atomic
def use(link: PersonalLink) -> Problem | None:
    """Check the link again with its row locked and, when it may be used, record the use: a one-time link is
    then used up, so two posts at once cannot both act. Call it inside the transaction that acts; None when
    the action may go ahead."""
    locked = PersonalLink.objects.select_for_update().filter(pk=link.pk).first()
    problem = _check(locked).problem
    if locked is not None and problem is None:
        locked.used_at = link.used_at = timezone.now()
        locked.save(update_fields=["used_at"])
    return problem


@transaction.atomic
def revoke(link: PersonalLink) -> None:
    PersonalLink.objects.filter(pk=link.pk, revoked_at__isnull=True).update(revoked_at=timezone.now())


def absolute_url(path: str) -> str:
    """The full address of a path on this site, for an email."""
    return settings.SITE_URL.rstrip("/") + path


def problem_page(
    request: HttpRequest, problem: Problem, *, what_to_do: str, link: PersonalLink | None = None
) -> HttpResponse:
    heading, explanation = EXPLAINED[problem]
    if problem == Problem.ERASED:
        noun = retention.erased_noun(link.target if link is not None else None) or "link"
        heading, what_to_do = heading.format(noun=noun), ERASED_WHAT_TO_DO
    context = {"heading": heading, "explanation": explanation, "what_to_do": what_to_do}
    return render(request, "core/link_problem.html", context, status=404 if problem == Problem.UNKNOWN else 410)


def button_page(
    request: HttpRequest, *, title: str, paragraphs: list[str], button: str, status: int = 200
) -> HttpResponse:
    """The page a link opens when all it does is one action: what will happen, and one button that posts."""
    context = {"title": title, "paragraphs": paragraphs, "button": button}
    return render(request, "core/link_button.html", context, status=status)


def link_view(purpose: str, *, what_to_do: str) -> Callable[[Callable[..., HttpResponse]], Callable[..., HttpResponse]]:
    """Decorates the view behind a personal link at a URL with <token>: throttled per browser and network,
    never cached or indexed, a problem page for a link that cannot be used, and otherwise the view, called with
    the Resolution in place of the token. The view must change nothing on a GET."""

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @never_cache
        @require_http_methods(["GET", "POST"])
        @wraps(view)
        def wrapped(request: HttpRequest, token: str, *args: Any, **kwargs: Any) -> HttpResponse:
            if not THROTTLE.allows(request):
                response = render(request, "core/link_problem.html", _TOO_MANY, status=429)
            else:
                resolution = resolve(token, purpose)
                if resolution.problem is not None or request.method == "POST":
                    THROTTLE.count(request)
                if resolution.problem is not None:
                    response = problem_page(request, resolution.problem, what_to_do=what_to_do, link=resolution.link)
                else:
                    response = view(request, resolution, *args, **kwargs)
            response["X-Robots-Tag"] = "noindex, nofollow"
            return ratelimit.remember_browser(request, response)

        return wrapped

    return decorator


_TOO_MANY = {
    "heading": "Too many attempts",
    "explanation": "Too many links have been tried from your network in the last hour.",
    "what_to_do": "Wait an hour, then open the link again.",
}
