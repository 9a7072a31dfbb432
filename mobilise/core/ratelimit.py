"""Database-backed rate limits, shared by sign-in, password reset and the public forms."""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from .models import RateEvent


def client_ip(request):
    """The client's address: from the proxy's X-Real-IP header only when BEHIND_PROXY says one sets it."""
    if settings.BEHIND_PROXY and request.META.get("HTTP_X_REAL_IP"):
        return request.META["HTTP_X_REAL_IP"]
    return request.META.get("REMOTE_ADDR") or "unknown"


def exceeded(scope, key, *, limit, minutes):
    """True when key has had limit or more events in scope within the last minutes."""
    since = timezone.now() - timedelta(minutes=minutes)
    return RateEvent.objects.filter(scope=scope, key=key, created__gte=since).count() >= limit


@transaction.atomic
def record(scope, key, *, keep_minutes=24 * 60):
    RateEvent.objects.filter(created__lt=timezone.now() - timedelta(minutes=keep_minutes)).delete()
    RateEvent.objects.create(scope=scope, key=key[:254])


@transaction.atomic
def clear(scope, key):
    RateEvent.objects.filter(scope=scope, key=key).delete()
