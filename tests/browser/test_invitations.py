"""Accounts by invitation: a lead invites by email, the invitee opens the personal link, makes an account and lands
on the project; a cancelled invitation's link says what to do. Every page is checked with axe-core."""

import re

import pytest
from django.conf import settings
from playwright.sync_api import expect

from mobilise.core.models import User
from mobilise.projects.models import Membership, Role

from .helpers import assert_accessible, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _link(live_server, message):
    url = re.search(r"https?://\S+/invitations/\S+/", message.body).group(0)
    return live_server.url + url.removeprefix(settings.SITE_URL.rstrip("/"))


def _invite(page, email, role):
    page.get_by_label("Email address").fill(email)
    page.get_by_role("group", name="Role").get_by_label(role).check()
    page.get_by_role("button", name="Add to team").click()


def test_invite_a_new_person_who_accepts(page, live_server, lead, project, mailoutbox):
    sign_in(page, live_server, lead)
    page.goto(live_server.url + f"/projects/{project.pk}/team/")
    _invite(page, "nia@example.org", "Member")
    expect(page.locator(".nhsuk-notification-banner--success")).to_contain_text("Invitation sent to nia@example.org")
    expect(page.get_by_role("heading", name="Invitations waiting for an answer")).to_be_visible()
    assert_accessible(page)

    # A second invitation, cancelled: its link says so.
    _invite(page, "sam@example.org", "Viewer")
    page.get_by_role("button", name="Revoke the invitation to sam@example.org").click()
    expect(page.locator(".nhsuk-notification-banner--success")).to_contain_text(
        "Invitation to sam@example.org cancelled"
    )
    assert len(mailoutbox) == 2
    page.get_by_role("link", name="Sign out").click()
    page.get_by_role("button", name="Sign out").click()

    page.goto(_link(live_server, mailoutbox[1]))
    expect(page.get_by_role("heading", level=1)).to_have_text("This link has been cancelled")
    expect(page.get_by_text("Ask the person who invited you to send a new invitation")).to_be_visible()
    assert_accessible(page)

    page.goto(_link(live_server, mailoutbox[0]))
    expect(page.get_by_role("heading", level=1)).to_have_text("Join the team of CASCADE")
    expect(page.get_by_text("Lee Lead has invited you")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Create your account and join").click()
    summary = page.locator(".nhsuk-error-summary")
    expect(summary.get_by_role("link", name="Enter your full name")).to_have_attribute("href", "#id_full_name")
    assert_accessible(page)
    assert not User.objects.filter(email="nia@example.org").exists()

    page.get_by_label("Your full name").fill("Nia Newcomer")
    page.get_by_label("Choose a password").fill("a-long-and-fresh-passphrase")
    page.get_by_label("Type the password again").fill("a-long-and-fresh-passphrase")
    page.get_by_role("button", name="Create your account and join").click()
    expect(page).to_have_url(live_server.url + f"/projects/{project.pk}/")
    expect(page.locator(".nhsuk-notification-banner--success")).to_contain_text("You are on the team of CASCADE")
    expect(page.get_by_role("link", name="Nia Newcomer")).to_be_visible()
    assert_accessible(page)
    assert Membership.objects.get(project=project, user__email="nia@example.org").role == Role.MEMBER

    # The link is used up.
    page.goto(_link(live_server, mailoutbox[0]))
    expect(page.get_by_role("heading", level=1)).to_have_text("This link has already been used")
    assert_accessible(page)
