"""Writes of the API app: personal access tokens and remembered idempotent responses."""

import hashlib
import secrets
from datetime import datetime, timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone

from mobilise.core.models import User

from .models import ApiToken, IdempotentRequest, Scope

TOKEN_START = "mob_"
PREFIX_LENGTH = 12
LAST_USED_EVERY = timedelta(minutes=1)  # how stale last_used may be: not a write on every request
IDEMPOTENCY_DAYS = 1


class TokenError(Exception):
    pass


def token_hash(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


@transaction.atomic
def create_token(*, user: User, name: str, scope: str, expires: datetime) -> tuple[ApiToken, str]:
    """A new token and its secret, which is returned this once and never stored."""
    if scope not in Scope.values:
        raise TokenError("Choose read only or read and write")
    if expires <= timezone.now():
        raise TokenError("The expiry must be in the future")
    raw = TOKEN_START + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user, name=name, scope=scope, expires=expires, prefix=raw[:PREFIX_LENGTH], token_hash=token_hash(raw)
    )
    return token, raw


@transaction.atomic
def revoke_token(*, token: ApiToken) -> ApiToken:
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
    return token


def touch(token: ApiToken) -> None:
    """Note that the token was used, at most once a minute."""
    now = timezone.now()
    if token.last_used is None or now - token.last_used > LAST_USED_EVERY:
        ApiToken.objects.filter(pk=token.pk).update(last_used=now)
        token.last_used = now


def fingerprint(method: str, path: str, body: str) -> str:
    return hashlib.sha256("\n".join([method, path, body]).encode()).hexdigest()


@transaction.atomic
def remember_response(*, user: User, key: str, fingerprint: str, status: int, body: Any) -> IdempotentRequest:
    """Keep the answer to a keyed request; raises IntegrityError when the key was taken meanwhile (the caller's
    transaction then undoes the write too)."""
    IdempotentRequest.objects.filter(created__lt=timezone.now() - timedelta(days=IDEMPOTENCY_DAYS)).delete()
    return IdempotentRequest.objects.create(user=user, key=key, fingerprint=fingerprint, status=status, body=body)
