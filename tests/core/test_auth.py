import re
import time
from unittest import mock

import pytest
from django.core import mail
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from mobilise.core.models import RateEvent

from ..factories import PASSWORD, UserFactory


def sign_in(client, email, password=PASSWORD, **extra):
    return client.post(reverse("login"), {"username": email, "password": password, **extra})


def code_for(device, at=None):
    from django_otp.oath import TOTP

    clock = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    if at is not None:
        clock.time = at
    return f"{clock.token():06d}"


@pytest.fixture
def user(db):
    return UserFactory(email="ruth@example.org", full_name="Ruth Researcher")


def test_sign_in_with_email_and_sign_out(client, user):
    response = sign_in(client, "RUTH@example.org")
    assert response.status_code == 302 and response["Location"] == reverse("dashboard")
    assert client.get(reverse("dashboard")).status_code == 200
    assert "Sign out of Mobilise?" in client.get(reverse("logout")).content.decode()
    client.post(reverse("logout"))
    assert client.get(reverse("account")).status_code == 302


def test_wrong_password_shows_error_summary(client, user):
    response = sign_in(client, user.email, "wrong")
    page = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in page and "Enter a correct email address and password" in page
    assert "<title>Error: Sign in" in page


def test_next_is_followed_only_within_the_site(client, user):
    response = sign_in(client, user.email, next="/directory/")
    assert response["Location"] == "/directory/"
    client.post(reverse("logout"))
    response = sign_in(client, user.email, next="https://evil.example/")
    assert response["Location"] == reverse("dashboard")


def test_repeated_failures_are_throttled_even_with_the_right_password(client, user, settings):
    settings.LOGIN_FAILURE_LIMIT = 3
    for _ in range(3):
        sign_in(client, user.email, "wrong")
    response = sign_in(client, user.email)
    assert response.status_code == 429
    assert "Too many attempts to sign in" in response.content.decode()
    assert "_auth_user_id" not in client.session
    RateEvent.objects.all().delete()
    assert sign_in(client, user.email).status_code == 302


def test_throttle_by_client_address_across_many_emails(client, db, settings):
    settings.LOGIN_FAILURE_LIMIT = 2
    for n in range(8):
        sign_in(client, f"guess{n}@example.org", "x")
    victim = UserFactory()
    assert sign_in(client, victim.email).status_code == 429


def test_password_reset_by_email(client, user):
    response = client.post(reverse("password-reset"), {"email": user.email})
    assert response["Location"] == reverse("password-reset-sent")
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [user.email] and "Reset your Mobilise password" in message.subject
    link = re.search(r"http://testserver(/password-reset/\S+/)", message.body).group(1)
    form_page = client.get(link, follow=True)
    assert "Choose a new password" in form_page.content.decode()
    set_url = form_page.redirect_chain[-1][0]
    bad = client.post(set_url, {"new_password1": "short", "new_password2": "other"})
    assert "There is a problem" in bad.content.decode()
    new = "a-much-better-passphrase"
    done = client.post(set_url, {"new_password1": new, "new_password2": new})
    assert done["Location"] == reverse("password-reset-complete")
    assert sign_in(client, user.email, "a-much-better-passphrase").status_code == 302


def test_password_reset_for_unknown_email_says_the_same_and_sends_nothing(client, db):
    response = client.post(reverse("password-reset"), {"email": "nobody@example.org"})
    assert response["Location"] == reverse("password-reset-sent")
    assert mail.outbox == []
    page = client.post(reverse("password-reset"), {"email": ""}).content.decode()
    assert "Enter your email address" in page


def test_staff_turn_on_two_factor_then_need_a_code(client, db):
    adviser = UserFactory(is_adviser=True)
    client.force_login(adviser)
    page = client.post(reverse("account"), {"action": "start"}).content.decode()
    assert "data:image/svg+xml;base64," in page
    device = TOTPDevice.objects.get(user=adviser, confirmed=False)
    wrong = client.post(
        reverse("account"), {"action": "confirm", "token": "000000" if code_for(device) != "000000" else "111111"}
    )
    assert "The security code is not right" in wrong.content.decode()
    device.refresh_from_db()
    device.throttle_reset()  # a wrong code makes the next try wait a moment
    client.post(reverse("account"), {"action": "confirm", "token": code_for(device)})
    device.refresh_from_db()
    assert device.confirmed
    client.post(reverse("logout"))

    response = sign_in(client, adviser.email)
    assert response["Location"] == reverse("login-verify")
    assert client.get(reverse("account")).status_code == 302  # not signed in yet
    bad = client.post(reverse("login-verify"), {"token": "12ab"})
    assert "Enter the 6-digit security code" in bad.content.decode()
    device.refresh_from_db()
    device.throttle_reset()
    later = time.time() + 30  # a code cannot be used twice, so sign in during the next 30-second window
    with mock.patch("time.time", return_value=later):
        ok = client.post(reverse("login-verify"), {"token": code_for(device, at=later)})
    assert ok["Location"] == reverse("dashboard")
    assert client.get(reverse("dashboard")).status_code == 200


def test_two_factor_is_for_staff_only(client, user):
    client.force_login(user)
    assert client.post(reverse("account"), {"action": "start"}).status_code == 404
    assert not TOTPDevice.objects.exists()


@pytest.mark.parametrize("step", ["login-verify", "login-enrol"])
def test_second_steps_need_a_password_first_and_are_never_cached(client, db, step):
    response = client.get(reverse(step))
    assert response["Location"] == reverse("login") and "no-cache" in response["Cache-Control"]
    assert client.put(reverse(step)).status_code == 405


def test_password_reset_cannot_flood_an_inbox_or_the_server(client, user):
    for _ in range(5):
        assert client.post(reverse("password-reset"), {"email": user.email})["Location"] == reverse(
            "password-reset-sent"
        )
    assert len(mail.outbox) == 3
    for n in range(5):
        client.post(reverse("password-reset"), {"email": f"someone{n}@example.org"})
    response = client.post(reverse("password-reset"), {"email": "another@example.org"})
    assert response.status_code == 429
    assert "Too many requests to reset a password" in response.content.decode()


def test_forged_client_address_is_ignored_unless_from_a_trusted_proxy(client, db, settings):
    settings.LOGIN_FAILURE_LIMIT = 1
    settings.TRUSTED_PROXIES = []
    for n in range(5):
        client.post(reverse("login"), {"username": f"x{n}@example.org", "password": "x"}, HTTP_X_REAL_IP=f"10.0.0.{n}")
    victim = UserFactory()
    assert sign_in(client, victim.email).status_code == 429


def test_code_step_is_throttled_and_expires(client, db, settings):
    adviser = UserFactory(is_adviser=True)
    device = TOTPDevice.objects.create(user=adviser, name="app", confirmed=True)
    settings.LOGIN_FAILURE_LIMIT = 2
    assert sign_in(client, adviser.email)["Location"] == reverse("login-verify")
    for _ in range(2):
        device.refresh_from_db()
        device.throttle_reset()
        client.post(reverse("login-verify"), {"token": "000001"})
    device.refresh_from_db()
    device.throttle_reset()
    blocked = client.post(reverse("login-verify"), {"token": code_for(device)})
    assert blocked.status_code == 429
    assert "_auth_user_id" not in client.session
    RateEvent.objects.all().delete()
    sign_in(client, adviser.email)
    with mock.patch("time.time", return_value=time.time() + 301):
        assert client.get(reverse("login-verify"))["Location"] == reverse("login")


def test_admin_sign_in_goes_through_the_site_sign_in(client, db):
    admin = UserFactory(is_staff=True, is_superuser=True)
    assert client.get("/admin/login/?next=/admin/")["Location"] == reverse("login") + "?next=/admin/"
    TOTPDevice.objects.create(user=admin, name="app", confirmed=True)
    client.force_login(admin)  # a session that never entered a code
    assert client.get("/admin/").status_code == 302


def test_email_is_one_account_in_any_case(db):
    from django.core.exceptions import ValidationError
    from django.db import IntegrityError, transaction

    UserFactory(email="dup@example.org")
    with pytest.raises((IntegrityError, ValidationError)), transaction.atomic():
        UserFactory(email="DUP@example.org")
