"""Reporting periods generated between two dates (monthly, quarterly, yearly; calendar or UK financial year),
with targets spread across them, for chosen indicators, all or nothing, refusing overlaps."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from mobilise.evaluation import periods, services
from mobilise.evaluation.models import Period

from ..factories import IndicatorFactory, PeriodFactory

D = datetime.date


def labels(spans):
    return [(s.label, s.ends) for s in spans]


def test_calendar_quarters_are_whole_quarters_holding_the_dates():
    spans = periods.plan(periods.QUARTERLY, D(2025, 5, 15), D(2026, 2, 1))
    assert labels(spans) == [
        ("2025 Q2", D(2025, 6, 30)),
        ("2025 Q3", D(2025, 9, 30)),
        ("2025 Q4", D(2025, 12, 31)),
        ("2026 Q1", D(2026, 3, 31)),
    ]
    assert spans[0].starts == D(2025, 4, 1)


def test_uk_financial_year_quarters_start_in_april():
    spans = periods.plan(periods.QUARTERLY, D(2025, 4, 1), D(2026, 3, 31), financial_year=True)
    assert labels(spans) == [
        ("2025-26 Q1", D(2025, 6, 30)),
        ("2025-26 Q2", D(2025, 9, 30)),
        ("2025-26 Q3", D(2025, 12, 31)),
        ("2025-26 Q4", D(2026, 3, 31)),
    ]
    # From February: the financial year's fourth quarter, January to March.
    assert labels(periods.plan(periods.QUARTERLY, D(2026, 2, 10), D(2026, 4, 2), financial_year=True)) == [
        ("2025-26 Q4", D(2026, 3, 31)),
        ("2026-27 Q1", D(2026, 6, 30)),
    ]


def test_years_and_months():
    assert labels(periods.plan(periods.YEARLY, D(2024, 6, 1), D(2025, 1, 1))) == [
        ("2024", D(2024, 12, 31)),
        ("2025", D(2025, 12, 31)),
    ]
    assert labels(periods.plan(periods.YEARLY, D(2025, 3, 31), D(2025, 4, 1), financial_year=True)) == [
        ("2024-25", D(2025, 3, 31)),
        ("2025-26", D(2026, 3, 31)),
    ]
    assert labels(periods.plan(periods.YEARLY, D(2099, 5, 1), D(2099, 5, 1), financial_year=True)) == [
        ("2099-00", D(2100, 3, 31))
    ]
    months = periods.plan(periods.MONTHLY, D(2024, 1, 31), D(2024, 3, 1))
    assert labels(months) == [("Jan 2024", D(2024, 1, 31)), ("Feb 2024", D(2024, 2, 29)), ("Mar 2024", D(2024, 3, 31))]


def test_targets_split_evenly_add_up_to_the_total():
    assert periods.targets(periods.SPLIT, Decimal("100"), 3) == [
        Decimal("33.333"),
        Decimal("33.333"),
        Decimal("33.334"),
    ]
    assert sum(periods.targets(periods.SPLIT, Decimal("-7"), 6)) == Decimal("-7")
    assert periods.targets(periods.EACH, Decimal("62"), 2) == [Decimal("62"), Decimal("62")]
    assert periods.targets(periods.NO_TARGETS, Decimal("62"), 2) == [None, None]


def url(project):
    return reverse("evaluation:periods-generate", args=[project.pk])


def post(client, project, chosen, **changes):
    data = {
        "indicators": [str(i.pk) for i in chosen],
        "frequency": "quarterly",
        "financial_year": "on",
        "starts[day]": "1",
        "starts[month]": "4",
        "starts[year]": "2025",
        "ends[day]": "31",
        "ends[month]": "3",
        "ends[year]": "2026",
        "target_mode": "split",
        "target": "1,000",
        **changes,
    }
    return client.post(url(project), {k: v for k, v in data.items() if v is not None})


def test_generates_for_chosen_indicators_with_a_total_split(as_user, project, member):
    chosen = [IndicatorFactory(project=project), IndicatorFactory(project=project)]
    other = IndicatorFactory(project=project)
    client = as_user(member)
    response = post(client, project, chosen)
    assert response.status_code == 302
    for indicator in chosen:
        rows = list(indicator.periods.values_list("label", "ends", "target"))
        assert [r[0] for r in rows] == ["2025-26 Q1", "2025-26 Q2", "2025-26 Q3", "2025-26 Q4"]
        assert [r[2] for r in rows] == [Decimal("250")] * 4
    assert not other.periods.exists()
    page = client.get(response["Location"]).content.decode()
    assert "4 periods (2025-26 Q1 to 2025-26 Q4) added to 2 indicators: 8 in all." in page


def test_same_target_each_period_and_no_targets(as_user, project, member):
    indicator = IndicatorFactory(project=project, unit="%")
    post(
        as_user(member), project, [indicator], frequency="yearly", financial_year=None, target_mode="each", target="62%"
    )
    assert list(indicator.periods.values_list("label", "target")) == [("2025", Decimal("62")), ("2026", Decimal("62"))]
    other = IndicatorFactory(project=project)
    post(as_user(member), project, [other], frequency="monthly", target_mode="none", target="")
    assert other.periods.count() == 12 and not other.periods.exclude(target=None).exists()


def test_overlap_with_an_existing_period_refuses_everything_and_says_why(as_user, project, member):
    free = IndicatorFactory(project=project, name="Sessions held")
    taken = IndicatorFactory(project=project, name="Screening uptake")
    PeriodFactory(indicator=taken, label="Autumn 2025", ends=D(2025, 11, 30))
    response = post(as_user(member), project, [free, taken])
    assert response.status_code == 200
    html = response.content.decode()
    assert "nhsuk-error-summary" in html
    assert (
        "Screening uptake already has periods in that time: Autumn 2025 (ending 30 Nov 2025): delete them or choose "
        "other dates" in html
    )
    assert not free.periods.exists() and taken.periods.count() == 1  # all or nothing


def test_a_label_clash_outside_the_dates_is_refused_too(project):
    indicator = IndicatorFactory(project=project)
    PeriodFactory(indicator=indicator, label="2025 Q1", ends=D(2020, 1, 1))
    with pytest.raises(services.PeriodClash):
        services.generate_periods(
            indicators=[indicator], spans=periods.plan(periods.QUARTERLY, D(2025, 1, 1), D(2025, 3, 1))
        )
    assert indicator.periods.count() == 1


def test_periods_before_and_after_are_no_overlap(project):
    indicator = IndicatorFactory(project=project)
    PeriodFactory(indicator=indicator, label="2024-25", ends=D(2025, 3, 31))
    PeriodFactory(indicator=indicator, label="2026-27", ends=D(2027, 3, 31))
    spans = periods.plan(periods.QUARTERLY, D(2025, 4, 1), D(2026, 3, 31), financial_year=True)
    services.generate_periods(indicators=[indicator], spans=spans)
    assert indicator.periods.count() == 6


@pytest.mark.parametrize(
    "changes, field, message",
    [
        ({"indicators": []}, "indicators", "Select at least one indicator"),
        ({"ends[year]": "2024"}, "ends", "The end date must be on or after the start date"),
        ({"target": ""}, "target", "Enter the target, or choose no targets for now"),
        ({"target": "lots"}, "target", "Enter the target as a number"),
        ({"frequency": "monthly", "ends[year]": "2040"}, "ends", "more than 120 periods"),
    ],
)
def test_form_errors(as_user, project, member, changes, field, message):
    indicator = IndicatorFactory(project=project)
    response = post(as_user(member), project, [indicator], **changes)
    assert response.status_code == 200
    assert message in response.content.decode() and f'href="#id_{field}' in response.content.decode()
    assert not Period.objects.exists()


def test_an_indicator_of_another_project_cannot_be_chosen(as_user, project, member):
    stranger = IndicatorFactory()
    response = post(as_user(member), project, [stranger])
    assert response.status_code == 200 and not stranger.periods.exists()
    assert "Select indicators of this project" in response.content.decode()


def test_the_indicator_page_offers_it_preselected(as_user, project, member):
    indicator = IndicatorFactory(project=project)
    html = as_user(member).get(reverse("evaluation:indicator", args=[project.pk, indicator.pk])).content.decode()
    link = f"{url(project)}?indicator={indicator.pk}"
    assert link in html
    form = as_user(member).get(link).content.decode()
    assert f'value="{indicator.pk}" checked' in form


def test_with_no_indicators_it_says_to_define_one_first(as_user, project, member):
    html = as_user(member).get(url(project)).content.decode()
    assert "There are no indicators yet." in html and reverse("evaluation:indicator-new", args=[project.pk]) in html
    assert "Generate periods</button>" not in html
