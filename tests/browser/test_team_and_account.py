"""The team page, the account page with two-factor set-up and sign-in, and resetting a forgotten password."""

import base64
import re

import pytest
from django_otp.oath import totp
from playwright.sync_api import expect

from mobilise.projects.models import Membership, Role
from tests.factories import UserFactory

from .helpers import assert_accessible, sign_in, url_of

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def code_for(secret, steps_ahead=0):
    """The code an authenticator app shows for this key, now or some 30-second steps ahead."""
    return f"{totp(base64.b32decode(secret), drift=steps_ahead):06d}"


def test_team_page(page, live_server, lead, member, viewer, project):
    newcomer = UserFactory(full_name="Nia Newcomer")
    sign_in(page, live_server, lead)
    page.goto(live_server.url + f"/projects/{project.pk}/")
    page.get_by_role("link", name="Manage the team").click()
    expect(page).to_have_url(live_server.url + f"/projects/{project.pk}/team/")
    rows = page.locator("table tbody tr")
    expect(rows).to_have_count(3)
    expect(page.get_by_label("Role of Mo Member")).to_have_value("member")
    assert_accessible(page)

    # Asking to add someone without an email address.
    page.get_by_role("button", name="Add to team").click()
    summary = page.locator(".nhsuk-error-summary")
    expect(summary.get_by_role("link", name="Enter the email address of the person to add")).to_have_attribute(
        "href", "#id_email"
    )
    assert_accessible(page)

    # Add someone as a viewer.
    page.get_by_label("Email address").fill(newcomer.email)
    page.get_by_role("group", name="Role").get_by_label("Viewer").check()
    page.get_by_role("button", name="Add to team").click()
    expect(page.locator(".nhsuk-notification-banner--success")).to_contain_text("Nia Newcomer added as viewer.")
    expect(rows).to_have_count(4)
    assert Membership.objects.get(project=project, user=newcomer).role == Role.VIEWER

    # Change a member's role.
    page.get_by_label("Role of Mo Member").select_option("viewer")
    page.get_by_role("button", name="Change role of Mo Member").click()
    expect(page.locator(".nhsuk-notification-banner--success")).to_contain_text("Mo Member is now viewer.")
    assert Membership.objects.get(project=project, user=member).role == Role.VIEWER
    assert_accessible(page)


def test_adviser_turns_on_two_factor_and_signs_in_with_a_code(page, live_server, adviser):
    sign_in(page, live_server, adviser)
    page.get_by_role("link", name="Ada Adviser").click()
    expect(page).to_have_url(live_server.url + "/account/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Your account")
    assert_accessible(page)

    # Start set-up: a QR code and the key to type by hand.
    page.get_by_role("button", name="Set up two-factor authentication").click()
    qr = page.get_by_role("img", name=re.compile("QR code to add Mobilise"))
    expect(qr).to_be_visible()
    assert qr.evaluate("img => img.complete && img.naturalWidth > 0"), "the QR code image did not load"
    secret = page.locator("#totp-secret").inner_text().strip()
    assert re.fullmatch(r"[A-Z2-7]{16,}=*", secret)
    assert_accessible(page)

    # A wrong code first, then the right one.
    page.get_by_label("Security code").fill("000000" if code_for(secret) != "000000" else "111111")
    page.get_by_role("button", name="Turn on").click()
    expect(page.locator(".nhsuk-error-summary")).to_contain_text("The security code is not right")
    expect(page.locator("#totp-secret")).to_have_text(secret)
    assert_accessible(page)
    # django-otp refuses every code for a second after a wrong one, so wait as a person would.
    page.wait_for_timeout(1100)
    page.get_by_label("Security code").fill(code_for(secret))
    page.get_by_role("button", name="Turn on").click()
    expect(page.locator(".nhsuk-notification-banner--success")).to_contain_text("Two-factor authentication is on.")
    expect(page.get_by_text("On", exact=True)).to_be_visible()
    assert_accessible(page)

    # Sign out, then in again: the password leads to a second step asking for a code.
    page.get_by_role("link", name="Sign out").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign out of Mobilise?")
    assert_accessible(page)
    page.get_by_role("button", name="Sign out").click()
    expect(page).to_have_url(url_of(live_server, "/sign-in/"))
    expect(page.locator(".nhsuk-notification-banner")).to_contain_text("You have signed out.")
    sign_in(page, live_server, adviser)
    expect(page).to_have_url(live_server.url + "/sign-in/code/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Enter your security code")
    assert_accessible(page)
    # A code is good once: the one used to turn it on cannot be used again, so use the next one.
    page.get_by_label("Security code").fill(code_for(secret, steps_ahead=1))
    page.get_by_role("button", name="Continue").click()
    expect(page).to_have_url(live_server.url + "/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Projects")


def test_research_lead_account_page(page, live_server, lead):
    sign_in(page, live_server, lead)
    page.goto(live_server.url + "/account/")
    expect(page.get_by_text("Two-factor authentication is for staff accounts.")).to_be_visible()
    expect(page.get_by_role("button", name="Set up two-factor authentication")).to_have_count(0)
    assert_accessible(page)


def test_reset_a_forgotten_password(page, live_server, lead, mailoutbox):
    page.goto(live_server.url + "/sign-in/")
    page.get_by_role("link", name="Forgotten your password?").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Reset your password")
    assert_accessible(page)
    page.get_by_role("button", name="Send the link").click()
    expect(page.locator(".nhsuk-error-summary")).to_contain_text("Enter your email address")
    assert_accessible(page)
    page.get_by_label("Email").fill(lead.email)
    page.get_by_role("button", name="Send the link").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your email")
    assert_accessible(page)

    assert len(mailoutbox) == 1
    link = re.search(r"https?://\S+/password-reset/\S+", mailoutbox[0].body).group(0)
    page.goto(link)
    expect(page.get_by_role("heading", level=1)).to_have_text("Choose a new password")
    assert_accessible(page)
    page.get_by_label("New password", exact=True).fill("a-fresh-passphrase-2026")
    page.get_by_label("New password confirmation").fill("a-fresh-passphrase-2026")
    page.get_by_role("button", name="Save new password").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your password has been changed")
    assert_accessible(page)
    sign_in(page, live_server, lead, password="a-fresh-passphrase-2026")
    expect(page).to_have_url(live_server.url + "/")
