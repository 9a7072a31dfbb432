import datetime

import pytest
from django.utils import timezone

from mobilise.engagement import services
from mobilise.stakeholders import services as stakeholder_services
from mobilise.stakeholders.models import Attitude, Cadence, Role

from ..factories import OrganisationFactory, PersonFactory


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def map_(project, lead):
    icb = stakeholder_services.add_stakeholder(
        project=project,
        by=lead,
        organisation=OrganisationFactory(name="Kingsbridge ICB"),
        influence=5,
        interest=4,
        roles=[Role.DECISION_MAKER],
        cadence=Cadence.MONTHLY,
        owner=lead,
        impact=3,
    )
    raj = PersonFactory(full_name="Raj Patel", email="Raj.Patel@kingsbridge.example")
    raj_s = stakeholder_services.add_stakeholder(
        project=project,
        by=lead,
        person=raj,
        organisation=raj.organisation,
        cadence=Cadence.WEEKLY,
        owner=lead,
        attitude=Attitude.NEUTRAL,
        interest=3,
        influence=3,
        impact=3,
    )
    fatima = PersonFactory(full_name="Fatima Begum", email="fatima@example.org", do_not_contact=True)
    fatima_s = stakeholder_services.add_stakeholder(project=project, by=lead, person=fatima, cadence=Cadence.QUARTERLY)
    forum = stakeholder_services.add_stakeholder(
        project=project, by=lead, group_name="Faith forum", cadence=Cadence.QUARTERLY
    )
    return {"icb": icb, "raj": raj_s, "fatima": fatima_s, "forum": forum}


@pytest.fixture
def logged(project, lead, map_):
    return services.log_interaction(
        project=project,
        by=lead,
        date=timezone.localdate() - datetime.timedelta(days=40),
        kind="meeting",
        subject="Commissioning intentions",
        summary="Talked about next year's budget",
        learned="Budget set in Oct",
        stakeholders=[map_["icb"], map_["raj"]],
        team=[lead],
        actions=[
            {
                "description": "Send the interim findings",
                "owner": lead,
                "due": timezone.localdate() - datetime.timedelta(days=3),
            }
        ],
    )
