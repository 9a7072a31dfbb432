"""Retention of ideas (core/retention.py, support/retention.py): erased on request by staff, and by the nightly
`erase_expired` RETENTION_MONTHS after they close; the figures stay; the sender's link then says so. And the ideas
figures in the support report, its CSV and XLSX."""

import csv
import io
from datetime import timedelta
from io import StringIO

import openpyxl
import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from mobilise.core import links
from mobilise.core.retention import months_before
from mobilise.engagement.models import Insight
from mobilise.support import reports, services, services_ideas, sla
from mobilise.support.models import AdviceEntry, AdviceKind, Assessment, Case, IdeaEventKind, IdeaStatus, Outcome
from mobilise.support.rubric import IDEA_CRITERIA

from ..factories import IdeaFactory, ProjectFactory, SupportRequestFactory

MONTHS = 12


@pytest.fixture(autouse=True)
def twelve_months(settings):
    settings.RETENTION_MONTHS = MONTHS


@pytest.fixture
def staff(adviser):
    client = Client()
    client.force_login(adviser)
    return client


def ago(months, days=0):
    return months_before(timezone.now(), months) - timedelta(days=days)


def personal(**fields):
    idea = IdeaFactory(
        name="Sam Okoro",
        email="sam@example.org",
        organisation_name="Vale Men's Shed",
        problem="Sam's town has no place to talk",
        evidence="Sam asked twelve men",
        **fields,
    )
    idea.events.create(kind=IdeaEventKind.INFORMATION, text="Sam's new phone")
    return idea


def assert_erased(idea):
    idea.refresh_from_db()
    assert idea.erased_at is not None and idea.name == "Erased" and idea.email == f"erased-{idea.pk}@invalid"
    assert idea.organisation_name == "Erased" and idea.problem == "Erased" and idea.evidence == "Erased"
    assert not idea.events.filter(text__icontains="sam").exists()


def test_the_command_erases_exactly_the_ideas_whose_retention_has_ended(db, adviser):
    expired = [
        personal(status=IdeaStatus.NOT_TAKEN, closed_at=ago(MONTHS, days=1)),
        personal(status=IdeaStatus.WITHDRAWN, closed_at=ago(MONTHS + 2)),
    ]
    with_case = personal(status=IdeaStatus.ACCEPTED)
    case = Case.objects.create(idea=with_case, lead=adviser, closed=ago(MONTHS, days=2), outcome=Outcome.PLAN)
    AdviceEntry.objects.create(case=case, kind=AdviceKind.CALL, minutes=30, notes="Called Sam", next_step="Email Sam")
    expired.append(with_case)
    kept = [
        personal(status=IdeaStatus.NOT_TAKEN, closed_at=ago(MONTHS - 1)),
        personal(status=IdeaStatus.RECEIVED, submitted=ago(MONTHS * 3)),  # open ideas never expire
        personal(status=IdeaStatus.ACCEPTED, decided_at=ago(MONTHS * 2)),  # accepted, not yet taken forward
    ]
    open_case = personal(status=IdeaStatus.ACCEPTED)
    Case.objects.create(idea=open_case, lead=adviser)
    kept.append(open_case)

    out = StringIO()
    call_command("erase_expired", stdout=out)
    assert "support.Idea: erased 3 records." in out.getvalue()
    for idea in expired:
        assert_erased(idea)
    assert not AdviceEntry.objects.filter(case=case, notes__icontains="sam").exists()
    assert not AdviceEntry.objects.filter(case=case, next_step__icontains="sam").exists()
    for idea in kept:
        idea.refresh_from_db()
        assert idea.erased_at is None and idea.name == "Sam Okoro"


def test_staff_erase_an_idea_on_request_and_the_link_says_so(staff, adviser):
    idea = personal()
    services.save_assessment(
        subject=idea,
        assessor=adviser,
        answers={k: {"rating": "yes", "comment": "Sam knows the men"} for k, _, _ in IDEA_CRITERIA},
    )
    token = links.make_link(services_ideas.STATUS_LINK, idea, expires=None, once=False).token
    page = staff.get(reverse("support:idea-erase", args=[idea.pk])).content.decode()
    assert "What goes" in page and "The idea is still open" in page
    assert staff.get(reverse("support:idea", args=[idea.pk])).status_code == 200
    assert staff.post(reverse("support:idea-erase", args=[idea.pk])).status_code == 302
    assert_erased(idea)
    assert idea.status == IdeaStatus.WITHDRAWN and idea.closed_at is not None
    assessment = Assessment.objects.get()
    assert {a["comment"] for a in assessment.answers.values()} == {"Erased"}
    assert {a["rating"] for a in assessment.answers.values()} == {"yes"}
    gone = Client().get(reverse("support:idea-status", args=[token]))
    assert gone.status_code == 410 and "idea" in gone.content.decode()
    assert services_ideas.erase_idea(idea=idea, by=adviser) is False
    assert "Erased" in staff.get(reverse("support:idea", args=[idea.pk])).content.decode()


def test_erasing_takes_the_name_off_the_evidence_gap_it_became(db, adviser):
    idea = personal(status=IdeaStatus.ACCEPTED)
    gap = services_ideas.make_evidence_gap(idea=idea, by=adviser, project=ProjectFactory())
    assert "Sam Okoro" in gap.why_it_matters
    services_ideas.erase_idea(idea=idea, by=adviser)
    gap = Insight.objects.get()
    assert "Sam Okoro" not in gap.why_it_matters and "Vale Men's Shed" not in gap.why_it_matters
    assert idea.reference in gap.why_it_matters


def test_the_report_counts_ideas_received_accepted_and_the_time_to_answer(staff, adviser):
    monday = timezone.localdate() - timedelta(days=timezone.localdate().weekday() + 14)
    start = timezone.make_aware(timezone.datetime(monday.year, monday.month, monday.day, 9))
    IdeaFactory(
        submitted=start,
        status=IdeaStatus.ACCEPTED,
        first_response_at=start + timedelta(days=1),
        decided_at=start + timedelta(days=3),
    )
    erased = IdeaFactory(
        submitted=start,
        status=IdeaStatus.NOT_TAKEN,
        first_response_at=start + timedelta(days=3),
        decided_at=start + timedelta(days=3),
        closed_at=start + timedelta(days=3),
    )
    services_ideas.erase_idea(idea=erased, by=adviser)  # erasing keeps the figures
    IdeaFactory(submitted=start)
    IdeaFactory(submitted=timezone.now() - timedelta(days=800))  # outside the last 12 months
    SupportRequestFactory(submitted=start)

    today = timezone.localdate()
    table = next(t for t in reports.report(today - timedelta(days=300), today) if t.title == "Ideas")
    rows = dict((row[0], row[1]) for row in table.rows)
    assert rows["Received"] == 3 and rows["Accepted"] == 1 and rows["Not taken forward"] == 1
    assert rows["Still open"] == 1
    assert rows["Median working days to the first answer"] == 2  # 1 and 3 working days
    assert rows["Median working days to the decision"] == sla.working_days_after(monday, monday + timedelta(days=3))

    page = staff.get(reverse("support:reports")).content.decode()
    assert "<h2>Ideas</h2>" in page and "Median working days to the first answer" in page
    text = staff.get(reverse("support:report-export", args=["csv"])).content.decode()
    assert ["Received", "3"] in list(csv.reader(io.StringIO(text)))
    workbook = openpyxl.load_workbook(io.BytesIO(staff.get(reverse("support:report-export", args=["xlsx"])).content))
    assert ["Accepted", 1] in [list(r) for r in workbook["Ideas"].iter_rows(values_only=True)]
