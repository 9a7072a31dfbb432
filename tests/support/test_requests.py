"""A visitor asks for support: the form, checking the answers, the reference and the emailed private link, and
what the requester can do through it; spam and floods kept out without a CAPTCHA."""

import ipaddress
import re

import pytest
from django.core import mail
from django.test import Client, override_settings
from django.urls import reverse

from mobilise.core.forms import started_seconds_ago
from mobilise.core.models import SiteSettings
from mobilise.support.models import EventKind, Need, RequestEvent, Status, SupportRequest

from ..factories import OrganisationFactory, ThemeFactory

FORM = reverse("support:request-form")
CHECK = reverse("support:check")


def answers(**changes):
    data = {
        "name": "Priya Shah",
        "email": "priya@example.org",
        "organisation_name": "Mereshire University",
        "role": "Research fellow",
        "requester_type": "researcher",
        "needs": [Need.PLAN, Need.LOGIC_MODEL],
        "project_title": "Pharmacy checks for people with diabetes",
        "stage": "grant_development",
        "summary": "We want to test whether checks in community pharmacies help people manage diabetes.",
        "consent": "on",
        "started": started_seconds_ago(120),
        "website": "",
    }
    data.update(changes)
    return data


_commit = {}


@pytest.fixture(autouse=True)
def mail_after_commit(django_capture_on_commit_callbacks):
    """Mail is queued when a write commits, and a test's transaction never commits: `post` runs the callbacks."""
    _commit["capture"] = django_capture_on_commit_callbacks


def post(client, url, data=None):
    with _commit["capture"](execute=True):
        return client.post(url, data or {})


def send(client, **changes):
    response = post(client, FORM, answers(**changes))
    if response.status_code != 302:
        return response
    return post(client, CHECK)


@pytest.fixture
def visitor(db):
    SiteSettings.objects.update_or_create(pk=1, defaults={"contact_email": "kmb@hub.example"})
    return Client()


def status_link(message):
    return re.search(r"https?://\S+/support/your-request/\S+/", message.body).group(0)


def test_a_visitor_checks_their_answers_then_gets_a_reference_and_a_private_link(visitor):
    theme = ThemeFactory(name="Diabetes")
    organisation = OrganisationFactory(name="Mereshire University")
    response = visitor.post(FORM, answers(themes=[theme.pk]))
    assert response.status_code == 302 and response["Location"] == CHECK
    assert not SupportRequest.objects.exists()  # nothing is kept before the requester confirms
    check = visitor.get(CHECK).content.decode()
    assert "Pharmacy checks for people with diabetes" in check and "A logic model or theory of change" in check
    assert "Diabetes" in check and "Change" in check

    sent = post(visitor, CHECK)
    assert sent["Location"] == reverse("support:sent")
    support_request = SupportRequest.objects.get()
    assert re.fullmatch(r"KMB-[A-Z2-9]{4}-[A-Z2-9]{4}", support_request.reference)
    assert support_request.organisation == organisation and list(support_request.themes.all()) == [theme]
    assert support_request.needs == [Need.PLAN, Need.LOGIC_MODEL] and support_request.consent_at is not None
    assert support_request.reference in visitor.get(reverse("support:sent")).content.decode()

    to_requester, to_staff = sorted(mail.outbox, key=lambda m: m.to != ["priya@example.org"])
    assert to_requester.to == ["priya@example.org"] and support_request.reference in to_requester.subject
    assert to_requester.reply_to == ["kmb@hub.example"]
    assert to_staff.to == ["kmb@hub.example"]
    assert visitor.post(CHECK)["Location"] == FORM  # sending twice does not make a second request
    assert SupportRequest.objects.count() == 1


def test_every_mistake_is_listed_and_nothing_is_kept(visitor):
    response = send(visitor, name="", needs=[Need.GRANT], consent="", email="not an email")
    page = response.content.decode()
    assert response.status_code == 400
    for message in [
        "Enter your name",
        "Enter a valid email address",
        "Enter the funder of the grant you are applying for",
        "Enter the application deadline",
        "Confirm that you agree to the privacy notice",
    ]:
        assert message in page
    assert "nhsuk-error-summary" in page and not SupportRequest.objects.exists()


def test_a_grant_request_keeps_its_funder_and_deadline(visitor):
    send(
        visitor,
        needs=[Need.GRANT],
        funder="NIHR",
        **{"deadline[day]": "3", "deadline[month]": "2", "deadline[year]": "2027"},
    )
    support_request = SupportRequest.objects.get()
    assert support_request.funder == "NIHR" and str(support_request.deadline) == "2027-02-03"


@pytest.mark.parametrize(
    "trap",
    [{"website": "http://spam.example"}, {"started": "just now"}, {"started": "forged"}, {"started": ""}],
    ids=["honeypot", "too fast", "forged time", "no time"],
)
def test_bots_are_answered_as_if_accepted_and_nothing_is_kept(visitor, trap):
    if trap.get("started") == "just now":
        trap = {"started": started_seconds_ago(0)}
    response = visitor.post(FORM, answers(**trap))
    assert response.status_code == 200 and "Request sent" in response.content.decode()
    assert visitor.post(CHECK)["Location"] == FORM
    assert not SupportRequest.objects.exists() and not mail.outbox


def test_a_flood_from_one_address_is_held_back_with_a_clear_message(visitor):
    """A flood from one machine: a browser that keeps its cookie has its own small allowance, and clients that
    keep none share one allowance for their address; either way no 500, and nothing is kept twice."""
    visitor.get(FORM)  # a browser is given its cookie when it opens the form
    statuses = [send(visitor, name=f"Flood {n}").status_code for n in range(10)]
    assert statuses.count(302) == 5 and set(statuses[5:]) == {429}
    assert "Too many requests have come from your network" in send(visitor).content.decode()
    cookieless = [send(Client(), name=f"Bot {n}").status_code for n in range(20)]
    assert cookieless.count(302) == 5 and set(cookieless[5:]) == {429}
    assert SupportRequest.objects.count() == 10
    assert SupportRequest.objects.values("name").distinct().count() == 10


@override_settings(TRUSTED_PROXIES=[ipaddress.ip_network("10.0.0.1/32")])
def test_people_behind_one_proxy_from_distinct_addresses_are_all_kept(db):
    for n in range(20):
        client = Client(REMOTE_ADDR="10.0.0.1", HTTP_X_REAL_IP=f"192.0.2.{n + 1}")
        assert send(client, name=f"Person {n}").status_code == 302
    assert SupportRequest.objects.count() == 20


def test_the_requester_follows_adds_information_and_withdraws_through_their_link(visitor):
    send(visitor)
    link = status_link(next(m for m in mail.outbox if m.to == ["priya@example.org"]))
    stranger = Client()
    page = stranger.get(link)
    assert page.status_code == 200 and "Received" in page.content.decode()
    assert page["X-Robots-Tag"] == "noindex, nofollow"

    empty = stranger.post(link, {"action": "information", "info-text": ""})
    assert empty.status_code == 400 and "Enter the information you want to add" in empty.content.decode()
    post(stranger, link, {"action": "information", "info-text": "Our deadline moved to June."})
    support_request = SupportRequest.objects.get()
    assert RequestEvent.objects.filter(request=support_request, kind=EventKind.INFORMATION).get().text == (
        "Our deadline moved to June."
    )
    assert "Our deadline moved to June." in stranger.get(link).content.decode()

    stranger.post(link, {"action": "withdraw", "withdraw-reason": "Funding fell through"})
    support_request.refresh_from_db()
    assert support_request.status == Status.WITHDRAWN
    closed = stranger.get(link).content.decode()
    assert "This request is closed" in closed and "Add to your request" not in closed
    stranger.post(link, {"action": "information", "info-text": "Too late"})
    assert not RequestEvent.objects.filter(text="Too late").exists()


def test_information_from_the_requester_ends_the_wait_on_them(visitor):
    send(visitor)
    support_request = SupportRequest.objects.get()
    SupportRequest.objects.filter(pk=support_request.pk).update(status=Status.WAITING)
    link = status_link(next(m for m in mail.outbox if m.to == ["priya@example.org"]))
    Client().post(link, {"action": "information", "info-text": "Here is our draft plan."})
    support_request.refresh_from_db()
    assert support_request.status == Status.ASSESSING


def test_opening_the_link_changes_nothing(visitor):
    send(visitor)
    link = status_link(next(m for m in mail.outbox if m.to == ["priya@example.org"]))
    for _ in range(3):
        Client().get(link)
    assert RequestEvent.objects.count() == 1


def test_a_question_left_unanswered_is_named_in_plain_words(visitor):
    """The messages for the questions whose labels are questions or requests are written out, not derived."""
    response = send(visitor, requester_type="", project_title="", stage="", summary="")
    page = response.content.decode()
    assert response.status_code == 400
    for message in [
        "Select which describes you best",
        "Enter the title of the project",
        "Select the stage the project is at",
        "Tell us about the project",
    ]:
        assert message in page
    assert "Select which describes you best?" not in page and "Enter tell us" not in page
