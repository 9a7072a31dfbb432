"""Every programme page, for every persona: the public pages are open to all; drafts, registrants and every staff
page are the advisers' and administrators' only (404 for everyone else); a registrant's own page opens only
through their personal link."""

from datetime import timedelta
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone

from mobilise.core import links
from mobilise.events import follow, seats
from mobilise.events.models import AttendanceUpload, EventStatus, Format, RegistrationStatus, Subscription

from ..factories import EventFactory, EventThemeFactory, RegistrationFactory
from ..permissions import PUBLIC, Url, check_every_persona, names_in, when_allowed

SAMPLES = Path(__file__).parent / "samples"
STAFF = {"adviser": 200, "lead": 404, "member": 404, "viewer": 404, "outsider": 404}
NOBODY = dict.fromkeys(PUBLIC, 404)
URLS = [
    Url("events:programme", (), PUBLIC),
    Url("events:feed", (), PUBLIC),
    Url("events:past", (), PUBLIC),
    Url("events:event", ("slug",), PUBLIC),
    Url("events:event", ("draft_slug",), NOBODY),
    Url("events:calendar", ("slug",), PUBLIC),
    Url("events:register", ("slug",), PUBLIC, "post"),  # an empty post is a bot: it looks accepted
    Url("events:registered", ("slug",), dict.fromkeys(PUBLIC, 302)),
    Url("events:registration", ("token",), PUBLIC),
    Url("events:manage", (), STAFF),
    Url("events:new-theme", (), STAFF),
    Url("events:edit-theme", ("theme",), STAFF),
    Url("events:new-event", (), STAFF),
    Url("events:manage-event", ("event",), STAFF),
    Url("events:manage-event", ("draft",), STAFF),
    Url("events:edit-event", ("event",), STAFF),
    Url("events:duplicate", ("event",), STAFF),
    Url("events:message", ("event",), STAFF),
    Url("events:message", ("event",), when_allowed(STAFF, 400), "post"),
    Url("events:export", ("event", "csv"), STAFF),
    Url("events:export", ("event", "xlsx"), STAFF),
    Url("events:change-status", ("draft", "publish"), STAFF),
    Url("events:change-status", ("draft", "publish"), when_allowed(STAFF, 302), "post"),
    Url("events:change-status", ("event", "cancel"), STAFF),
    Url("events:promote", ("event", "waiting"), when_allowed(STAFF, 302), "post"),
    Url("events:theme", ("theme_slug",), PUBLIC),
    Url("events:theme", ("draft_theme_slug",), NOBODY),
    Url("events:follow", ("theme_slug",), dict.fromkeys(PUBLIC, 302), "post"),  # an empty post is a bot
    Url("events:follow-confirm", ("confirm_token",), PUBLIC),
    Url("events:unsubscribe", ("unsubscribe_token",), PUBLIC),
    Url("events:unsubscribe", ("unsubscribe_token",), PUBLIC, "post", {"List-Unsubscribe": "One-Click"}),
    Url("events:stop-everything", ("unsubscribe_token",), PUBLIC),
    Url("events:followers", ("theme",), STAFF),
    Url("events:erase-follower", ("theme", "follower"), STAFF),
    Url("events:erase-follower", ("theme", "follower"), when_allowed(STAFF, 302), "post"),
    Url("events:attendance", ("past",), STAFF),
    Url("events:attendance", ("past",), when_allowed(STAFF, 400), "post"),
    Url("events:attendance-confirm", ("past", "upload"), STAFF),
    Url("events:attendance-confirm", ("past", "upload"), when_allowed(STAFF, 302), "post"),
    Url("events:follow-up", ("past",), STAFF),
    Url("events:follow-up", ("past",), when_allowed(STAFF, 302), "post"),
    Url("events:event-figures", ("past",), STAFF),
    Url("events:event-figures-export", ("past",), STAFF),
    Url("events:theme-figures", ("theme",), STAFF),
    Url("events:theme-figures-export", ("theme",), STAFF),
    Url("events:check-in", ("in_person", "in_person_registrant"), when_allowed(STAFF, 302), "post"),
    Url("events:materials", ("event",), STAFF),
    Url("events:materials", ("event",), when_allowed(STAFF, 302), "post"),  # nothing chosen: nothing changes
    Url("events:material-file", ("draft", "slides"), STAFF),  # staff check a file before publishing
    Url("events:file", ("past_slug", "slides"), PUBLIC),
    Url("events:file", ("draft_slug", "slides"), NOBODY),  # a draft's files are nobody's
    Url("events:registration-file", ("past_token", "slides"), PUBLIC),
]


@pytest.fixture
def objects(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    event = EventFactory(capacity=1)
    RegistrationFactory(event=event)
    waiting = RegistrationFactory(event=event, status=RegistrationStatus.WAITING, waiting_position=1)
    draft = EventFactory(status=EventStatus.DRAFT, theme=event.theme)
    token = links.make_link(seats.REGISTRATION_LINK, waiting, expires=None, once=False).token
    follower = Subscription.objects.create(theme=event.theme, email="sam@example.org", confirmed_at=timezone.now())
    draft_theme = EventFactory(status=EventStatus.DRAFT).theme
    past = EventFactory(theme=event.theme, status=EventStatus.HELD, start=timezone.now() - timedelta(days=1))
    upload = AttendanceUpload.objects.create(
        event=past, filename="t.csv", content=(SAMPLES / "teams_attendance.csv").read_bytes()
    )
    in_person = EventFactory(theme=event.theme, format=Format.IN_PERSON, venue="1 High St", start=past.start)
    for shown in (past, draft):
        shown.slides_file.save("slides.pdf", ContentFile(b"%PDF-1.4 slides"))
        shown.slides_name, shown.materials_public = "slides.pdf", True
        shown.save()
    attendee = RegistrationFactory(event=past)
    return {
        "theme_slug": event.theme.slug,
        "draft_theme_slug": draft_theme.slug,
        "follower": follower,
        "confirm_token": links.make_link(follow.CONFIRM_LINK, follower).token,
        "unsubscribe_token": links.make_link(follow.UNSUBSCRIBE_LINK, follower, expires=None, once=False).token,
        "past": past,
        "past_slug": past.slug,
        "past_token": links.make_link(seats.REGISTRATION_LINK, attendee, expires=None, once=False).token,
        "upload": upload,
        "in_person": in_person,
        "in_person_registrant": RegistrationFactory(event=in_person),
        "event": event,
        "slug": event.slug,
        "draft": draft,
        "draft_slug": draft.slug,
        "theme": event.theme,
        "waiting": waiting,
        "token": token,
    }


@pytest.mark.parametrize("url", URLS, ids=str)
def test_url_by_persona(request, objects, url):
    check_every_persona(url, objects, request)


def test_the_table_has_every_url():
    assert names_in("mobilise.events.urls") == {url.name for url in URLS}


def test_an_administrator_manages_the_programme(client, db):
    from ..factories import UserFactory

    client.force_login(UserFactory(is_staff=True))
    assert client.get("/events/manage/").status_code == 200


def test_a_token_for_another_purpose_opens_nothing(client, objects):
    other = links.make_link("invitation", objects["waiting"]).token
    assert client.get(f"/events/your-registration/{other}/").status_code == 404


def test_an_outsider_gets_404_for_another_events_registrant(as_user, adviser, objects):
    other = RegistrationFactory(status=RegistrationStatus.WAITING, waiting_position=1)
    url = f"/events/manage/{objects['event'].pk}/registrants/{other.pk}/promote/"
    assert as_user(adviser).post(url).status_code == 404


def test_theme_slug_is_unused(objects):
    assert EventThemeFactory().slug != objects["theme"].slug
