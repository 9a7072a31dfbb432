"""Accounts by invitation (issue 14): an adviser or lead adds a person by email; someone without an account gets a
one-time personal link to make one; invitations expire and can be revoked; every step is throttled."""

import datetime
import re

import pytest
from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from mobilise.core import links
from mobilise.core.models import PersonalLink, User
from mobilise.projects import services
from mobilise.projects.models import Invitation, Membership, Role

from ..factories import MembershipFactory, UserFactory

PASSWORD = "a-long-and-fresh-passphrase"


@pytest.fixture
def sent(django_capture_on_commit_callbacks):
    """Invite by email as a persona, running the mail task when the write commits."""

    def invite(user, project, email="nia@example.org", role=Role.MEMBER, follow=False):
        with django_capture_on_commit_callbacks(execute=True):
            return _client(user).post(
                reverse("project-team", args=[project.pk]), {"email": email, "role": role}, follow=follow
            )

    return invite


def _client(user):
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def _link(message):
    return re.search(r"https?://\S+/invitations/\S+/", message.body).group(0)


def _path(url):
    return url.removeprefix(settings.SITE_URL.rstrip("/"))


def _accept(client, path, **changes):
    data = {"full_name": "Nia Newcomer", "password1": PASSWORD, "password2": PASSWORD, **changes}
    return client.post(path, data)


@pytest.mark.parametrize(
    ("persona", "status"),
    [("adviser", 302), ("lead", 302), ("member", 404), ("viewer", 404), ("outsider", 404), (None, 302)],
)
def test_who_may_invite(request, project, sent, mailoutbox, persona, status):
    user = request.getfixturevalue(persona) if persona else None
    response = sent(user, project)
    assert response.status_code == status
    if persona is None:
        assert response["Location"].startswith(reverse("login"))
    invited = Invitation.objects.filter(project=project, email="nia@example.org").exists()
    assert invited == (persona in ("adviser", "lead"))
    assert len(mailoutbox) == int(invited)


@pytest.mark.parametrize(
    ("persona", "status"),
    [("adviser", 302), ("lead", 302), ("member", 404), ("viewer", 404), ("outsider", 404), (None, 302)],
)
def test_who_may_revoke(request, project, lead, persona, status):
    invitation = services.add_or_invite(project=project, email="nia@example.org", role=Role.MEMBER, by=lead)
    user = request.getfixturevalue(persona) if persona else None
    url = reverse("project-invitation-revoke", args=[project.pk, invitation.pk])
    assert _client(user).get(url).status_code == (405 if persona in ("adviser", "lead") else status)
    response = _client(user).post(url)
    assert response.status_code == status
    if persona is None:
        assert response["Location"].startswith(reverse("login"))
    invitation.refresh_from_db()
    assert (invitation.revoked_at is not None) == (persona in ("adviser", "lead"))


def test_revoking_another_projects_invitation_is_404(as_user, project, lead, outsider):
    other = outsider.memberships.get().project
    invitation = services.add_or_invite(project=other, email="nia@example.org", role=Role.MEMBER, by=outsider)
    url = reverse("project-invitation-revoke", args=[project.pk, invitation.pk])
    assert as_user(lead).post(url).status_code == 404
    invitation.refresh_from_db()
    assert invitation.revoked_at is None


def test_the_whole_journey_from_invitation_to_signed_in_member(project, lead, sent, mailoutbox):
    response = sent(lead, project, email="Nia@Example.org", role=Role.VIEWER, follow=True)
    page = response.content.decode()
    assert "Invitation sent to nia@example.org" in page and "Invitations waiting for an answer" in page
    assert "Revoke" in page

    [message] = mailoutbox
    assert message.to == ["nia@example.org"]
    assert message.from_email == settings.DEFAULT_FROM_EMAIL
    assert message.reply_to == [lead.email]
    assert "Lee Lead has invited you" in message.body and "as a viewer" in message.body
    assert "CASCADE" in message.subject
    path = _path(_link(message))
    assert PersonalLink.objects.get().token_hash not in path

    # A mail scanner (or the person) opens the link: a page with a form, and nothing changes, however often.
    visitor = Client()
    for _ in range(3):
        opened = visitor.get(path)
        assert opened.status_code == 200
    page = opened.content.decode()
    assert "Join the team of CASCADE" in page and "Cancer screening in community settings" in page
    assert "as a viewer" in page and page.count('type="submit"') == 1
    assert not User.objects.filter(email="nia@example.org").exists()
    assert PersonalLink.objects.get().used_at is None

    # Accepting makes the account, adds it to the team, uses the link up and signs the person in.
    done = _accept(visitor, path)
    assert done.status_code == 302 and done["Location"] == reverse("project", args=[project.pk])
    user = User.objects.get(email="nia@example.org")
    assert user.full_name == "Nia Newcomer" and user.check_password(PASSWORD)
    assert Membership.objects.get(project=project, user=user).role == Role.VIEWER
    assert int(visitor.session[SESSION_KEY]) == user.pk
    invitation = Invitation.objects.get()
    assert invitation.accepted_at is not None and invitation.link.used_at is not None
    assert "You are on the team of CASCADE as a viewer" in visitor.get(done["Location"]).content.decode()
    assert "Invitations waiting" not in _client(lead).get(reverse("project-team", args=[project.pk])).content.decode()


def test_the_link_cannot_be_used_twice(project, lead, sent, mailoutbox):
    sent(lead, project)
    path = _path(_link(mailoutbox[0]))
    assert _accept(Client(), path).status_code == 302
    again = _accept(Client(), path, full_name="Someone Else", password1="another-passphrase-1", password2="x")
    assert again.status_code == 410
    assert "This link has already been used" in again.content.decode()
    assert User.objects.get(email="nia@example.org").full_name == "Nia Newcomer"
    assert Client().get(path).status_code == 410


def test_an_expired_invitation_says_what_to_do(project, lead, sent, mailoutbox):
    sent(lead, project)
    path = _path(_link(mailoutbox[0]))
    past = timezone.now() - datetime.timedelta(minutes=1)
    Invitation.objects.update(expires=past)
    PersonalLink.objects.update(expires=past)
    response = _accept(Client(), path)
    assert response.status_code == 410
    page = response.content.decode()
    assert "This link has expired" in page and "Ask the person who invited you to send a new invitation" in page
    assert not User.objects.filter(email="nia@example.org").exists()
    assert "Invitations waiting" not in _client(lead).get(reverse("project-team", args=[project.pk])).content.decode()


def test_a_revoked_invitation_no_longer_works(project, lead, sent, mailoutbox):
    sent(lead, project)
    path = _path(_link(mailoutbox[0]))
    invitation = Invitation.objects.get()
    response = _client(lead).post(reverse("project-invitation-revoke", args=[project.pk, invitation.pk]), follow=True)
    assert "Invitation to nia@example.org cancelled" in response.content.decode()
    opened = Client().get(path)
    assert opened.status_code == 410 and "This link has been cancelled" in opened.content.decode()
    assert _accept(Client(), path).status_code == 410
    assert not User.objects.filter(email="nia@example.org").exists()


def test_inviting_again_replaces_the_pending_invitation(project, lead, sent, mailoutbox):
    sent(lead, project)
    sent(lead, project, role=Role.LEAD)
    first, second = (_path(_link(m)) for m in mailoutbox)
    assert Client().get(first).status_code == 410
    assert _accept(Client(), second).status_code == 302
    assert Membership.objects.get(project=project, user__email="nia@example.org").role == Role.LEAD


def test_an_existing_account_is_added_at_once_and_told(project, adviser, sent, mailoutbox):
    newcomer = UserFactory(email="nia@example.org", full_name="Nia Newcomer")
    response = sent(adviser, project, email="NIA@example.org ", role=Role.MEMBER)
    assert response.status_code == 302
    assert Membership.objects.get(project=project, user=newcomer).role == Role.MEMBER
    assert not Invitation.objects.exists()
    [message] = mailoutbox
    assert message.to == [newcomer.email] and message.reply_to == [adviser.email]
    assert "Ada Adviser has added you" in message.body
    assert reverse("project", args=[project.pk]) in message.body


def test_a_switched_off_account_is_not_invited(as_user, project, lead):
    UserFactory(email="gone@example.org", is_active=False)
    url = reverse("project-team", args=[project.pk])
    page = as_user(lead).post(url, {"email": "gone@example.org", "role": Role.MEMBER}).content.decode()
    assert "account is switched off" in page
    assert not Invitation.objects.exists()


def test_an_account_made_meanwhile_joins_with_one_button_and_keeps_its_password(project, lead, sent, mailoutbox):
    sent(lead, project)
    path = _path(_link(mailoutbox[0]))
    user = UserFactory(email="nia@example.org")
    opened = Client().get(path)
    page = opened.content.decode()
    assert "Join the team" in page and "You already have an account" in page and "password1" not in page
    assert not Membership.objects.filter(user=user).exists()
    client = Client()
    response = _accept(client, path, password1="x", password2="x")
    assert response["Location"].startswith(reverse("login"))
    assert Membership.objects.filter(project=project, user=user).exists()
    assert SESSION_KEY not in client.session
    user.refresh_from_db()
    assert not user.check_password("x")


def test_password_rules_apply_and_nothing_is_half_made(project, lead, sent, mailoutbox):
    sent(lead, project)
    path = _path(_link(mailoutbox[0]))
    different = _accept(Client(), path, password2="not-the-same-passphrase")
    assert different.status_code == 400
    assert "The two passwords are not the same" in different.content.decode()
    weak = _accept(Client(), path, password1="password", password2="password")
    assert "nhsuk-error-summary" in weak.content.decode() and "too common" in weak.content.decode()
    empty = _accept(Client(), path, full_name="", password1="", password2="").content.decode()
    assert "Enter your full name" in empty and "Choose a password" in empty
    assert not User.objects.filter(email="nia@example.org").exists()
    assert PersonalLink.objects.get().used_at is None
    assert _accept(Client(), path).status_code == 302


def test_a_role_that_needs_two_factor_goes_to_set_it_up(project, lead, sent, mailoutbox, monkeypatch):
    """No project role needs two-factor today; the journey still asks core's rule and would send them to enrol."""
    monkeypatch.setattr("mobilise.projects.views.public.must_enrol", lambda user: True)
    sent(lead, project)
    client = Client()
    response = _accept(client, _path(_link(mailoutbox[0])))
    assert response["Location"] == reverse("login-enrol")
    assert SESSION_KEY not in client.session
    assert client.get(reverse("login-enrol")).status_code == 200


def test_invitations_are_throttled_per_inviter(project, lead, sent, mailoutbox):
    for n in range(services.ADDS_PER_HOUR):
        assert sent(lead, project, email=f"person{n}@example.org").status_code == 302
    refused = sent(lead, project, email="one-too-many@example.org")
    assert refused.status_code == 200
    assert f"You have added or invited {services.ADDS_PER_HOUR} people in the last hour" in refused.content.decode()
    assert not Invitation.objects.filter(email="one-too-many@example.org").exists()
    assert len(mailoutbox) == services.ADDS_PER_HOUR


def test_one_address_cannot_be_flooded_with_invitations(project, lead, adviser, sent, mailoutbox):
    for _ in range(services.INVITES_PER_ADDRESS):
        assert sent(lead, project).status_code == 302
    refused = sent(adviser, project)
    assert "This address has been sent several invitations today" in refused.content.decode()
    assert len(mailoutbox) == services.INVITES_PER_ADDRESS


def test_link_attempts_are_throttled_per_address(project, lead, sent, mailoutbox):
    sent(lead, project)
    path = _path(_link(mailoutbox[0]))
    client = Client(REMOTE_ADDR="10.1.1.1")
    # The first post comes before the browser has its cookie, so is counted apart.
    for _ in range(links.THROTTLE.per_browser + 1):
        client.post(path, {"full_name": "", "password1": "", "password2": ""})
    refused = _accept(client, path)
    assert refused.status_code == 429 and "Too many attempts" in refused.content.decode()
    assert not User.objects.filter(email="nia@example.org").exists()
    assert _accept(Client(REMOTE_ADDR="10.2.2.2"), path).status_code == 302


def test_team_page_queries_do_not_grow_with_invitations(project, lead):
    client = _client(lead)
    counts = []
    for n in (3, 20):
        for i in range(n):
            inviter = MembershipFactory(project=project, role=Role.LEAD).user
            services.add_or_invite(project=project, email=f"p{n}-{i}@example.org", role=Role.MEMBER, by=inviter)
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(reverse("project-team", args=[project.pk])).status_code == 200
        counts.append(len(ctx))
    assert counts[0] == counts[1], counts
