"""Every project page, for every persona."""

import pytest

from mobilise.projects.models import Role

from ..factories import MembershipFactory
from ..permissions import EDIT, MANAGE, READ, SIGNED_IN, Url, check_every_persona, names_in, when_allowed

# Anyone signed in may start a project, except someone who only views others' projects.
CREATE = {**SIGNED_IN, "viewer": 404}
P = ("project",)
URLS = [
    Url("dashboard", (), SIGNED_IN),
    Url("project-new", (), CREATE),
    Url("project", P, READ),
    Url("project-edit", P, EDIT),
    Url("project-team", P, MANAGE),
    Url("project-member", (*P, "membership"), when_allowed(MANAGE, 302), "post", {"role": Role.VIEWER}),
    Url("project-history", P, READ),
]


@pytest.fixture
def objects(project):
    return {"project": project, "membership": MembershipFactory(project=project, role=Role.MEMBER)}


@pytest.mark.parametrize("url", URLS, ids=str)
def test_url_by_persona(request, objects, url):
    check_every_persona(url, objects, request)


def test_the_table_has_every_url():
    assert names_in("mobilise.projects.urls") == {url.name for url in URLS}
