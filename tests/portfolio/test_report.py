"""The programme report for a period: each app's figures on the page (charts with their tables), in a tagged PDF
and a DOCX that hold the same figures; a wrong period is a clear error with no figures."""

import datetime
import io
import re
from unittest import mock

import docx
import pypdf
import pytest
from django.utils import timezone

from mobilise.core import fresh
from mobilise.evaluation.models import ClaimType
from mobilise.events.models import EventStatus, RegistrationStatus
from mobilise.portfolio.forms import financial_year_of, presets, quarter_of
from mobilise.projects.models import Stage

from ..factories import (
    AdviceEntryFactory,
    CaseFactory,
    EventFactory,
    IdeaFactory,
    ImpactClaimFactory,
    LibraryCaseStudyFactory,
    ProjectFactory,
    RegistrationFactory,
    SupportRequestFactory,
    ThemeFactory,
)


def last_day():
    # Read at each call, not at import: a run that crosses midnight would otherwise ask for a period ending yesterday.
    return timezone.localdate()


def first_day():
    return last_day() - datetime.timedelta(days=60)


def period(start=None, end=None):
    start, end = start or first_day(), end or last_day()
    return {
        f"{name}[{part}]": getattr(day, part)
        for name, day in (("start", start), ("end", end))
        for part in ("day", "month", "year")
    }


NUMBER = '<td class="nhsuk-table__cell nhsuk-table__cell--numeric">'
TEXT = '<td class="nhsuk-table__cell">'


def squash(text):
    return " ".join(text.split())


@pytest.fixture
def programme(db):
    screening = ThemeFactory(name="Screening")
    running = ProjectFactory(short_title="RUNNING", stage=Stage.ACTIVE)
    running.themes.add(screening)
    ProjectFactory(short_title="FINISHED", end_date=first_day() - datetime.timedelta(days=1))
    request = SupportRequestFactory(first_response_at=timezone.now())
    case = CaseFactory(request=request, project=running)
    AdviceEntryFactory(case=case, minutes=150, by__full_name="Ada Adviser")
    event = EventFactory(start=timezone.now() - datetime.timedelta(days=3), status=EventStatus.HELD)
    RegistrationFactory(event=event, status=RegistrationStatus.CONFIRMED, attended=True)
    RegistrationFactory(event=event, status=RegistrationStatus.CONFIRMED, attended=False)
    EventFactory(start=timezone.now() - datetime.timedelta(days=3), status=EventStatus.CANCELLED)
    study = LibraryCaseStudyFactory(published=True, title="Pharmacies check for diabetes", project=running)
    study.themes.add(screening)
    IdeaFactory()
    ImpactClaimFactory(project=running, kind=ClaimType.COLLABORATION, date=last_day())
    ImpactClaimFactory(project=running, kind=ClaimType.POLICY, date=first_day() - datetime.timedelta(days=1))  # before
    return running


@pytest.fixture
def signed_in(client, adviser):
    client.force_login(adviser)
    return client


def test_the_report_draws_on_every_app(signed_in, programme):
    response = signed_in.get("/portfolio/report/", period())
    assert response.status_code == 200
    page = squash(response.content.decode())
    for expected in (
        'Projects running in the period</th> <td class="nhsuk-table__cell nhsuk-table__cell--numeric">1<',
        "Screening</th>",
        "First response",  # response times
        "Support hours by adviser",
        'Ada Adviser</th> <td class="nhsuk-table__cell nhsuk-table__cell--numeric">2.5<',
        'Webinars</th> <td class="nhsuk-table__cell nhsuk-table__cell--numeric">1<',  # the cancelled one left out
        "Attended</th>",
        "Pharmacies check for diabetes",
        "Received</th>",  # ideas
        f"New collaboration</th> {TEXT}Collaborations and partnerships</td> {NUMBER}1<",
    ):
        assert expected in page, expected
    # The plan health check across the one running project: each check, and the project under its checks met.
    assert "Projects meeting each plan health check" in page
    assert re.search(rf"\d of \d</th> {NUMBER}1<", page)
    # Charts sit beside their tables, and each table heading names its chart.
    assert page.count('role="img"') >= 5


def test_claims_outside_the_period_are_left_out(signed_in, programme):
    page = squash(signed_in.get("/portfolio/report/", period()).content.decode())
    assert f"Policy influence</th> {TEXT}Influence on policy, practice, patients and the public</td> {NUMBER}0<" in page


def test_the_last_twelve_months_unless_a_period_is_chosen(signed_in, programme):
    response = signed_in.get("/portfolio/report/")
    assert response.status_code == 200
    assert "Pharmacies check for diabetes" in response.content.decode()


@pytest.mark.parametrize(
    ("query", "message"),
    [
        (period(last_day(), first_day()), "The end of the period must be the same as or after its start"),
        ({**period(), "end[day]": ""}, "Enter a real date"),
        ({"start[day]": "1"}, "Enter the last day of the period"),
    ],
)
def test_a_wrong_period_is_a_clear_error(signed_in, programme, query, message):
    response = signed_in.get("/portfolio/report/", query)
    assert response.status_code == 400
    page = response.content.decode()
    assert "There is a problem" in page and message in page
    assert "Pharmacies check for diabetes" not in page
    for fmt in ("pdf", "docx"):
        refused = signed_in.get(f"/portfolio/report.{fmt}", query)
        assert refused.status_code == 400 and message in refused.content.decode()


def test_the_pdf_holds_the_figures(signed_in, programme):
    response = signed_in.get("/portfolio/report.pdf", period())
    assert response.status_code == 200
    assert response["Content-Disposition"] == (
        f'attachment; filename="programme-report-{first_day():%Y-%m-%d}-to-{last_day():%Y-%m-%d}.pdf"'
    )
    reader = pypdf.PdfReader(io.BytesIO(response.content))
    assert reader.metadata.title == "Programme report"
    assert "/StructTreeRoot" in reader.trailer["/Root"]  # tagged
    text = squash(" ".join(p.extract_text() for p in reader.pages))
    for expected in (
        f"{first_day():%-d %B %Y} to {last_day():%-d %B %Y}",
        "Projects running in the period 1",
        "Ada Adviser 2.5",
        "Pharmacies check for diabetes",
        "New collaboration Collaborations and partnerships 1",
        "Webinars 1",
    ):
        assert expected in text, expected


def test_the_docx_holds_the_figures(signed_in, programme):
    response = signed_in.get("/portfolio/report.docx", period())
    assert response.status_code == 200
    document = docx.Document(io.BytesIO(response.content))
    assert document.core_properties.title == "Programme report"
    cells = {tuple(c.text for c in row.cells) for table in document.tables for row in table.rows}
    assert ("Projects running in the period", "1") in cells
    assert ("Ada Adviser", "2.5") in cells
    assert ("New collaboration", "Collaborations and partnerships", "1") in cells
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert "Webinars and attendance" in headings and "Impact claims by type" in headings
    assert len(document.inline_shapes) >= 5
    assert all(s._inline.docPr.get("descr") for s in document.inline_shapes)


def test_quarters_and_financial_years():
    assert quarter_of(datetime.date(2026, 11, 28)) == (datetime.date(2026, 10, 1), datetime.date(2026, 12, 31))
    assert quarter_of(datetime.date(2026, 2, 1)) == (datetime.date(2026, 1, 1), datetime.date(2026, 3, 31))
    assert financial_year_of(datetime.date(2026, 3, 31)) == (datetime.date(2025, 4, 1), datetime.date(2026, 3, 31))
    labels = {label: (a, b) for label, a, b in presets(datetime.date(2026, 11, 28))}
    assert labels["Last quarter"] == (datetime.date(2026, 7, 1), datetime.date(2026, 9, 30))
    assert labels["Last financial year"] == (datetime.date(2025, 4, 1), datetime.date(2026, 3, 31))


def test_support_hours_show_the_top_ten_and_all_others_as_the_support_report_does(signed_in, programme):
    case = CaseFactory(request=SupportRequestFactory(), project=programme)
    for n in range(11):
        AdviceEntryFactory(case=case, minutes=60, by__full_name=f"Adviser {n:02}")
    page = squash(signed_in.get("/portfolio/report/", period()).content.decode())
    hours = page[page.index("Support hours by adviser") : page.index("Support hours by project")]
    # Ada Adviser's 2.5 hours and nine of the eleven one-hour advisers; the other two as one row.
    assert len(re.findall(r"Adviser \d\d</th>", hours)) == 9
    assert f"All others</th> {NUMBER}2.0<" in hours


def test_the_page_shows_figures_at_most_a_minute_old_and_the_downloads_are_exact(signed_in, programme):
    assert "Figures as at" in signed_in.get("/portfolio/report/", period()).content.decode()
    LibraryCaseStudyFactory(published=True, title="Dentists ask about smoking", project=programme)
    assert "Dentists ask about smoking" not in signed_in.get("/portfolio/report/", period()).content.decode()
    word = docx.Document(io.BytesIO(signed_in.get("/portfolio/report.docx", period()).content))
    assert any("Dentists ask about smoking" in cell.text for t in word.tables for row in t.rows for cell in row.cells)
    later = timezone.now() + datetime.timedelta(seconds=fresh.FRESH_SECONDS + 1)
    with mock.patch("time.time", return_value=later.timestamp()):  # the cache's clock
        assert "Dentists ask about smoking" in signed_in.get("/portfolio/report/", period()).content.decode()
