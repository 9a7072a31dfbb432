"""A support case in a real browser: an adviser assesses a request from the queue, accepts it with an email they
edit, logs advice with a next step and starts the project from the case; the requester opens the invitation from
the email, makes an account and lands on the project, whose home shows its support history. axe-core (and the Nu
HTML Checker) on each page."""

import datetime
import re

import pytest
from django.conf import settings
from django.utils import timezone
from playwright.sync_api import expect

from mobilise.projects.models import Membership, Role
from mobilise.support.models import AdviceEntry, Status
from mobilise.support.rubric import REQUEST_CRITERIA as CRITERIA
from tests.factories import SupportRequestFactory

from .helpers import assert_accessible, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _link(live_server, message, path):
    url = re.search(rf"https?://\S+/{path}/\S+/", message.body).group(0)
    return live_server.url + url.removeprefix(settings.SITE_URL.rstrip("/"))


def test_an_adviser_runs_a_case_and_the_requester_joins_its_project(page, live_server, adviser, mailoutbox):
    support_request = SupportRequestFactory(
        name="Dr Hannah Field", email="hannah@example.org", project_title="Peer support for new mothers"
    )
    sign_in(page, live_server, adviser)
    page.get_by_role("link", name="Support", exact=True).click()
    assert_accessible(page)
    page.get_by_role("link", name=support_request.reference).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Peer support for new mothers")
    assert_accessible(page)

    page.get_by_role("link", name="Assess this request").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Needs assessment")
    assert_accessible(page)
    for _, question, _ in CRITERIA:
        page.get_by_role("group", name=question).get_by_label("Yes", exact=True).check()
    page.get_by_label("Comment on equity (optional)").fill("Aims at mothers least likely to ask for help.")
    page.get_by_role("button", name="Save assessment").click()
    expect(page.locator(".nhsuk-notification-banner--success")).to_contain_text("Your assessment is saved")
    expect(page.get_by_text("Aims at mothers least likely to ask for help.")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Accept", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Accept the request")
    assert_accessible(page)
    page.get_by_label("Email to the requester").fill("Dear Hannah,\n\nWe can help. I will call you on Monday.")
    page.get_by_role("button", name="Send email and change status").click()
    expect(page.locator(".nhsuk-notification-banner--success")).to_contain_text("Accepted")
    (accepted,) = [m for m in mailoutbox if m.to == ["hannah@example.org"]]
    assert "I will call you on Monday." in accepted.body
    support_request.refresh_from_db()
    assert support_request.status == Status.ACCEPTED

    page.get_by_role("link", name="see the support case").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Peer support for new mothers")
    assert_accessible(page)
    due = timezone.localdate() + datetime.timedelta(days=7)
    page.get_by_role("group", name="What kind of advice").get_by_label("Meeting").check()
    page.get_by_label("Time spent (minutes)").fill("90")
    page.get_by_label("Notes").fill("Talked through who the trial's findings are for.")
    page.get_by_label("Next step (optional)").fill("Send the plan template")
    when = page.get_by_role("group", name="Next step due")
    when.get_by_label("Day").fill(str(due.day))
    when.get_by_label("Month").fill(str(due.month))
    when.get_by_label("Year").fill(str(due.year))
    page.get_by_role("button", name="Log advice").click()
    expect(page.locator(".nhsuk-notification-banner--success")).to_contain_text("Advice logged")
    expect(page.get_by_text("1.5 hours in all")).to_be_visible()
    assert_accessible(page)
    assert AdviceEntry.objects.get().next_step_due == due

    page.get_by_label("Short title of the new project").fill("PEER")
    page.get_by_role("button", name="Start the project").click()
    expect(page.locator(".nhsuk-notification-banner--success")).to_contain_text("Dr Hannah Field is invited")
    expect(page.get_by_role("link", name="Peer support for new mothers")).to_be_visible()
    assert_accessible(page)

    page.context.clear_cookies()
    invitation = next(m for m in mailoutbox if m.to == ["hannah@example.org"] and "/invitations/" in m.body)
    page.goto(_link(live_server, invitation, "invitations"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Join the team of PEER")
    assert_accessible(page)
    page.get_by_label("Your full name").fill("Hannah Field")
    page.get_by_label("Choose a password").fill("a-long-and-fresh-passphrase")
    page.get_by_label("Type the password again").fill("a-long-and-fresh-passphrase")
    page.get_by_role("button", name="Create your account and join").click()
    expect(page.locator(".nhsuk-notification-banner--success")).to_contain_text("You are on the team of PEER")
    support = page.locator("#support + .app-table-scroll table")
    expect(page.get_by_role("heading", name="Support from Mereshire Health Innovation Network")).to_be_visible()
    expect(support).to_contain_text(adviser.full_name)
    expect(support.get_by_role("link")).to_have_count(0)  # the case page is the advisers' own
    assert_accessible(page)
    membership = Membership.objects.get(user__email="hannah@example.org")
    assert membership.role == Role.LEAD and membership.project.short_title == "PEER"
