"""Forms that only a step before them leads to, with the session that step leaves: the fuzz test's crawl, which
fetches each URL afresh, never sees them.

Each journey takes its step with a client of its own and returns (persona, client, page URL, page HTML); the fuzz
test then posts hostile values to every form on that page with that client's cookies, each post rolled back, so
every post finds the session as the step left it."""

from collections.abc import Callable

from django.contrib.auth.tokens import default_token_generator
from django.test import Client
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.factories import PASSWORD, UserFactory

Journey = tuple[str, Client, str, str]


def _signed_in_with_password(user) -> tuple[Client, str]:
    """A client that gave the right password, and the URL of the step it was sent on to."""
    client = Client()
    response = client.post(reverse("login"), {"username": user.email, "password": PASSWORD})
    assert response.status_code == 302, "the sign-in form did not take the password"
    return client, response["Location"]


def _page(persona: str, client: Client, url: str, expected: str) -> Journey:
    assert url == reverse(expected), f"{persona}: reached {url}, not {reverse(expected)}"
    response = client.get(url)
    assert response.status_code == 200, f"{persona}: {url} answered {response.status_code}"
    return persona, client, url, response.content.decode()


def sign_in_code() -> Journey:
    """The security-code step of signing in, after the right password, for an account with an authenticator."""
    user = UserFactory()
    TOTPDevice.objects.create(user=user, name="app", confirmed=True)
    return _page("signing in (code)", *_signed_in_with_password(user), "login-verify")


def sign_in_enrolment(settings) -> Journey:
    """The first sign-in of an adviser where two-factor is required: set up an authenticator, then its code."""
    settings.TWO_FACTOR_REQUIRED = True
    return _page("signing in (set-up)", *_signed_in_with_password(UserFactory(is_adviser=True)), "login-enrol")


def account_set_up() -> Journey:
    """Turning two-factor on from the account page: the code form shown after "Set up"."""
    client = Client()
    client.force_login(UserFactory(is_adviser=True))
    url = reverse("account")
    response = client.post(url, {"action": "start"})
    assert response.status_code == 200 and 'value="confirm"' in response.content.decode()
    return "account (set-up)", client, url, response.content.decode()


def account_turn_off() -> Journey:
    """Turning two-factor off, for an adviser with an authenticator where two-factor is not required."""
    user = UserFactory(is_adviser=True)
    TOTPDevice.objects.create(user=user, name="app", confirmed=True)
    client = Client()
    client.force_login(user)
    return _page("account (turn off)", client, reverse("account"), "account")


def password_reset() -> Journey:
    """The set-password form a reset link leads to (the link's token moves into the session)."""
    user = UserFactory()
    uidb64, token = urlsafe_base64_encode(force_bytes(user.pk)), default_token_generator.make_token(user)
    client = Client()
    link = reverse("password-reset-confirm", kwargs={"uidb64": uidb64, "token": token})
    response = client.get(link)
    assert response.status_code == 302, f"the reset link answered {response.status_code}"
    url = response["Location"]
    response = client.get(url)
    assert response.status_code == 200 and 'name="new_password1"' in response.content.decode()
    return "password reset (set password)", client, url, response.content.decode()


def every(settings) -> list[Callable[[], Journey]]:
    """Every journey, to be taken one at a time (the enrolment one requires two-factor from then on)."""
    return [sign_in_code, account_set_up, account_turn_off, password_reset, lambda: sign_in_enrolment(settings)]
