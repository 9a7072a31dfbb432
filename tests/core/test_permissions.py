"""Every page of the core app (sign-in, account, password reset, health, accessibility), for every persona."""

import pytest

from ..factories import OutputFactory, ReviewCommentFactory, ReviewerFactory, ReviewFactory
from ..permissions import PERSONAS, PUBLIC, READ, SIGN_IN, SIGNED_IN, Url, check_every_persona, names_in, when_allowed

# Whoever signs out, or asks for a code without having given a password first, is sent (back) to sign in.
TO_SIGN_IN = dict.fromkeys(PERSONAS, SIGN_IN)
URLS = [
    Url("login", (), {**when_allowed(SIGNED_IN, 302), "anonymous": 200}),
    Url("login-verify", (), TO_SIGN_IN),
    Url("login-enrol", (), TO_SIGN_IN),
    Url("logout", (), TO_SIGN_IN, "post"),
    Url("account", (), SIGNED_IN),
    Url("password-reset", (), PUBLIC),
    Url("password-reset-sent", (), PUBLIC),
    Url("password-reset-confirm", ("MQ", "set-password"), PUBLIC),
    Url("password-reset-complete", (), PUBLIC),
    Url("healthz", (), PUBLIC),
    Url("accessibility", (), PUBLIC),
    # The review of an output: whoever may see the output sees its review (core asks the output's adapter).
    Url("review", ("review",), READ),
]


@pytest.fixture
def objects(project, lead, member):
    output = OutputFactory(project=project, created_by=lead)
    review = ReviewFactory(target=output, requested_by=lead)
    ReviewerFactory(review=review, user=member)
    ReviewCommentFactory(review=review, author=member)
    return {"project": project, "review": review}


@pytest.mark.parametrize("url", URLS, ids=str)
def test_url_by_persona(request, objects, url):
    check_every_persona(url, objects, request)


def test_the_table_has_every_url():
    assert names_in("mobilise.core.urls") == {url.name for url in URLS}
