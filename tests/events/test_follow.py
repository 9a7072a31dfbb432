"""Following a theme: double opt-in through a link that only a button acts on, the announcements of new events and
recordings with their one-click unsubscribe (RFC 8058), the spam traps, erasure and the followers' list."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from mobilise.core import retention, suppression
from mobilise.core.forms import started_seconds_ago
from mobilise.core.models import PersonalLink, RateEvent, Suppression, SuppressionReason
from mobilise.events import follow, services
from mobilise.events.models import EventStatus, Subscription, SubscriptionSource

from ..factories import EventFactory, EventThemeFactory
from ..queries import assert_max_queries

_commit = {}


@pytest.fixture(autouse=True)
def mail_after_commit(django_capture_on_commit_callbacks, settings):
    settings.SITE_URL = "https://webinars.example.org"
    _commit["capture"] = django_capture_on_commit_callbacks


def post(client, url, data=None, **extra):
    with _commit["capture"](execute=True):
        return client.post(url, data if data is not None else {}, **extra)


def ask_to_follow(client, theme, email="sam@example.org", **changes):
    data = {"email": email, "started": started_seconds_ago(60), "website": "", **changes}
    return post(client, reverse("events:follow", args=[theme.slug]), data)


def path_in(message, name):
    found = re.search(rf"https://webinars\.example\.org(/events/follow/{name}/[^/\s]+/)", message.body)
    return found.group(1)


def confirmed_follower(client, theme, email="sam@example.org"):
    ask_to_follow(client, theme, email)
    post(client, path_in(mail.outbox[-1], "confirm"))
    mail.outbox.clear()
    return Subscription.objects.get(theme=theme, email=email)


def publish_new_event(theme):
    event = EventFactory(theme=theme, status=EventStatus.DRAFT)
    with _commit["capture"](execute=True):
        services.publish(event=event)
    return event


@pytest.fixture
def theme(db):
    return EventFactory().theme


def test_following_takes_a_confirmation_by_button(client, theme):
    response = ask_to_follow(client, theme)
    assert response.status_code == 302
    subscription = Subscription.objects.get(theme=theme)
    assert subscription.confirmed_at is None
    [message] = mail.outbox
    assert "Please confirm" in message.subject and message.to == ["sam@example.org"]
    confirm = path_in(message, "confirm")
    # A mail scanner opens the link: a page with one button, and nothing confirmed.
    for _ in range(2):
        page = client.get(confirm)
        assert page.status_code == 200 and b"Confirm" in page.content
    subscription.refresh_from_db()
    assert subscription.confirmed_at is None
    assert client.post(confirm).status_code == 302
    subscription.refresh_from_db()
    assert subscription.confirmed_at is not None
    assert client.get(confirm).status_code == 410  # used once


def test_an_unconfirmed_address_is_sent_no_announcements(client, theme):
    ask_to_follow(client, theme)
    mail.outbox.clear()
    publish_new_event(theme)
    assert mail.outbox == []


def test_followers_hear_of_each_new_event_once_with_one_click_unsubscribe(client, theme):
    confirmed_follower(client, theme)
    event = publish_new_event(theme)
    [message] = mail.outbox
    assert message.subject == f"New webinar: {event.title}"
    url = re.search(r"<(https://[^>]+)>", message.extra_headers["List-Unsubscribe"]).group(1)
    assert url.startswith("https://webinars.example.org/events/follow/unsubscribe/")
    assert "<mailto:kmb@example.org?subject=Unsubscribe%20from%20" in message.extra_headers["List-Unsubscribe"]
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert url in message.body
    assert message.message()["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    follow.announce_published(event)  # a second publish of the same event (a retry) sends nothing
    assert len(mail.outbox) == 1


def test_no_mailto_without_a_contact_address(client, theme):
    from mobilise.core.models import SiteSettings

    SiteSettings.objects.update_or_create(pk=1, defaults={"contact_email": ""})
    confirmed_follower(client, theme)
    publish_new_event(theme)
    assert "mailto:" not in mail.outbox[0].extra_headers["List-Unsubscribe"]


def test_followers_hear_when_a_public_recording_appears(client, theme):
    confirmed_follower(client, theme)
    past = EventFactory(theme=theme, start=timezone.now() - timedelta(days=1))
    with _commit["capture"](execute=True):
        services.mark_held(
            event=past, recording_url="https://video.example.org/1", slides_url="", materials_public=False
        )
    assert mail.outbox == []  # only registrants may see it
    other = EventFactory(theme=theme, start=timezone.now() - timedelta(days=2))
    with _commit["capture"](execute=True):
        services.mark_held(
            event=other, recording_url="https://video.example.org/2", slides_url="", materials_public=True
        )
    [message] = mail.outbox
    assert message.subject == f"Watch again: {other.title}"
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


def unsubscribe_url(message):
    return re.search(r"<https://webinars\.example\.org([^>]+)>", message.extra_headers["List-Unsubscribe"]).group(1)


def test_one_click_unsubscribe_needs_no_csrf_token_and_erases_the_address(theme, client):
    from django.test import Client

    subscription = confirmed_follower(client, theme)
    publish_new_event(theme)
    url = unsubscribe_url(mail.outbox[0])
    strict = Client(enforce_csrf_checks=True)
    # Opening the link changes nothing.
    assert strict.get(url).status_code == 200
    subscription.refresh_from_db()
    assert subscription.erased_at is None
    # Any other body changes nothing.
    assert strict.post(url, {"List-Unsubscribe": "Yes"}).status_code == 400
    assert strict.post(url, {"List-Unsubscribe": "One-Click", "more": "1"}).status_code == 400
    subscription.refresh_from_db()
    assert subscription.erased_at is None
    response = strict.post(url, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded")
    assert response.status_code == 200
    subscription.refresh_from_db()
    assert subscription.unsubscribed_at is not None and subscription.erased_at is not None
    assert "sam@example.org" not in subscription.email  # erased; the row stays for the counts
    # Posted again (a mail program retrying), and opened again: still fine, still said.
    assert strict.post(url, {"List-Unsubscribe": "One-Click"}).status_code == 200
    assert b"unsubscribed" in strict.get(url).content
    mail.outbox.clear()
    publish_new_event(theme)
    assert mail.outbox == []


def test_one_click_works_as_multipart_form_data(theme, client):
    subscription = confirmed_follower(client, theme)
    publish_new_event(theme)
    from django.test import Client

    assert Client(enforce_csrf_checks=True).post(unsubscribe_url(mail.outbox[0]), {"List-Unsubscribe": "One-Click"})
    subscription.refresh_from_db()
    assert subscription.erased_at is not None


def test_a_valid_one_click_post_gets_past_a_busy_network(theme, client, settings):
    confirmed_follower(client, theme)
    publish_new_event(theme)
    url = unsubscribe_url(mail.outbox[0])
    from mobilise.core import links

    for _ in range(links.THROTTLE.per_address + 1):
        RateEvent.objects.create(scope=f"{links.THROTTLE.scope}:all", key="127.0.0.1")
    assert client.post(url, {"List-Unsubscribe": "One-Click"}).status_code == 200
    assert client.post("/events/follow/unsubscribe/guess/", {"List-Unsubscribe": "One-Click"}).status_code == 429


def test_an_unknown_unsubscribe_token_is_404(client, db):
    assert client.get("/events/follow/unsubscribe/nothing/").status_code == 404
    assert client.post("/events/follow/unsubscribe/nothing/", {"List-Unsubscribe": "One-Click"}).status_code == 404


def test_stop_all_emails_suppresses_the_address_and_drops_every_theme(client, theme):
    other = EventFactory().theme
    confirmed_follower(client, theme)
    confirmed_follower(client, other)
    publish_new_event(theme)
    path = unsubscribe_url(mail.outbox[0]) + "everything/"
    assert client.get(path).status_code == 200
    assert not Suppression.objects.exists()
    assert client.post(path).status_code == 200
    assert Suppression.objects.get().reason == SuppressionReason.UNSUBSCRIBED
    assert not Subscription.objects.filter(erased_at__isnull=True).exists()


def test_following_again_after_stopping_everything_lifts_the_stop(client, theme):
    suppression.suppress("sam@example.org", reason=SuppressionReason.UNSUBSCRIBED)
    ask_to_follow(client, theme)
    [message] = mail.outbox  # asked for this minute: it goes
    post(client, path_in(message, "confirm"))
    assert not Suppression.objects.exists()
    suppression.suppress("sam@example.org", reason=SuppressionReason.BOUNCED)
    mail.outbox.clear()
    publish_new_event(theme)
    assert mail.outbox == []


def test_a_bounced_address_is_not_even_sent_the_confirmation(client, theme):
    suppression.suppress("Sam@Example.org", reason=SuppressionReason.BOUNCED)
    assert ask_to_follow(client, theme).status_code == 302  # the page says the same
    assert mail.outbox == []


def test_the_registration_box_asks_for_a_confirmation_too(client, theme):
    event = theme.events.first()
    data = {"name": "Sam", "email": "sam@example.org", "consent_theme_updates": "on"}
    data |= {"started": started_seconds_ago(60), "website": ""}
    post(client, reverse("events:register", args=[event.slug]), data)
    subscription = Subscription.objects.get(theme=theme)
    assert subscription.source == SubscriptionSource.REGISTRATION and subscription.confirmed_at is None
    assert any("Please confirm" in m.subject for m in mail.outbox)
    # Registering again for another event of the theme, once following: nothing more to confirm.
    post(client, path_in(next(m for m in mail.outbox if "Please confirm" in m.subject), "confirm"))
    mail.outbox.clear()
    second = EventFactory(theme=theme)
    post(client, reverse("events:register", args=[second.slug]), {**data, "started": started_seconds_ago(60)})
    assert not any("Please confirm" in m.subject for m in mail.outbox)


def test_bots_are_answered_alike_and_nothing_is_kept(client, theme):
    assert ask_to_follow(client, theme, website="http://spam.example").status_code == 302
    assert ask_to_follow(client, theme, started=started_seconds_ago(0)).status_code == 302
    assert not Subscription.objects.exists() and mail.outbox == []


def test_a_bad_address_is_named_and_nothing_is_kept(client, theme):
    response = ask_to_follow(client, theme, email="not an address")
    assert response.status_code == 400 and b"There is a problem" in response.content
    assert not Subscription.objects.exists()


def test_the_form_is_throttled(client, theme, settings):
    for n in range(follow_throttle().per_browser):
        assert ask_to_follow(client, theme, email=f"p{n}@example.org").status_code == 302
    assert ask_to_follow(client, theme, email="late@example.org").status_code == 429
    assert not Subscription.objects.filter(email="late@example.org").exists()


def follow_throttle():
    from mobilise.events.views.follow import THROTTLE

    return THROTTLE


def test_one_address_gets_few_confirmations_however_many_ask(client, theme):
    for _ in range(follow.CONFIRMATIONS_PER_DAY + 2):
        ask_to_follow(client, theme)
    assert len(mail.outbox) == follow.CONFIRMATIONS_PER_DAY
    assert Subscription.objects.count() == 1


def test_the_follow_form_is_on_the_programme_event_and_theme_pages(client, theme):
    event = theme.events.first()
    action = f'action="{reverse("events:follow", args=[theme.slug])}"'.encode()
    for path in ("/events/", f"/events/{event.slug}/", f"/events/themes/{theme.slug}/"):
        assert action in client.get(path).content, path


def test_a_theme_of_drafts_alone_has_no_page(client, db):
    draft = EventFactory(status=EventStatus.DRAFT)
    assert client.get(f"/events/themes/{draft.theme.slug}/").status_code == 404
    assert client.get(f"/events/themes/{EventThemeFactory().slug}/").status_code == 404


def test_staff_erase_a_follower(as_user, adviser, client, theme):
    subscription = confirmed_follower(client, theme)
    staff = as_user(adviser)
    page = staff.get(reverse("events:followers", args=[theme.pk]))
    assert b"sam@example.org" in page.content
    staff.post(reverse("events:erase-follower", args=[theme.pk, subscription.pk]))
    subscription.refresh_from_db()
    assert subscription.erased_at is not None and subscription.unsubscribed_at is None
    assert not PersonalLink.objects.filter(object_id=subscription.pk, revoked_at__isnull=True).exists()
    assert b"sam@example.org" not in staff.get(reverse("events:followers", args=[theme.pk])).content


def test_retention_erases_unconfirmed_and_finished_subscriptions(client, theme):
    fresh = Subscription.objects.create(theme=theme, email="new@example.org")
    old = Subscription.objects.create(
        theme=theme, email="old@example.org", created=timezone.now() - timedelta(days=follow.CONFIRM_DAYS + 1)
    )
    following = Subscription.objects.create(
        theme=theme, email="f@example.org", confirmed_at=timezone.now(), created=timezone.now() - timedelta(days=900)
    )
    retention.erase_expired()
    for s in (fresh, old, following):
        s.refresh_from_db()
    assert old.erased_at is not None
    assert fresh.erased_at is None and following.erased_at is None  # the theme has an event to come
    theme.events.update(start=timezone.now() - timedelta(days=800))
    retention.erase_expired()
    following.refresh_from_db()
    assert following.erased_at is not None


def test_the_followers_list_keeps_its_queries(as_user, adviser, theme):
    staff = as_user(adviser)
    url = reverse("events:followers", args=[theme.pk])
    Subscription.objects.create(theme=theme, email="a@example.org", confirmed_at=timezone.now())
    staff.get(url)
    with assert_max_queries(9):
        staff.get(url)
    for n in range(20):
        Subscription.objects.create(theme=theme, email=f"x{n}@example.org", confirmed_at=timezone.now())
    with assert_max_queries(9):
        staff.get(url)


def test_announcements_keep_their_queries_per_follower(client, theme):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def run(event):
        with CaptureQueriesContext(connection) as queries:
            follow.send_announcement(event, follow.PUBLISHED_KIND)
        return len(queries)

    confirmed_follower(client, theme, "one@example.org")
    few = run(theme.events.first())
    for n in range(3):
        confirmed_follower(client, theme, f"more{n}@example.org")
    many = run(theme.events.first())
    assert (many - few) / 3 <= (few - 2)  # a fixed cost per follower, nothing growing with the list


def test_staff_pages_are_staff_only(as_user, member, theme):
    assert as_user(member).get(reverse("events:followers", args=[theme.pk])).status_code == 404
