import datetime
from decimal import Decimal

import pytest

from mobilise.evaluation import services
from mobilise.planning.models import Column, Element, LogicModel


@pytest.fixture
def model(project):
    return LogicModel.objects.create(project=project)


@pytest.fixture
def outcome(model):
    return Element.objects.create(model=model, column=Column.SHORT, text="More women screened")


@pytest.fixture
def indicator(project, outcome):
    indicator = services.save_indicator(
        project=project,
        element=outcome,
        name="Screening uptake",
        unit="%",
        direction="up",
        definition="Women screened / women invited",
        data_source="Screening hub",
        baseline_value=Decimal("58"),
        baseline_date=datetime.date(2023, 3, 31),
        breakdowns={"Ethnicity": ["Bangladeshi", "Pakistani", "White"]},
        additive=False,
    )
    for year, target in ((2024, "62"), (2025, "66")):
        services.save_period(
            indicator=indicator,
            label=f"{year - 1}-{str(year)[2:]}",
            ends=datetime.date(year, 3, 31),
            target=Decimal(target),
        )
    return indicator
