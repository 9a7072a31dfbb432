import datetime

import pytest
from django.utils import timezone

from mobilise.planning.models import Column

from ..factories import (
    AudienceFactory,
    ElementFactory,
    FindingFactory,
    ImpactClaimFactory,
    IndicatorFactory,
    LinkFactory,
    LogicModelFactory,
    OutputFactory,
    QuestionFactory,
    StakeholderFactory,
    StakeholderRoleFactory,
    WorkshopFactory,
)


def fill(project, n=1):
    """Data in every job for the project: n of each kind of row, a healthy plan on every check."""
    model = LogicModelFactory(project=project)
    for i in range(n):
        activity = ElementFactory(model=model, column=Column.ACTIVITIES, text=f"Champion sessions {i}")
        outcome = ElementFactory(model=model, column=Column.SHORT, text=f"More women screened {i}")
        LinkFactory(model=model, source=activity, target=outcome)
        ElementFactory(model=model, column=Column.ASSUMPTIONS, text=f"Champions stay {i}", about_element=outcome)
        IndicatorFactory(project=project, element=outcome)
        stakeholder = StakeholderFactory(
            project=project, cadence="monthly", last_contact=timezone.localdate() - datetime.timedelta(days=3)
        )
        StakeholderRoleFactory(stakeholder=stakeholder, role="implementer")
        StakeholderFactory(project=project, underserved=True, interest=1, influence=1, impact=1)
        audience = AudienceFactory(project=project)
        OutputFactory(project=project, audience=audience)
        FindingFactory(project=project)
        QuestionFactory(project=project)
        WorkshopFactory(project=project)
        ImpactClaimFactory(project=project, date=timezone.localdate())
    return project


@pytest.fixture
def rich(project):
    return fill(project)
