"""The adviser's programme view: each project's figures, from the app that keeps them; filters and sorting; the
spreadsheet; and a page that costs the same number of queries however many projects there are."""

import datetime
import io
import re
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext, override_settings
from django.utils import timezone
from openpyxl import load_workbook

from mobilise.evaluation.models import ClaimType
from mobilise.outputs.models import Status as OutputStatus
from mobilise.projects.models import Stage
from mobilise.stakeholders.models import Cadence

from ..factories import (
    ActualFactory,
    AdviceEntryFactory,
    CaseFactory,
    ImpactClaimFactory,
    IndicatorFactory,
    OutputFactory,
    PeriodFactory,
    ProgrammeFactory,
    ProjectFactory,
    StakeholderFactory,
    ThemeFactory,
    UserFactory,
)
from ..queries import assert_max_queries

XLSX_URL = "/portfolio/export.xlsx"


def busy_project(**kwargs):
    """A project with one of everything the view counts: an overdue contact, an output in review, an indicator
    behind target, a recent impact claim and ninety minutes of support."""
    project = ProjectFactory(**kwargs)
    long_ago = timezone.localdate() - datetime.timedelta(days=120)
    StakeholderFactory(project=project, cadence=Cadence.MONTHLY, last_contact=long_ago)
    StakeholderFactory(project=project, cadence=Cadence.YEARLY, last_contact=long_ago)  # not due yet
    OutputFactory(project=project, status=OutputStatus.IN_REVIEW)
    OutputFactory(project=project)
    indicator = IndicatorFactory(project=project, baseline_value=Decimal("10"))
    first = PeriodFactory(indicator=indicator, ends=datetime.date(2025, 3, 31), target=Decimal("50"))
    PeriodFactory(indicator=indicator, ends=datetime.date(2026, 3, 31), target=Decimal("80"))
    ActualFactory(period=first, value=Decimal("20"))  # under 50: behind
    ImpactClaimFactory(project=project, kind=ClaimType.POLICY)
    ImpactClaimFactory(
        project=project, kind=ClaimType.FUNDING, date=timezone.localdate() - datetime.timedelta(days=800)
    )
    case = CaseFactory(project=project)
    AdviceEntryFactory(case=case, minutes=60)
    AdviceEntryFactory(case=case, minutes=30)
    return project


@pytest.fixture
def signed_in(client, adviser):
    client.force_login(adviser)
    return client


def test_each_project_shows_what_needs_attention(signed_in):
    project = busy_project(short_title="BUSY")
    page = signed_in.get("/portfolio/").content.decode()
    row = page[page.index("BUSY") :]
    row = row[: row.index("</tr>")]
    cells = [c.split("</span>", 1)[1] for c in row.split('nhsuk-table-responsive__heading" aria-hidden="true">')[1:]]
    health, overdue, review, behind, claims, hours = (cells[i] for i in (1, 3, 4, 5, 6, 7))
    assert re.search(r">\d of 7</a>", health) and f"/projects/{project.pk}/plans/" in health
    assert ">1</a>" in overdue and ">1</a>" in review and ">1</a>" in behind
    assert "Policy influence: 1" in claims and "Influence on policy, practice, patients and the public" in claims
    assert "Further funding" not in claims  # over two years ago
    assert hours.strip().startswith("1.5")


def test_filters_by_programme_theme_adviser_and_stage(signed_in, adviser):
    arc, theme = ProgrammeFactory(name="ARC East"), ThemeFactory(name="Screening")
    match = ProjectFactory(short_title="MATCH", programme=arc, stage=Stage.FUNDED)
    match.themes.add(theme)
    match.advisers.add(adviser)
    ProjectFactory(short_title="ELSEWHERE", stage=Stage.FUNDED)
    other = ProjectFactory(short_title="OTHERSTAGE", programme=arc, stage=Stage.IDEA)
    other.themes.add(theme)
    other.advisers.add(adviser)
    query = {"programme": arc.pk, "theme": theme.pk, "adviser": adviser.pk, "stage": Stage.FUNDED}
    page = signed_in.get("/portfolio/", query).content.decode()
    assert "MATCH" in page and "ELSEWHERE" not in page and "OTHERSTAGE" not in page
    assert "1 project<" in page
    # The spreadsheet lists what the filters show.
    names = [
        r[0]
        for r in load_workbook(io.BytesIO(signed_in.get(XLSX_URL, query).content)).active.iter_rows(
            min_row=2, values_only=True
        )
    ]
    assert names == ["MATCH"]


def test_a_filter_that_does_not_clean_is_ignored(signed_in, project):
    page = signed_in.get("/portfolio/", {"programme": "nonsense", "sort": "nonsense", "stage": "x"}).content.decode()
    assert project.short_title in page


@pytest.mark.parametrize(
    ("sort", "expected"),
    [
        ("", ["ALPHA", "BUSY", "ZULU"]),
        ("overdue", ["BUSY", "ALPHA", "ZULU"]),
        ("review", ["BUSY", "ALPHA", "ZULU"]),
        ("hours", ["BUSY", "ALPHA", "ZULU"]),
        ("stage", ["ZULU", "BUSY", "ALPHA"]),
    ],
)
def test_sorting(signed_in, sort, expected):
    ProjectFactory(short_title="ALPHA", stage=Stage.COMPLETED)
    ProjectFactory(short_title="ZULU", stage=Stage.IDEA)
    busy_project(short_title="BUSY", stage=Stage.ACTIVE)
    page = signed_in.get("/portfolio/", {"sort": sort}).content.decode()
    assert sorted(expected, key=page.index) == expected


def test_the_spreadsheet_opens_with_every_figure(signed_in, adviser):
    project = busy_project(short_title="BUSY", stage=Stage.ACTIVE)
    project.advisers.add(adviser)
    response = signed_in.get(XLSX_URL)
    assert response["Content-Disposition"].startswith('attachment; filename="programme-')
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    header, row = rows[0], dict(zip(rows[0], rows[1], strict=True))
    assert header[0] == "Project" and row["Project"] == "BUSY" and row["Stage"] == "Active"
    assert row["KMb advisers"] == "Ada Adviser"
    assert (row["Overdue contacts"], row["Outputs in review"], row["Indicators behind target"]) == (1, 1, 1)
    assert row["Impact claims in the last 2 years"] == (
        "Policy influence (Influence on policy, practice, patients and the public): 1"
    )
    assert row["Support hours"] == 1.5
    assert re.fullmatch(r"\d of \d", row["Plan health checks met"])


def test_the_page_costs_the_same_queries_however_many_projects(signed_in, adviser):
    UserFactory(is_adviser=True)
    busy_project()
    signed_in.get("/portfolio/")  # the session and the user, as on every page
    # Ten (one reads the data generations, two the names of themes and advisers, three the filters' choices), and
    # with the cache empty the figures (three) and the plan health check's (seven, one reading the generations).
    with assert_max_queries(20) as small:
        assert signed_in.get("/portfolio/").status_code == 200
    for _ in range(30):
        project = busy_project(programme=ProgrammeFactory(), stage=Stage.ACTIVE)
        project.themes.add(ThemeFactory())
        project.advisers.add(adviser)
    with assert_max_queries(len(small)):
        assert signed_in.get("/portfolio/", {"sort": "hours"}).status_code == 200
    with assert_max_queries(len(small)):
        assert signed_in.get(XLSX_URL).status_code == 200
    signed_in.get("/portfolio/")
    with override_settings(GENERATIONS_VERIFY=False), CaptureQueriesContext(connection) as warm:
        assert signed_in.get("/portfolio/").status_code == 200
    assert len(warm.captured_queries) == 10, [q["sql"] for q in warm.captured_queries]
