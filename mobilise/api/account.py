"""The API sections of the account page (the core.account hook): the user's tokens and webhooks, and how to make
them."""

from django.utils import timezone

from . import access


def tokens_section(request):
    user = request.user
    return {
        "template": "api/_account_tokens.html",
        "tokens": list(access.tokens_of(user)),
        "may_make": access.may_make_tokens(user),
        "now": timezone.now(),
    }


def webhooks_section(request):
    user = request.user
    return {
        "template": "api/_account_webhooks.html",
        "webhooks": list(access.webhooks_of(user)),
        "may_make": access.may_make_tokens(user),
    }
