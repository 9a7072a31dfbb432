"""Every library page, for every persona: the staff pages are advisers' and administrators' only (404 for everyone
else); published and archived case studies, the library and its feed are open to all; a draft is nobody's public
page."""

import pytest

from mobilise.library.models import Status

from ..factories import LibraryCaseStudyFactory, OutputFactory
from ..permissions import PUBLIC, Url, check_every_persona, names_in, when_allowed

STAFF = {"adviser": 200, "lead": 404, "member": 404, "viewer": 404, "outsider": 404}
NOBODY = {**dict.fromkeys(STAFF, 404), "anonymous": 404}
URLS = [
    Url("library:library", (), PUBLIC),
    Url("library:feed", (), PUBLIC),
    Url("library:case-study", ("published",), PUBLIC),
    Url("library:case-study", ("archived",), PUBLIC),
    Url("library:case-study", ("draft",), NOBODY),
    Url("library:pdf", ("published",), PUBLIC),
    Url("library:pdf", ("draft",), NOBODY),
    Url("library:staff", (), STAFF),
    Url("library:create", (), STAFF),
    Url("library:create", (), when_allowed(STAFF, 400), "post"),
    Url("library:from-output", (), STAFF),
    Url("library:from-output", (), when_allowed(STAFF, 302), "post", {"output": "OUTPUT"}),
    Url("library:manage", ("draft_pk",), STAFF),
    Url("library:edit", ("draft_pk",), STAFF),
    Url("library:edit", ("draft_pk",), when_allowed(STAFF, 400), "post"),
    Url("library:send-review", ("draft_pk",), STAFF),
    Url("library:publish", ("draft_pk",), when_allowed(STAFF, 302), "post"),
    Url("library:unpublish", ("published_pk",), when_allowed(STAFF, 302), "post"),
    Url("library:reviewed", ("published_pk",), when_allowed(STAFF, 302), "post"),
    Url("library:archive", ("published_pk",), STAFF),
    Url("library:archive", ("published_pk",), when_allowed(STAFF, 302), "post", {"notice": "It closed."}),
]


@pytest.fixture
def objects(db):
    draft = LibraryCaseStudyFactory()
    published = LibraryCaseStudyFactory(published=True)
    archived = LibraryCaseStudyFactory(published=True, status=Status.ARCHIVED, archive_notice="It closed.")
    return {
        "draft": draft.slug,
        "draft_pk": draft.pk,
        "published": published.slug,
        "published_pk": published.pk,
        "archived": archived.slug,
    }


@pytest.fixture
def output(db):
    return OutputFactory(kind="case_study")


@pytest.mark.parametrize("url", URLS, ids=str)
def test_url_by_persona(request, objects, url):
    if url.data.get("output") == "OUTPUT":
        url = Url(url.name, url.args, url.expected, url.method, {"output": request.getfixturevalue("output").pk})
    check_every_persona(url, objects, request)


def test_the_table_has_every_url():
    assert names_in("mobilise.library.urls") == {url.name for url in URLS}


def test_an_administrator_manages_the_library(client, db):
    from ..factories import UserFactory

    client.force_login(UserFactory(is_staff=True))
    assert client.get("/library/").status_code == 200


def test_staff_see_the_nav_link_and_others_do_not(client, adviser, lead):
    client.force_login(adviser)
    assert 'href="/library/"' in client.get("/").content.decode()
    client.force_login(lead)
    assert 'href="/library/"' not in client.get("/").content.decode()
