"""The one throttle: database-backed rate limits shared by sign-in, password reset and every public form.

Counting per client address alone fails both ways: many people share one address (a hospital's network, a
workshop room's Wi-Fi) and are locked out together, while a flood from one machine only has to vary the
address it claims. So the address is read only from configured proxies, and a browser is told apart from its
neighbours by a random cookie: each browser has its own small allowance, and the address as a whole a ceiling
large enough for a room full of people but not for a flood.
"""

import ipaddress
import secrets
import unicodedata
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from mobilise.documents.text import clean_text

from .models import RateEvent

BROWSER_COOKIE = "mobilise_browser"
BROWSER_COOKIE_AGE = 365 * 24 * 3600


def client_ip(request: HttpRequest) -> str:
    """The client's address: X-Real-IP only when the request comes from a configured proxy."""
    remote = request.META.get("REMOTE_ADDR") or "unknown"
    forwarded = request.META.get("HTTP_X_REAL_IP", "").strip()
    if forwarded and _is_trusted_proxy(remote):
        try:
            return str(ipaddress.ip_address(forwarded))
        except ValueError:
            pass
    return remote


def _is_trusted_proxy(address: str) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in network for network in settings.TRUSTED_PROXIES)


def identity(text: str) -> str:
    """The form of an email address or name that limits count by: the same for every way of writing it
    (fullwidth letters, case, spaces), as sign-in itself compares them."""
    return unicodedata.normalize("NFKC", text or "").strip().casefold()[:254]


def _stored(key: str) -> str:
    """key as the database can hold it: posted text may carry a NUL, which PostgreSQL refuses in any query."""
    return clean_text(key)[:254]


def exceeded(scope: str, key: str, *, limit: int, minutes: int) -> bool:
    """True when key has had limit or more events in scope within the last minutes."""
    since = timezone.now() - timedelta(minutes=minutes)
    return RateEvent.objects.filter(scope=scope, key=_stored(key), created__gte=since).count() >= limit


@transaction.atomic
def record(scope: str, key: str, *, keep_minutes: int = 24 * 60) -> RateEvent:
    RateEvent.objects.filter(created__lt=timezone.now() - timedelta(minutes=keep_minutes)).delete()
    return RateEvent.objects.create(scope=scope, key=_stored(key))


@transaction.atomic
def clear(scope: str, key: str) -> None:
    RateEvent.objects.filter(scope=scope, key=_stored(key)).delete()


def browser(request: HttpRequest) -> str:
    """This browser's random token ("" when it has none yet: a first visit, or a client that keeps no cookies)."""
    token = request.COOKIES.get(BROWSER_COOKIE, "")
    return token if len(token) == 32 and token.isalnum() else ""


def remember_browser(request: HttpRequest, response: HttpResponse) -> HttpResponse:
    """Give the browser a token if it has none, so its posts are counted apart from its neighbours'."""
    if not browser(request):
        response.set_cookie(
            BROWSER_COOKIE,
            secrets.token_hex(16),
            max_age=BROWSER_COOKIE_AGE,
            httponly=True,
            samesite="Lax",
            secure=request.is_secure(),
        )
    return response


@dataclass(frozen=True)
class Throttle:
    """A limit on one kind of post: per_browser posts from one browser (or from one address, for a client that
    keeps no cookie), and per_address from one address in all, within minutes."""

    scope: str
    per_browser: int
    per_address: int
    minutes: int = 60

    def _keys(self, request: HttpRequest) -> tuple[str, str]:
        ip = client_ip(request)
        return f"{ip}|{browser(request) or '-'}", ip

    def allows(self, request: HttpRequest) -> bool:
        browser_key, address = self._keys(request)
        return not (
            exceeded(self.scope, browser_key, limit=self.per_browser, minutes=self.minutes)
            or exceeded(f"{self.scope}:all", address, limit=self.per_address, minutes=self.minutes)
        )

    def count(self, request: HttpRequest) -> None:
        browser_key, address = self._keys(request)
        record(self.scope, browser_key)
        record(f"{self.scope}:all", address)

    def take(self, request: HttpRequest) -> bool:
        """Count this post if it is within the limits, and say whether it was. For a post that must never get past
        the limits however many race each other (allows, then count, lets a burst through together): the post's
        events are written before the limits are read, so the last of any racing posts sees them all. A refused
        post is not counted. Call it outside a transaction, so each write is seen by the others at once."""
        browser_key, address = self._keys(request)
        events = [record(self.scope, browser_key), record(f"{self.scope}:all", address)]
        if exceeded(self.scope, browser_key, limit=self.per_browser + 1, minutes=self.minutes) or exceeded(
            f"{self.scope}:all", address, limit=self.per_address + 1, minutes=self.minutes
        ):
            RateEvent.objects.filter(pk__in=[e.pk for e in events]).delete()
            return False
        return True
