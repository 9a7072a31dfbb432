"""Every directory page, for every persona: people who work on a project use it, viewers and visitors do not."""

import pytest

from ..factories import OrganisationFactory, PersonFactory, StakeholderFactory
from ..permissions import Url, check_every_persona, names_in

# Contact details are for people who work on projects: not for someone who only views others' projects.
DIRECTORY = {"adviser": 200, "lead": 200, "member": 200, "viewer": 404, "outsider": 200}
# A person's contact details (where invitations go): advisers, and those who may edit a project the person is on.
CHANGE_PERSON = {"adviser": 200, "lead": 200, "member": 200, "viewer": 404, "outsider": 404}
URLS = [
    Url("directory:organisations", (), DIRECTORY),
    Url("directory:organisation-new", (), DIRECTORY),
    Url("directory:organisation", ("organisation",), DIRECTORY),
    Url("directory:organisation-edit", ("organisation",), DIRECTORY),
    Url("directory:organisation-history", ("organisation",), DIRECTORY),
    Url("directory:people", (), DIRECTORY),
    Url("directory:person-new", (), DIRECTORY),
    Url("directory:person", ("person",), DIRECTORY),
    Url("directory:person-edit", ("person",), CHANGE_PERSON),
    Url("directory:person-history", ("person",), DIRECTORY),
]


@pytest.fixture
def objects(project):
    organisation = OrganisationFactory()
    person = PersonFactory(organisation=organisation)
    StakeholderFactory(project=project, person=person, group_name="")
    return {"organisation": organisation, "person": person}


@pytest.mark.parametrize("url", URLS, ids=str)
def test_url_by_persona(request, objects, url):
    check_every_persona(url, objects, request)


def test_the_table_has_every_url():
    assert names_in("mobilise.directory.urls") == {url.name for url in URLS}
