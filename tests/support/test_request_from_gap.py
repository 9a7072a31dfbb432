"""An evidence gap seeds a grant-stage support request: the adviser opens it from the programme's gaps, it is
triaged like any other, and a project started from its case asks the gap's question, has the people who raised it
on its map and shows where it came from."""

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from mobilise.engagement import access as engagement_access
from mobilise.engagement.models import InsightStatus
from mobilise.projects.models import Invitation, Stage
from mobilise.projects.origins import Origin
from mobilise.support import services
from mobilise.support.models import Case, Need, Status, SupportRequest

from ..factories import InsightFactory, StakeholderFactory


@pytest.fixture
def gap(project):
    gap = InsightFactory(
        project=project, question="Would evening clinics help carers attend?", why_it_matters="Carers work days"
    )
    gap.stakeholders.set(
        [StakeholderFactory(project=project, group_name="Carers forum", what_matters="Evening appointments")]
    )
    return gap


@pytest.fixture
def staff(adviser):
    client = Client()
    client.force_login(adviser)
    return client


def test_an_adviser_opens_a_grant_stage_request_from_a_gap(staff, adviser, gap, django_capture_on_commit_callbacks):
    url = reverse("support:request-from-gap", args=[gap.pk])
    page = staff.get(url).content.decode()
    assert "Would evening clinics help carers attend?" in page and "by 1 stakeholder." in page
    assert "Carers forum" not in page  # counted, not copied into the request
    assert not SupportRequest.objects.exists()  # shown first, made only on confirmation
    with django_capture_on_commit_callbacks(execute=True):
        response = staff.post(url)
    made = SupportRequest.objects.get()
    assert response["Location"] == reverse("support:request", args=[made.pk])
    assert made.gap == gap and made.stage == Stage.GRANT_DEVELOPMENT and made.needs == [Need.GRANT]
    assert made.project_title == gap.question and made.email == adviser.email and made.status == Status.SUBMITTED
    assert "Why it matters to them: Carers work days" in made.summary and "CASCADE" in made.summary
    assert not [m for m in mail.outbox if "We have your request" in m.subject]  # the adviser made it: no receipt
    gap.refresh_from_db()
    assert gap.status == InsightStatus.SCOPING
    detail = staff.get(reverse("support:request", args=[made.pk])).content.decode()
    assert "Opened from an" in detail and reverse("engagement:insights", args=[gap.project_id]) in detail
    # Once only: the page says so and a second confirmation opens nothing.
    again = staff.post(url)
    assert again.status_code == 409 and "already has a support request" in again.content.decode()
    assert SupportRequest.objects.count() == 1
    gaps = staff.get(reverse("portfolio:gaps")).content.decode()
    assert f"Support request\n        {made.reference}</a> opened from it" in gaps


def test_the_programme_gaps_offer_it(staff, gap):
    page = staff.get(reverse("portfolio:gaps")).content.decode()
    assert reverse("support:request-from-gap", args=[gap.pk]) in page


def test_a_gap_that_became_a_project_is_not_offered_again(staff, gap, adviser):
    with pytest.raises(services.GapTaken):
        gap.new_project = InsightFactory().project
        gap.save()
        services.request_from_gap(insight=gap, by=adviser)
    url = reverse("support:request-from-gap", args=[gap.pk])
    assert "already has a support request or became a project" in staff.get(url).content.decode()
    assert staff.post(url).status_code == 409
    assert not SupportRequest.objects.exists()


@pytest.mark.parametrize("persona", ["lead", "member", "viewer", "outsider"])
def test_only_advisers_may(request, as_user, gap, persona):
    response = as_user(request.getfixturevalue(persona)).post(reverse("support:request-from-gap", args=[gap.pk]))
    assert response.status_code == 404 and not SupportRequest.objects.exists()


def test_the_project_started_from_its_case_carries_the_gap(staff, adviser, gap, viewer, as_user):
    made = services.request_from_gap(insight=gap, by=adviser)
    services.change_status(support_request=made, status=Status.ACCEPTED, by=adviser, subject="s", message="m")
    case = Case.objects.get(request=made)
    started = staff.post(
        reverse("support:case-project", args=[case.pk]), {"action": "start", "short_title": "EVENING"}, follow=True
    )
    assert "with the people who raised the evidence gap on its map" in started.content.decode()
    case.refresh_from_db()
    project = case.project
    assert not Invitation.objects.filter(project=project).exists()  # the adviser is not made its lead
    assert not project.memberships.exists()
    assert project.research_question == gap.question and project.stage == Stage.GRANT_DEVELOPMENT
    assert [s.name for s in project.stakeholders.all()] == ["Carers forum"]
    gap.refresh_from_db()
    assert gap.new_project == project
    home = staff.get(reverse("project", args=[project.pk])).content.decode()
    assert "Where it came from" in home
    assert "The evidence gap “Would evening clinics help carers attend?”, raised with CASCADE" in home
    assert reverse("engagement:insights", args=[gap.project_id]) in home


def test_a_reader_who_may_not_see_the_source_project_is_not_told_its_name(adviser, gap, outsider):
    made = services.request_from_gap(insight=gap, by=adviser)
    services.change_status(support_request=made, status=Status.ACCEPTED, by=adviser, subject="s", message="m")
    project = services.start_project(case=Case.objects.get(request=made), by=adviser, short_title="EVENING")
    assert engagement_access.gap_origins(project, outsider) == [
        Origin("The evidence gap “Would evening clinics help carers attend?”, raised on another project", None)
    ]
