"""Personal access tokens: made on the account page (in a two-factor-verified session where the account has it),
shown once, stored hashed, refused once expired or revoked, and a read-only token cannot write."""

import datetime
import hashlib

import pytest
from django.urls import reverse
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from mobilise.api.models import ApiToken, Scope, Webhook

from ..factories import ApiTokenFactory, UserFactory, WebhookFactory
from .conftest import bearer

NEW = {"name": "Indicator pipeline", "scope": Scope.WRITE, "days": "30"}


def test_a_token_is_shown_once_and_stored_only_as_a_hash(as_user, lead):
    client = as_user(lead)
    response = client.post(reverse("api:token-new"), NEW)
    assert response.status_code == 200
    token = ApiToken.objects.get(user=lead)
    page = response.content.decode()
    raw = page.split('<code id="token">')[1].split("</code>")[0]
    assert raw.startswith("mob_") and len(raw) > 40
    assert token.token_hash == hashlib.sha256(raw.encode()).hexdigest()
    assert raw not in str(ApiToken.objects.filter(pk=token.pk).values().get())
    assert token.scope == Scope.WRITE
    assert abs(token.expires - (timezone.now() + datetime.timedelta(days=30))) < datetime.timedelta(minutes=1)
    # Never shown again: the account page lists it by its prefix only.
    account = client.get(reverse("account")).content.decode()
    assert "Indicator pipeline" in account and token.prefix in account and raw not in account
    # And it works.
    assert bearer(type("T", (), {"raw": raw})).get(reverse("api:projects")).status_code == 200


def test_the_form_reports_what_is_missing(as_user, lead):
    response = as_user(lead).post(reverse("api:token-new"), {"name": ""})
    assert response.status_code == 200
    assert "Enter a name for the token" in response.content.decode()
    assert not ApiToken.objects.exists()


def test_two_factor_accounts_need_a_verified_session(db, as_user, settings):
    settings.TWO_FACTOR_REQUIRED = True
    adviser = UserFactory(is_adviser=True)
    TOTPDevice.objects.create(user=adviser, name="app", confirmed=True)
    client = as_user(adviser)  # force_login: signed in without the code
    assert client.get(reverse("api:token-new")).status_code == 403
    assert client.post(reverse("api:token-new"), NEW).status_code == 403
    account = client.get(reverse("account")).content.decode()
    assert "sign in again with your security code" in account
    assert "security code to make a token." in account and "security code to add a webhook." in account
    assert "Make a token</a>" not in account and "Add a webhook</a>" not in account
    assert not ApiToken.objects.exists()


def test_two_factor_accounts_need_a_verified_session_for_every_page_that_makes_or_shows_a_secret(db, as_user, settings):
    settings.TWO_FACTOR_REQUIRED = True
    adviser = UserFactory(is_adviser=True)
    TOTPDevice.objects.create(user=adviser, name="app", confirmed=True)
    hook = WebhookFactory(owner=adviser)
    client = as_user(adviser)  # force_login: signed in without the code
    for name, args in [("token-new", []), ("webhook-new", []), ("webhook-change", [hook.pk])]:
        assert client.get(reverse(f"api:{name}", args=args)).status_code == 403, name
    assert client.post(reverse("api:webhook-secret", args=[hook.pk])).status_code == 403
    assert Webhook.objects.get(pk=hook.pk).secret == hook.secret


def test_the_account_page_says_there_are_none_yet_and_how_to_make_one(db, as_user):
    account = as_user(UserFactory()).get(reverse("account")).content.decode()
    assert "<p>You have no tokens.</p>" in account and "<p>You have no webhooks.</p>" in account
    assert f'<a href="{reverse("api:token-new")}">Make a token</a>' in account
    assert f'<a href="{reverse("api:webhook-new")}">Add a webhook</a>' in account
    assert "two-factor authentication: sign out" not in account


def test_a_verified_session_may_make_one(db, client, settings):
    from django_otp import DEVICE_ID_SESSION_KEY

    settings.TWO_FACTOR_REQUIRED = True
    adviser = UserFactory(is_adviser=True)
    device = TOTPDevice.objects.create(user=adviser, name="app", confirmed=True)
    client.force_login(adviser)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    assert client.post(reverse("api:token-new"), NEW).status_code == 200
    assert ApiToken.objects.filter(user=adviser).count() == 1


def test_revoke_stops_the_token(as_user, lead, objects):
    token = objects["token"]
    assert bearer(token).get(reverse("api:projects")).status_code == 200
    response = as_user(lead).post(reverse("api:token-revoke", args=[token.pk]))
    assert response.status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None
    answer = bearer(token).get(reverse("api:projects"))
    assert answer.status_code == 401
    assert answer["Content-Type"] == "application/problem+json"
    assert answer["WWW-Authenticate"].startswith("Bearer")


def test_nobody_revokes_another_users_token(as_user, member, objects):
    assert as_user(member).post(reverse("api:token-revoke", args=[objects["token"].pk])).status_code == 404
    objects["token"].refresh_from_db()
    assert objects["token"].revoked_at is None


def test_an_expired_token_is_refused(lead):
    token = ApiTokenFactory(user=lead, expires=timezone.now() - datetime.timedelta(seconds=1))
    assert bearer(token).get(reverse("api:projects")).status_code == 401


def test_a_deactivated_users_token_is_refused(lead):
    token = ApiTokenFactory(user=lead)
    lead.is_active = False
    lead.save()
    assert bearer(token).get(reverse("api:projects")).status_code == 401


@pytest.mark.parametrize("header", ["Bearer", "Bearer a b", "Bearer mob_nonsense", "Bearer " + "x" * 500])
def test_malformed_and_unknown_tokens_are_refused(db, client, header):
    response = client.get(reverse("api:projects"), HTTP_AUTHORIZATION=header)
    assert response.status_code == 401
    assert response.json()["status"] == 401


def test_last_used_is_recorded(objects):
    token = objects["token"]
    assert token.last_used is None
    bearer(token).get(reverse("api:projects"))
    token.refresh_from_db()
    assert token.last_used is not None


def test_a_read_token_cannot_write(lead, objects):
    token = ApiTokenFactory(user=lead, scope=Scope.READ)
    url = reverse("api:actuals", args=[objects["project"].pk, objects["indicator"].pk])
    body = {"periods": [{"period": "2025 Q2", "total": "5"}]}
    response = bearer(token).post(url, body, content_type="application/json")
    assert response.status_code == 403
    assert response["Content-Type"] == "application/problem+json"
    assert "only read" in response.json()["detail"]
    assert bearer(token).get(reverse("api:indicators", args=[objects["project"].pk])).status_code == 200


def test_throttled_per_token(settings, objects):
    settings.API_REQUESTS_PER_MINUTE = 2
    client = bearer(objects["token"])
    assert [client.get(reverse("api:projects")).status_code for _ in range(3)] == [200, 200, 429]
    response = client.get(reverse("api:projects"))
    assert response["Retry-After"] == "60"
    assert response["Content-Type"] == "application/problem+json"
    # Another token of the same person has its own allowance.
    assert bearer(ApiTokenFactory(user=objects["token"].user)).get(reverse("api:projects")).status_code == 200


def test_the_api_fills_the_account_hook():
    from mobilise.api.account import tokens_section
    from mobilise.core.account import ACCOUNT

    assert tokens_section in ACCOUNT.providers
