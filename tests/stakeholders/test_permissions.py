"""Every stakeholder URL, for every persona."""

import pytest

from mobilise.stakeholders.models import ImportRun

from ..factories import (
    ImportBatchFactory,
    OrganisationFactory,
    RelationshipFactory,
    ScoreChangeFactory,
    StakeholderFactory,
    StakeholderRoleFactory,
)
from ..permissions import EDIT, PERSONAS, READ, Url, check, names_in, when_allowed

P = ("project",)
S = (*P, "stakeholder")
B = (*P, "batch")
DONE = when_allowed(EDIT, 302)
URLS = [
    Url("stakeholders:register", P, READ),
    Url("stakeholders:add", P, EDIT),
    Url("stakeholders:grid", P, READ),
    Url("stakeholders:network", P, READ),
    Url("stakeholders:equity", P, READ),
    Url("stakeholders:export", (*P, "csv"), READ),
    Url("stakeholders:import", P, EDIT),
    Url("stakeholders:import-map", B, EDIT),
    Url("stakeholders:import-check", B, EDIT),
    Url("stakeholders:import-progress", (*P, "run"), EDIT),
    Url("stakeholders:import-confirm", B, DONE, "post"),
    Url("stakeholders:import-cancel", B, DONE, "post"),
    Url("stakeholders:detail", S, READ),
    Url("stakeholders:edit", S, EDIT),
    Url("stakeholders:rescore", S, EDIT),
    Url("stakeholders:remove", S, EDIT),
    Url("stakeholders:relationship-add", S, DONE, "post"),
    Url("stakeholders:relationship-remove", (*P, "relationship"), DONE, "post"),
]


@pytest.fixture
def objects(request, project, lead):
    relationship = RelationshipFactory(project=project, source__organisation=OrganisationFactory())
    StakeholderRoleFactory(stakeholder=relationship.source)
    ScoreChangeFactory(stakeholder=relationship.source)
    # An import batch is its uploader's own, so each persona opens one it uploaded.
    uploader = request.getfixturevalue(request.node.callspec.params["persona"]) or lead
    batch = ImportBatchFactory(
        project=project, created_by=uploader, mapping={"name": "Name", "organisation": "Organisation"}
    )
    run = ImportRun.objects.create(project=project, created_by=uploader, batch=batch, filename="people.csv")
    StakeholderFactory(project=project)
    return {
        "project": project,
        "stakeholder": relationship.source,
        "relationship": relationship,
        "batch": batch,
        "run": run,
    }


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("url", URLS, ids=str)
def test_url_by_persona(request, objects, url, persona):
    check(url, objects, persona, request.getfixturevalue(persona))


def test_the_table_has_every_url():
    assert names_in("mobilise.stakeholders.urls") == {url.name for url in URLS}
