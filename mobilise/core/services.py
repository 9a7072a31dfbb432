"""Writes for accounts: sign-in throttling and two-factor devices."""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from .models import LoginFailure


def client_ip(request):
    # Behind a proxy, REMOTE_ADDR is the proxy; the deployment guide has the proxy set X-Real-IP.
    return request.META.get("HTTP_X_REAL_IP") or request.META.get("REMOTE_ADDR") or None


def _window_start():
    return timezone.now() - timedelta(minutes=settings.LOGIN_FAILURE_WINDOW_MINUTES)


def sign_in_blocked(*, email, ip):
    """True when too many recent failures came for this email address or from this client address."""
    since = _window_start()
    limit = settings.LOGIN_FAILURE_LIMIT
    recent = LoginFailure.objects.filter(created__gte=since)
    if email and recent.filter(email=email.strip().lower()).count() >= limit:
        return True
    return bool(ip) and recent.filter(ip_address=ip).count() >= limit * 4


@transaction.atomic
def record_sign_in_failure(*, email, ip):
    LoginFailure.objects.filter(created__lt=_window_start()).delete()
    LoginFailure.objects.create(email=(email or "").strip().lower()[:254], ip_address=ip)


@transaction.atomic
def clear_sign_in_failures(*, email):
    LoginFailure.objects.filter(email=email.strip().lower()).delete()


def confirmed_device(user):
    return TOTPDevice.objects.devices_for_user(user, confirmed=True).first()


def pending_device(user):
    return TOTPDevice.objects.filter(user=user, confirmed=False).first()


@transaction.atomic
def start_two_factor(*, user):
    """An unconfirmed authenticator for the user, replacing any earlier unconfirmed one."""
    TOTPDevice.objects.filter(user=user, confirmed=False).delete()
    return TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=False)


@transaction.atomic
def confirm_two_factor(*, user, token):
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None or not device.verify_token(token):
        return False
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    return True


@transaction.atomic
def turn_off_two_factor(*, user, token):
    device = confirmed_device(user)
    if device is None or not device.verify_token(token):
        return False
    TOTPDevice.objects.filter(user=user).delete()
    return True
