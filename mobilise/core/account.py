"""The account page's sections that higher apps add (the API's personal access tokens), without core importing
them: the `core.account` hook."""

from django.http import HttpRequest

from . import hooks

ACCOUNT = hooks.declare(
    "core.account",
    """provider(request) -> dict | None: one section of the signed-in user's account page, or None to show
    nothing. The dict names the template to include ("template") and whatever that template reads, which it finds
    as `section`. A provider may use at most two queries.""",
)


def sections(request: HttpRequest) -> list[dict]:
    return [s for s in (provider(request) for provider in ACCOUNT.providers) if s is not None]
