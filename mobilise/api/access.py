"""Reads of the API app: a user's tokens and webhooks (with their delivery logs), the token behind a request,
remembered idempotent responses, and who may make tokens."""

from datetime import timedelta
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from mobilise.core.models import User
from mobilise.core.services import confirmed_device, must_keep_two_factor

from .models import ApiToken, DeliveryAttempt, IdempotentRequest, Webhook
from .services import IDEMPOTENCY_DAYS, TOKEN_START, token_hash


def tokens_of(user: User) -> QuerySet[ApiToken]:
    return ApiToken.objects.filter(user=user)


def get_token(user: User, pk: int) -> ApiToken:
    """One of the user's own tokens; 404 for anyone else's."""
    return get_object_or_404(tokens_of(user), pk=pk)


def live_token(raw: str) -> ApiToken | None:
    """The unrevoked, unexpired token with this secret, with its active user; None otherwise."""
    if not raw.startswith(TOKEN_START) or len(raw) > 100:
        return None
    return (
        ApiToken.objects.select_related("user")
        .filter(token_hash=token_hash(raw), revoked_at=None, expires__gt=timezone.now(), user__is_active=True)
        .first()
    )


def may_make_tokens(user: Any) -> bool:
    """A token acts without a second factor, so one is made only in a session that proved it where the account
    has two-factor authentication (required for advisers and administrators, chosen by others)."""
    if not (user.is_authenticated and user.is_active):
        return False
    if must_keep_two_factor(user) or confirmed_device(user) is not None:
        return bool(user.is_verified())
    return True


def require_verified(user: Any, to: str) -> None:
    """PermissionDenied, saying how to be allowed `to` (make a token, add a webhook...), unless may_make_tokens."""
    if not may_make_tokens(user):
        raise PermissionDenied(f"Sign in again with your security code to {to}.")


def remembered(user: User, key: str) -> IdempotentRequest | None:
    since = timezone.now() - timedelta(days=IDEMPOTENCY_DAYS)
    return IdempotentRequest.objects.filter(user=user, key=key, created__gte=since).first()


def webhooks_of(user: User) -> QuerySet[Webhook]:
    return Webhook.objects.filter(owner=user)


def get_webhook(user: Any, pk: int) -> Webhook:
    """One of the user's own webhooks; 404 for anyone else's."""
    return get_object_or_404(webhooks_of(user), pk=pk)


def attempts_of(webhook: Webhook) -> QuerySet[DeliveryAttempt]:
    """The webhook's delivery log, newest first, each attempt with its delivery."""
    return DeliveryAttempt.objects.filter(delivery__webhook=webhook).select_related("delivery").order_by("-at", "-pk")
