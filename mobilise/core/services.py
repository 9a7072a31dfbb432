"""Writes for accounts: sign-in throttling and two-factor devices."""

from django.conf import settings
from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice

from . import ratelimit
from .models import User


def _email_key(email: str | None) -> str:
    return (email or "").strip().lower()


@transaction.atomic
def sign_in_attempt(*, email: str | None, ip: str) -> bool:
    """Count an attempt against the email address before the password or code is checked, so that parallel
    guesses are all counted; True when this attempt is over the limit for the address or the client."""
    limit, minutes = settings.LOGIN_FAILURE_LIMIT, settings.LOGIN_FAILURE_WINDOW_MINUTES
    ratelimit.record("sign-in-email", _email_key(email))
    return ratelimit.exceeded("sign-in-email", _email_key(email), limit=limit + 1, minutes=minutes) or (
        ratelimit.exceeded("sign-in-ip", ip, limit=limit * 4, minutes=minutes)
    )


def sign_in_failed(*, ip: str) -> None:
    ratelimit.record("sign-in-ip", ip)


def sign_in_succeeded(*, email: str | None) -> None:
    ratelimit.clear("sign-in-email", _email_key(email))


def confirmed_device(user: User) -> TOTPDevice | None:
    return TOTPDevice.objects.devices_for_user(user, confirmed=True).first()


def pending_device(user: User) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=False).first()


@transaction.atomic
def start_two_factor(*, user: User) -> TOTPDevice:
    """An unconfirmed authenticator for the user, replacing any earlier unconfirmed one."""
    TOTPDevice.objects.filter(user=user, confirmed=False).delete()
    return TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=False)


@transaction.atomic
def confirm_two_factor(*, user: User, token: str) -> TOTPDevice | None:
    """The confirmed device, or None when the code is wrong."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None or not device.verify_token(token):
        return None
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    return device


@transaction.atomic
def turn_off_two_factor(*, user: User, token: str) -> bool:
    device = confirmed_device(user)
    if device is None or not device.verify_token(token):
        return False
    TOTPDevice.objects.filter(user=user).delete()
    return True
