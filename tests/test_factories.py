"""Every factory makes a valid, saved row on its own, so any test can start from one."""

import pytest

from . import factories

FACTORIES = [getattr(factories, name) for name in factories.__all__ if name.endswith("Factory")]


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.mark.parametrize("factory", FACTORIES, ids=lambda f: f.__name__)
def test_factory_makes_a_valid_row(db, factory):
    obj = factory()
    assert obj.pk is not None
    # Left to the code, not to forms: "attendance not recorded yet" (None) and an empty feedback response.
    obj.full_clean(exclude=["password", "attended", "answers"])


def test_related_rows_share_one_project(db):
    link = factories.LinkFactory()
    assert link.source.model == link.target.model == link.model
    relationship = factories.RelationshipFactory()
    assert relationship.source.project == relationship.target.project == relationship.project
    invitation = factories.InvitationFactory()
    assert invitation.stakeholder.project == invitation.workshop.project
    output = factories.OutputFactory()
    assert output.audience.project == output.project
