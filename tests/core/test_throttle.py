"""The one throttle: addresses only from trusted proxies, one identity however an email is written, browsers
counted apart so a shared network keeps working while a flood stops; and advisers must enrol in two-factor."""

import ipaddress
import time
from unittest import mock

import pytest
from django.test import Client, RequestFactory
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from mobilise.core import ratelimit

from ..factories import PASSWORD, UserFactory
from .test_auth import code_for, sign_in

pytestmark = pytest.mark.django_db


def _request(remote="203.0.113.9", real_ip=None, browser=None):
    request = RequestFactory().post("/", REMOTE_ADDR=remote, **({"HTTP_X_REAL_IP": real_ip} if real_ip else {}))
    if browser:
        request.COOKIES[ratelimit.BROWSER_COOKIE] = browser
    return request


def test_forwarded_address_is_read_only_from_a_trusted_proxy(settings):
    settings.TRUSTED_PROXIES = []
    assert ratelimit.client_ip(_request("127.0.0.1", "198.51.100.7")) == "127.0.0.1"
    settings.TRUSTED_PROXIES = [ipaddress.ip_network("127.0.0.0/8")]
    assert ratelimit.client_ip(_request("127.0.0.1", "198.51.100.7")) == "198.51.100.7"
    assert ratelimit.client_ip(_request("203.0.113.9", "198.51.100.7")) == "203.0.113.9"
    assert ratelimit.client_ip(_request("127.0.0.1", "not an address")) == "127.0.0.1"


def test_varying_the_header_does_not_get_round_the_sign_in_limit(client, settings):
    settings.LOGIN_FAILURE_LIMIT = 2
    for n in range(8):
        client.post(reverse("login"), {"username": f"x{n}@example.org", "password": "x"}, HTTP_X_REAL_IP=f"10.9.0.{n}")
    victim = UserFactory()
    assert sign_in(client, victim.email).status_code == 429


def test_fullwidth_and_case_variants_are_one_identity(client, settings):
    settings.LOGIN_FAILURE_LIMIT = 3
    user = UserFactory(email="viewer@mobilise.test")
    assert ratelimit.identity("ｖiewer@Mobilise.test ") == ratelimit.identity("viewer@mobilise.test")
    for variant in ("viewer@mobilise.test", "VIEWER@mobilise.test", "ｖiewer@mobilise.test", "ｖｉewer@mobilise.test"):
        client.post(reverse("login"), {"username": variant, "password": "wrong"})
    assert sign_in(Client(REMOTE_ADDR="198.51.100.1"), "ｖiewer@mobilise.test").status_code == 429
    assert sign_in(Client(REMOTE_ADDR="198.51.100.2"), user.email).status_code == 429


def test_a_browser_that_signed_in_before_is_not_locked_out_by_a_shared_address(settings):
    settings.LOGIN_FAILURE_LIMIT = 2
    colleague = UserFactory()
    known = Client()
    assert sign_in(known, colleague.email)["Location"] == reverse("dashboard")
    known.post(reverse("logout"))
    attacker = Client()
    for n in range(12):  # a flood of guesses from the same hospital address
        attacker.post(reverse("login"), {"username": f"guess{n}@example.org", "password": "x"})
    assert sign_in(Client(), UserFactory().email).status_code == 429  # a new browser there waits
    for _ in range(3):  # guesses at the colleague's account from elsewhere do not lock her own browser out
        Client().post(reverse("login"), {"username": colleague.email, "password": "wrong"})
    assert sign_in(known, colleague.email)["Location"] == reverse("dashboard")


def test_throttle_counts_browsers_apart_under_an_address_ceiling():
    throttle = ratelimit.Throttle("test", per_browser=2, per_address=5)
    first = _request(browser="a" * 32)
    for _ in range(2):
        assert throttle.allows(first)
        throttle.count(first)
    assert not throttle.allows(first)
    others = [_request(browser=f"{n:032d}") for n in range(3)]
    for request in others:
        assert throttle.allows(request)
        throttle.count(request)
    assert not throttle.allows(_request(browser="b" * 32))  # the address's ceiling of 5 is reached
    assert throttle.allows(_request(remote="198.51.100.50"))


def test_take_counts_a_post_within_the_limits_and_never_one_beyond_them():
    throttle = ratelimit.Throttle("test", per_browser=2, per_address=3)
    browser = _request(browser="a" * 32)
    assert [throttle.take(browser) for _ in range(4)] == [True, True, False, False]
    assert ratelimit.RateEvent.objects.filter(scope="test").count() == 2  # refused posts are not counted
    assert throttle.take(_request(browser="b" * 32)) and not throttle.take(_request(browser="c" * 32))
    # Two posts racing this one have written their events: with this one's, the browser's limit is passed.
    ratelimit.record("test", "198.51.100.1|-")
    ratelimit.record("test", "198.51.100.1|-")
    assert not throttle.take(_request(remote="198.51.100.1")) and throttle.allows(_request(remote="198.51.100.2"))


def test_a_client_without_a_cookie_is_counted_by_its_address():
    throttle = ratelimit.Throttle("test", per_browser=2, per_address=100)
    for _ in range(2):
        throttle.count(_request(browser="forged!"))
    assert not throttle.allows(_request())


def test_advisers_and_administrators_must_enrol_at_first_sign_in(client, settings):
    settings.TWO_FACTOR_REQUIRED = True
    adviser = UserFactory(is_adviser=True)
    response = sign_in(client, adviser.email)
    assert response["Location"] == reverse("login-enrol")
    assert client.get(reverse("account")).status_code == 302  # not signed in yet
    page = client.get(reverse("login-enrol")).content.decode()
    assert "Set up two-factor authentication" in page and "data:image/svg+xml;base64," in page
    device = TOTPDevice.objects.get(user=adviser, confirmed=False)
    later = time.time() + 30
    with mock.patch("time.time", return_value=later):
        ok = client.post(reverse("login-enrol"), {"token": code_for(device, at=later)})
    assert ok["Location"] == reverse("dashboard")
    device.refresh_from_db()
    assert device.confirmed
    assert client.get(reverse("dashboard")).status_code == 200
    refused = client.post(reverse("account"), {"action": "turn-off", "token": "123456"})
    assert refused.status_code == 404 and TOTPDevice.objects.filter(user=adviser, confirmed=True).exists()


def test_researchers_are_not_asked_to_enrol(client, settings):
    settings.TWO_FACTOR_REQUIRED = True
    assert sign_in(client, UserFactory().email)["Location"] == reverse("dashboard")


def test_admin_needs_a_verified_session_when_two_factor_is_required(client, settings):
    settings.TWO_FACTOR_REQUIRED = True
    admin = UserFactory(is_staff=True, is_superuser=True, password=PASSWORD)
    client.force_login(admin)  # a session that never entered a code, and no device
    assert client.get("/admin/").status_code == 302
