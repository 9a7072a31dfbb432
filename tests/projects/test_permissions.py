"""Every project page, for every persona."""

import pytest

from mobilise.projects import services
from mobilise.projects.models import Role

from ..factories import MembershipFactory
from ..permissions import EDIT, MANAGE, READ, SIGNED_IN, Url, check_every_persona, names_in, when_allowed

# Anyone signed in may start a project, except someone who only views others' projects.
CREATE = {**SIGNED_IN, "viewer": 404}
P = ("project",)
URLS = [
    Url("project-new", (), CREATE),
    Url("project", P, READ),
    Url("project-edit", P, EDIT),
    Url("project-team", P, MANAGE),
    Url("project-member", (*P, "membership"), when_allowed(MANAGE, 302), "post", {"role": Role.VIEWER}),
    Url("project-history", P, READ),
    Url("project-invitation-revoke", (*P, "invitation"), when_allowed(MANAGE, 302), "post"),
    # An invitation link that does not exist: nobody learns anything from it, signed in or not.
    Url("invitation", ("not-a-token",), {**dict.fromkeys(SIGNED_IN, 404), "anonymous": 404}),
]


@pytest.fixture
def objects(project, lead):
    invitation = services.add_or_invite(project=project, email="new.person@example.org", role=Role.MEMBER, by=lead)
    return {
        "project": project,
        "membership": MembershipFactory(project=project, role=Role.MEMBER),
        "invitation": invitation,
    }


@pytest.mark.parametrize("url", URLS, ids=str)
def test_url_by_persona(request, objects, url):
    check_every_persona(url, objects, request)


def test_the_table_has_every_url():
    assert names_in("mobilise.projects.urls") == {url.name for url in URLS}
