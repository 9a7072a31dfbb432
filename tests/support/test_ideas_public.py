"""A visitor shares an idea through "Get involved": the plain-English page, the form, checking the answers, the
reference and the emailed private link, and what the sender can do through it; spam and floods kept out without a
CAPTCHA, as for requests for support."""

import re

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from mobilise.core.forms import started_seconds_ago
from mobilise.core.models import SiteSettings
from mobilise.outputs.readability import analyse
from mobilise.support.content import GET_INVOLVED
from mobilise.support.models import Idea, IdeaEvent, IdeaEventKind, IdeaStage, IdeaStatus

FORM = reverse("support:idea-form")
CHECK = reverse("support:idea-check")


def answers(**changes):
    data = {
        "title": "Walk and talk",
        "problem": "Men over 60 in our town rarely talk to anyone about their mood.",
        "idea": "Weekly guided walks where men can talk, led by trained volunteers.",
        "who_benefits": "Older men who live alone, and their families.",
        "evidence": "Twelve men came to our first two walks.",
        "stage": IdeaStage.TRIED,
        "help_wanted": "How to find out if it works.",
        "name": "Sam Okoro",
        "email": "sam@example.org",
        "organisation_name": "Vale Men's Shed",
        "consent": "on",
        "started": started_seconds_ago(120),
        "website": "",
    }
    data.update(changes)
    return data


@pytest.fixture
def visitor(db):
    SiteSettings.objects.update_or_create(pk=1, defaults={"contact_email": "kmb@hub.example"})
    return Client()


@pytest.fixture
def post(django_capture_on_commit_callbacks):
    """Mail is queued when a write commits: run the callbacks, as the task queue would after the commit."""

    def posting(client, url, data=None):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(url, data or {})

    return posting


@pytest.fixture
def send(post):
    def sending(client, **changes):
        response = post(client, FORM, answers(**changes))
        return response if response.status_code != 302 else post(client, CHECK)

    return sending


def status_link(message):
    return re.search(r"https?://\S+/support/your-idea/\S+/", message.body).group(0)


def test_the_get_involved_page_reads_at_about_ninth_grade(client, db):
    texts = [heading for heading, _ in GET_INVOLVED if heading] + [p for _, ps in GET_INVOLVED for p in ps]
    result = analyse(" ".join(t if t.endswith((".", "?")) else t + "." for t in texts), target_grade=9)
    assert result["grade"] <= 9, result["fixes"]
    page = client.get(reverse("get-involved")).content.decode()
    assert GET_INVOLVED[0][1][0] in page and FORM in page and reverse("privacy") in page


def test_the_home_page_and_the_footer_invite_ideas(client, db):
    page = client.get(reverse("dashboard")).content.decode()
    assert page.count(f'href="{reverse("get-involved")}"') >= 2  # on the page and in the footer


def test_a_visitor_checks_their_answers_then_gets_a_reference_and_a_private_link(visitor, post):
    response = visitor.post(FORM, answers())
    assert response.status_code == 302 and response["Location"] == CHECK
    assert not Idea.objects.exists()  # nothing is kept before the sender confirms
    check = visitor.get(CHECK).content.decode()
    assert "Check your answers before sending your idea" in check and "Walk and talk" in check
    assert "We have tried it on a small scale" in check and "Change" in check

    assert post(visitor, CHECK)["Location"] == reverse("support:idea-sent")
    idea = Idea.objects.get()
    assert re.fullmatch(r"IDEA-[A-Z2-9]{4}-[A-Z2-9]{4}", idea.reference)
    assert idea.consent_at is not None and idea.status == IdeaStatus.RECEIVED and idea.stage == IdeaStage.TRIED
    assert idea.organisation_name == "Vale Men's Shed" and idea.evidence == "Twelve men came to our first two walks."
    sent = visitor.get(reverse("support:idea-sent")).content.decode()
    assert idea.reference in sent and "Idea sent" in sent

    to_sender, to_staff = sorted(mail.outbox, key=lambda m: m.to != ["sam@example.org"])
    assert to_sender.to == ["sam@example.org"] and idea.reference in to_sender.subject
    assert "Walk and talk" in to_sender.body and "/support/your-idea/" in to_sender.body
    assert to_sender.reply_to == ["kmb@hub.example"]
    assert to_staff.to == ["kmb@hub.example"] and reverse("support:idea", args=[idea.pk]) in to_staff.body
    assert visitor.post(CHECK)["Location"] == FORM  # sending twice does not make a second idea
    assert Idea.objects.count() == 1


def test_every_mistake_is_listed_and_nothing_is_kept(visitor, send):
    response = send(visitor, title="", problem="", stage="", consent="", email="not an email", idea="x" * 5001)
    page = response.content.decode()
    assert response.status_code == 400 and "nhsuk-error-summary" in page
    for message in [
        "Enter a valid email address",
        "Confirm that you agree to the privacy notice",
        "Ensure this value has at most 5000 characters",
    ]:
        assert message in page
    assert page.count("nhsuk-error-message") >= 6
    assert not Idea.objects.exists() and not mail.outbox


@pytest.mark.parametrize(
    "trap",
    [{"website": "http://spam.example"}, {"started": "just now"}, {"started": "forged"}, {"started": ""}],
    ids=["honeypot", "too fast", "forged time", "no time"],
)
def test_bots_are_answered_as_if_accepted_and_nothing_is_kept(visitor, trap):
    if trap.get("started") == "just now":
        trap = {"started": started_seconds_ago(0)}
    response = visitor.post(FORM, answers(**trap))
    assert response.status_code == 200 and "Idea sent" in response.content.decode()
    assert visitor.post(CHECK)["Location"] == FORM
    assert not Idea.objects.exists() and not mail.outbox


def test_a_flood_from_one_address_is_held_back_with_a_clear_message(visitor, send):
    visitor.get(FORM)  # a browser is given its cookie when it opens the form
    statuses = [send(visitor, name=f"Flood {n}").status_code for n in range(8)]
    assert statuses.count(302) == 5 and set(statuses[5:]) == {429}
    assert "Too many ideas have come from your network" in send(visitor).content.decode()
    assert Idea.objects.count() == 5


def test_the_sender_follows_adds_information_and_withdraws_through_their_link(visitor, send, post):
    send(visitor)
    link = status_link(next(m for m in mail.outbox if m.to == ["sam@example.org"]))
    stranger = Client()
    page = stranger.get(link)
    assert page.status_code == 200 and page["X-Robots-Tag"] == "noindex, nofollow"
    assert "Walk and talk" in page.content.decode() and "Received" in page.content.decode()

    empty = stranger.post(link, {"action": "information", "info-text": ""})
    assert empty.status_code == 400 and "Enter the information you want to add" in empty.content.decode()
    idea = Idea.objects.get()
    Idea.objects.filter(pk=idea.pk).update(status=IdeaStatus.WAITING)
    post(stranger, link, {"action": "information", "info-text": "We now walk twice a week."})
    idea.refresh_from_db()
    assert idea.status == IdeaStatus.REVIEWING  # information ends the wait on the sender
    assert IdeaEvent.objects.get(idea=idea, kind=IdeaEventKind.INFORMATION).text == "We now walk twice a week."
    assert "We now walk twice a week." in stranger.get(link).content.decode()

    stranger.post(link, {"action": "withdraw", "withdraw-reason": "We found a partner"})
    idea.refresh_from_db()
    assert idea.status == IdeaStatus.WITHDRAWN and idea.closed_at is not None
    closed = stranger.get(link).content.decode()
    assert "This idea is closed" in closed and "Add to your idea" not in closed
    stranger.post(link, {"action": "information", "info-text": "Too late"})
    assert not IdeaEvent.objects.filter(text="Too late").exists()


def test_opening_the_link_changes_nothing(visitor, send):
    send(visitor)
    link = status_link(next(m for m in mail.outbox if m.to == ["sam@example.org"]))
    for _ in range(3):
        Client().get(link)
    assert IdeaEvent.objects.count() == 1


def test_a_request_link_does_not_open_an_idea(visitor, send):
    send(visitor)
    token = status_link(next(m for m in mail.outbox if m.to == ["sam@example.org"])).rstrip("/").rsplit("/", 1)[1]
    assert Client().get(reverse("support:status", args=[token])).status_code == 404


@pytest.mark.parametrize(
    "route, names",
    [
        ("/support/ask/", ("request-form", "check", "sent")),
        ("/support/share-an-idea/", ("idea-form", "idea-check", "idea-sent")),
    ],
)
def test_each_journey_has_its_form_check_and_sent_pages_under_its_own_route(route, names):
    pages = [reverse(f"support:{name}") for name in names]
    assert pages == [route, route + "check/", route + "sent/"]
