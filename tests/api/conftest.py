from decimal import Decimal

import pytest
from django.test import Client

from mobilise.planning.models import Column

from ..factories import (
    ActualFactory,
    ApiTokenFactory,
    IndicatorFactory,
    LinkFactory,
    LogicModelFactory,
    PeriodFactory,
    ScoreChangeFactory,
    StakeholderFactory,
    StakeholderRoleFactory,
)


@pytest.fixture
def objects(project, lead):
    """A project with something in every resource: a logic model with a link, a stakeholder with a role and a score
    change, an indicator (with an ethnicity breakdown) with two periods and actuals; and a token of the lead's."""
    model = LogicModelFactory(project=project, problem="Low screening uptake")
    link = LinkFactory(model=model, rationale="Sessions build trust")
    stakeholder = StakeholderFactory(project=project)
    StakeholderRoleFactory(stakeholder=stakeholder)
    ScoreChangeFactory(stakeholder=stakeholder, changed_by=lead)
    indicator = IndicatorFactory(
        project=project,
        element=link.target,
        unit="people",
        breakdowns={"Ethnicity": ["Bangladeshi", "Pakistani"]},
        additive=True,
    )
    period = PeriodFactory(indicator=indicator, label="2025 Q1")
    PeriodFactory(indicator=indicator, label="2025 Q2")
    ActualFactory(period=period, value=Decimal("40"))
    ActualFactory(period=period, dimension="Ethnicity", category="Bangladeshi", value=Decimal("12"))
    return {
        "project": project,
        "stakeholder": stakeholder,
        "indicator": indicator,
        "period": period,
        "element": link.target,
        "token": ApiTokenFactory(user=lead),
        "column": Column.OUTPUTS,
    }


def bearer(token) -> Client:
    """A client that sends the token, and no session."""
    return Client(HTTP_AUTHORIZATION=f"Bearer {token.raw}")


@pytest.fixture
def lead_token(lead):
    return ApiTokenFactory(user=lead)
