"""Writes for accounts (sign-in throttling and two-factor devices), and how any app's service saves a form's values."""

from collections.abc import Callable, Mapping
from typing import Any, TypeVar

from django.conf import settings
from django.db import models, transaction
from django_otp.plugins.otp_totp.models import TOTPDevice

from . import ratelimit
from .models import User

M = TypeVar("M", bound=models.Model)


def save_fields(obj: M, values: Mapping[str, Any], check: Callable[[M], None] | None = None) -> M:
    """Set the fields named in values on obj and save it: how a service writes the values of a form. `check`, given
    obj with its new values, refuses them by raising: then nothing is saved."""
    for name, value in values.items():
        setattr(obj, name, value)
    if check is not None:
        check(obj)
    obj.save()
    return obj


def _email_key(email: str, known_browser: bool) -> str:
    # A browser this account has signed in from before is counted apart (OWASP's device cookies): guesses from
    # elsewhere cannot lock the owner out, and a shared address's limit does not apply to it.
    return ratelimit.identity(email) + ("|known" if known_browser else "")


@transaction.atomic
def sign_in_attempt(*, email: str, ip: str, known_browser: bool = False) -> bool:
    """Count an attempt against the email address before the password or code is checked, so that parallel
    guesses are all counted; True when this attempt is over the limit for the account or the address."""
    limit, minutes = settings.LOGIN_FAILURE_LIMIT, settings.LOGIN_FAILURE_WINDOW_MINUTES
    key = _email_key(email, known_browser)
    ratelimit.record("sign-in-email", key)
    if ratelimit.exceeded("sign-in-email", key, limit=limit + 1, minutes=minutes):
        return True
    return not known_browser and ratelimit.exceeded("sign-in-ip", ip, limit=limit * 4, minutes=minutes)


def sign_in_failed(*, ip: str) -> None:
    ratelimit.record("sign-in-ip", ip)


def sign_in_succeeded(*, email: str, known_browser: bool = False) -> None:
    ratelimit.clear("sign-in-email", _email_key(email, known_browser))


def must_keep_two_factor(user: User) -> bool:
    """Advisers and administrators see every project or manage accounts, so they sign in with a code too."""
    return settings.TWO_FACTOR_REQUIRED and user.is_team_staff


def must_enrol(user: User) -> bool:
    return must_keep_two_factor(user) and confirmed_device(user) is None


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
