"""Personal links (core/links.py): unguessable, stored as a hash, for one purpose, expiring, one-time, revocable,
and safe against mail scanners: a GET shows a page and changes nothing; only a POST acts."""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.sessions.backends.db import SessionStore
from django.http import HttpResponse
from django.test import RequestFactory
from django.utils import timezone

from mobilise.core import links
from mobilise.core.models import PersonalLink, RateEvent

from ..factories import ProjectFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_a_link_leads_to_its_object_and_only_its_hash_is_stored():
    project = ProjectFactory()
    issued = links.make_link("test", project)
    assert len(issued.token) >= 43
    stored = PersonalLink.objects.get()
    assert issued.token not in {stored.token_hash, str(stored.pk)}
    resolution = links.resolve(issued.token, "test")
    assert resolution.problem is None and resolution.obj == project
    assert links.make_link("test", project).token != issued.token


@pytest.mark.parametrize("token", ["", "nonsense", "x" * 5000])
def test_an_unknown_token_is_unknown(token):
    links.make_link("test", ProjectFactory())
    resolution = links.resolve(token, "test")
    assert resolution.problem == links.Problem.UNKNOWN and resolution.obj is None


def test_a_link_to_something_deleted_is_unknown():
    project = ProjectFactory()
    issued = links.make_link("test", project)
    project.delete()
    assert links.resolve(issued.token, "test").problem == links.Problem.UNKNOWN
    assert links.use(issued.link) == links.Problem.UNKNOWN


def test_a_token_is_unknown_for_another_purpose():
    issued = links.make_link("invitation", ProjectFactory())
    assert links.resolve(issued.token, "workshop-reply").problem == links.Problem.UNKNOWN


def test_a_link_expires():
    issued = links.make_link("test", ProjectFactory(), expires=datetime.timedelta(days=2))
    assert links.resolve(issued.token, "test").problem is None
    PersonalLink.objects.update(expires=timezone.now() - datetime.timedelta(seconds=1))
    assert links.resolve(issued.token, "test").problem == links.Problem.EXPIRED
    forever = links.make_link("test", ProjectFactory(), expires=None)
    assert forever.link.expires is None and links.resolve(forever.token, "test").problem is None


def test_a_one_time_link_is_used_up_and_reading_it_changes_nothing():
    issued = links.make_link("test", ProjectFactory())
    for _ in range(3):
        links.resolve(issued.token, "test")
    assert PersonalLink.objects.get().used_at is None
    assert links.use(issued.link) is None
    assert PersonalLink.objects.get().used_at is not None
    assert links.use(issued.link) == links.Problem.USED
    assert links.resolve(issued.token, "test").problem == links.Problem.USED


def test_a_link_for_many_uses_stays_usable():
    issued = links.make_link("test", ProjectFactory(), once=False)
    assert links.use(issued.link) is None
    assert links.use(issued.link) is None
    assert links.resolve(issued.token, "test").problem is None


def test_a_revoked_link_says_so_before_anything_else():
    issued = links.make_link("test", ProjectFactory())
    links.revoke(issued.link)
    PersonalLink.objects.update(expires=timezone.now() - datetime.timedelta(days=1))
    assert links.resolve(issued.token, "test").problem == links.Problem.REVOKED
    assert links.use(issued.link) == links.Problem.REVOKED
    assert PersonalLink.objects.get().used_at is None


def _request(method="get", ip="10.0.0.9"):
    request = getattr(RequestFactory(), method)("/x/", REMOTE_ADDR=ip)
    request.session = SessionStore()
    request._messages = FallbackStorage(request)
    request.user = AnonymousUser()
    return request


@links.link_view("test", what_to_do="Ask for a new link.")
def _view(request, resolution):
    return HttpResponse(f"{request.method} {resolution.obj.short_title}")


def test_the_link_view_shows_problems_in_plain_english():
    issued = links.make_link("test", ProjectFactory(short_title="ALPHA"))
    response = _view(_request(), issued.token)
    assert response.content == b"GET ALPHA"
    assert response["X-Robots-Tag"].startswith("noindex") and "no-cache" in response["Cache-Control"]
    links.revoke(issued.link)
    gone = _view(_request(), issued.token)
    assert gone.status_code == 410
    page = gone.content.decode()
    assert "This link has been cancelled" in page and "Ask for a new link." in page
    unknown = _view(_request(), "not-a-token")
    assert unknown.status_code == 404 and "This link does not work" in unknown.content.decode()


def test_the_link_view_is_throttled_per_address_but_a_valid_get_is_not_counted():
    issued = links.make_link("test", ProjectFactory())
    for _ in range(30):
        assert _view(_request(), issued.token).status_code == 200
    assert not RateEvent.objects.exists()
    for _ in range(links.THROTTLE.per_browser):
        assert _view(_request(), "guess").status_code == 404
    refused = _view(_request(), issued.token)
    assert refused.status_code == 429 and "Too many attempts" in refused.content.decode()
    assert _view(_request(ip="10.0.0.10"), issued.token).status_code == 200


def test_about_finds_the_rows_of_one_object_and_not_another_kind_with_the_same_id():
    project, user = ProjectFactory(pk=990001), UserFactory(pk=990001)  # the same id, another kind
    links.make_link("invite", project)
    links.make_link("reply", project)
    links.make_link("reset", user)
    assert sorted(PersonalLink.objects.about(project).values_list("purpose", flat=True)) == ["invite", "reply"]
    assert list(PersonalLink.objects.about(user).values_list("purpose", flat=True)) == ["reset"]
