"""The support report: requests by month, type, need and source; working days to answer against the service
level; support hours; case outcomes; as a page with charts and tables, and as CSV and XLSX."""

import csv
import io
from datetime import timedelta

import openpyxl
import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from mobilise.support import reports, sla
from mobilise.support.models import AdviceEntry, AdviceKind, Case, HeardFrom, Need, Outcome, RequesterType

from ..factories import SupportRequestFactory, ThemeFactory
from ..queries import assert_max_queries


@pytest.fixture
def staff(adviser):
    client = Client()
    client.force_login(adviser)
    return client


@pytest.fixture
def data(adviser):
    now = timezone.now()
    monday = timezone.localdate() - timedelta(days=timezone.localdate().weekday() + 14)
    start = timezone.make_aware(timezone.datetime(monday.year, monday.month, monday.day, 9))
    quick = SupportRequestFactory(
        submitted=start,
        first_response_at=start + timedelta(days=1),
        decided_at=start + timedelta(days=3),
        needs=[Need.PLAN, Need.GRANT],
        heard_from=HeardFrom.EVENT,
    )
    SupportRequestFactory(
        submitted=start,
        first_response_at=start + timedelta(days=4),
        requester_type=RequesterType.INNOVATOR,
        needs=[Need.PLAN],
    )
    SupportRequestFactory(submitted=now - timedelta(days=800))  # outside the last 12 months
    theme = ThemeFactory(name="Cancer")
    quick.themes.add(theme)
    case = Case.objects.create(request=quick, lead=adviser, closed=now, outcome=Outcome.FUNDED)
    AdviceEntry.objects.create(case=case, by=adviser, kind=AdviceKind.MEETING, minutes=90, notes="n")
    AdviceEntry.objects.create(case=case, by=adviser, kind=AdviceKind.CALL, minutes=30, notes="n")
    return {"start": start, "case": case}


def _table(tables, title):
    return next(t for t in tables if t.title == title)


def test_the_figures(data, adviser):
    today = timezone.localdate()
    tables = reports.report(today - timedelta(days=365), today)
    months = _table(tables, "Requests by month and requester type")
    assert sum(row[-1] for row in months.rows) == 2
    needs = dict((row[0], row[1]) for row in _table(tables, "Requests by need").rows)
    assert needs["A knowledge mobilisation or impact plan"] == 2 and needs["Support with a grant application"] == 1
    assert dict((r[0], r[1]) for r in _table(tables, "How requesters heard of us").rows)["A webinar or event"] == 1
    speed = _table(tables, "Working days to answer").rows
    assert speed[0] == ["First response", 2, 2.5, 4.0]  # Monday to Tuesday is 1 working day, to Friday 4
    assert speed[1][:2] == ["Decision", 1] and speed[2][1:3] == [1, "50%"]
    assert _table(tables, "Support hours by adviser").rows == [[adviser.full_name, 2.0]]
    assert _table(tables, "Support hours by theme").rows == [["Cancer", 2.0]]
    outcomes = dict((r[0], r[1]) for r in _table(tables, "Case outcomes").rows)
    assert outcomes["Grant funded"] == 1 and outcomes["Still open"] == 0
    assert sla.working_days_after(data["start"].date(), (data["start"] + timedelta(days=4)).date()) == 4


def test_the_page_shows_each_chart_with_its_table(staff, data):
    page = staff.get(reverse("support:reports")).content.decode()
    assert page.count("<svg") == page.count("<figure") or page.count("<svg") >= 5
    assert "Requests by need" in page and "Working days to answer" in page and "<table" in page


def test_csv_and_xlsx_hold_the_same_tables(staff, data):
    text = staff.get(reverse("support:report-export", args=["csv"])).content.decode()
    rows = list(csv.reader(io.StringIO(text)))
    assert ["Requests by need"] in rows and ["Grant funded", "1"] in rows
    workbook = openpyxl.load_workbook(io.BytesIO(staff.get(reverse("support:report-export", args=["xlsx"])).content))
    assert "Case outcomes" in workbook.sheetnames
    assert [c.value for c in next(workbook["Case outcomes"].iter_rows())] == ["Outcome", "Cases"]
    assert staff.get(reverse("support:report-export", args=["pdf"])).status_code == 404


def test_the_report_takes_the_same_queries_however_many_requests(staff, data):
    with assert_max_queries(20):
        staff.get(reverse("support:reports"))
    for _ in range(10):
        SupportRequestFactory(first_response_at=timezone.now())
    with assert_max_queries(20):
        staff.get(reverse("support:reports"))
