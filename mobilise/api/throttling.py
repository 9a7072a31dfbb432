"""The API's rate limit, counted by the one throttle of core/ratelimit.py (in the database, so it holds across
every server process): per token, else per signed-in user, else per client address."""

from django.conf import settings
from rest_framework.request import Request
from rest_framework.throttling import BaseThrottle

from mobilise.core import ratelimit

from .models import ApiToken

SCOPE = "api"
WINDOW_MINUTES = 1


def client_key(request: Request) -> str:
    if isinstance(request.auth, ApiToken):
        return f"token:{request.auth.pk}"
    if request.user is not None and request.user.is_authenticated:
        return f"user:{request.user.pk}"
    return f"address:{ratelimit.client_ip(request)}"


class ClientThrottle(BaseThrottle):
    def allow_request(self, request, view):
        key = client_key(request)
        if ratelimit.exceeded(SCOPE, key, limit=settings.API_REQUESTS_PER_MINUTE, minutes=WINDOW_MINUTES):
            return False
        ratelimit.record(SCOPE, key)
        return True

    def wait(self):
        return WINDOW_MINUTES * 60
