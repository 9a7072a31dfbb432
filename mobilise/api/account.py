"""The API sections of the account page (the core.account hook): the user's tokens and webhooks, and how to make
them."""

from django.utils import timezone

from . import access


def _section(request, template, **rows):
    """A section of the account page: its template, the user's rows, and whether they may make more now (both
    tokens and webhooks ask for a sign-in with the security code where the account has one)."""
    return {"template": template, **rows, "may_make": access.may_make_tokens(request.user)}


def tokens_section(request):
    tokens = list(access.tokens_of(request.user))
    return _section(request, "api/_account_tokens.html", tokens=tokens, now=timezone.now())


def webhooks_section(request):
    return _section(request, "api/_account_webhooks.html", webhooks=list(access.webhooks_of(request.user)))
