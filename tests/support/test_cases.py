"""Support cases: accepting a request opens one; advisers log advice with time spent and next steps, start a
project from it with the requester invited as lead (or link one), and close it with its outcome."""

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from mobilise.evaluation import services as evaluation
from mobilise.evaluation.models import FeedbackForm
from mobilise.projects.models import Invitation, Project, Role
from mobilise.support import services
from mobilise.support.models import AdviceEntry, AdviceKind, Case, Outcome, Status

from ..factories import ProjectFactory, SupportRequestFactory, ThemeFactory
from ..queries import assert_max_queries


@pytest.fixture
def staff(adviser):
    client = Client()
    client.force_login(adviser)
    return client


@pytest.fixture
def case(adviser, django_capture_on_commit_callbacks):
    support_request = SupportRequestFactory(
        email="hannah@example.org", funder="NIHR", inequalities="Women never screened"
    )
    support_request.themes.add(ThemeFactory(name="Cancer"))
    with django_capture_on_commit_callbacks(execute=True):
        services.change_status(
            support_request=support_request, status=Status.ACCEPTED, by=adviser, subject="s", message="m"
        )
    mail.outbox.clear()
    return Case.objects.get(request=support_request)


def test_accepting_a_request_opens_a_case_led_by_the_adviser(case, adviser):
    assert case.is_open and case.lead == adviser and list(case.advisers.all()) == [adviser]


def test_advice_is_logged_with_time_and_a_next_step(staff, case, adviser):
    url = reverse("support:advice", args=[case.pk])
    bad = staff.post(
        url,
        {
            "kind": "nonsense",
            "minutes": "-5",
            "next_step_due[day]": "1",
            "next_step_due[month]": "2",
            "next_step_due[year]": "2027",
        },
    )
    page = bad.content.decode()
    assert bad.status_code == 400 and "nhsuk-error-summary" in page
    assert "Enter the next step, or leave its date empty" in page and not AdviceEntry.objects.exists()
    data = {
        "date[day]": "3",
        "date[month]": "11",
        "date[year]": "2026",
        "kind": AdviceKind.MEETING,
        "minutes": "90",
        "notes": "Mapped stakeholders.",
        "next_step": "Send the draft plan",
        "next_step_due[day]": "10",
        "next_step_due[month]": "12",
        "next_step_due[year]": "2026",
    }
    assert staff.post(url, data).status_code == 302
    entry = AdviceEntry.objects.get()
    assert entry.by == adviser and entry.minutes == 90 and not entry.next_step_done
    page = staff.get(reverse("support:case", args=[case.pk])).content.decode()
    assert "1.5 hours in all" in page and "Send the draft plan" in page
    staff.post(reverse("support:step-done", args=[case.pk, entry.pk]))
    entry.refresh_from_db()
    assert entry.next_step_done


def test_a_project_starts_from_the_case_and_the_requester_is_invited_to_lead(
    staff, case, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = staff.post(
            reverse("support:case-project", args=[case.pk]), {"action": "start", "short_title": "PEER"}
        )
    assert response.status_code == 302
    case.refresh_from_db()
    project = case.project
    assert project.title == case.request.project_title and project.summary == case.request.summary
    assert project.short_title == "PEER" and project.funder == "NIHR" and project.health_inequalities_focus
    assert [t.name for t in project.themes.all()] == ["Cancer"]
    invitation = Invitation.objects.get(project=project)
    assert invitation.email == "hannah@example.org" and invitation.role == Role.LEAD
    assert [m.to for m in mail.outbox] == [["hannah@example.org"]]


def test_an_existing_project_can_be_linked_instead(staff, case):
    project = ProjectFactory()
    staff.post(reverse("support:case-project", args=[case.pk]), {"action": "link", "project": project.pk})
    case.refresh_from_db()
    assert case.project == project
    refused = staff.post(reverse("support:case-project", args=[case.pk]), {"action": "link", "project": "999999"})
    assert refused.status_code == 400


def test_closing_records_the_outcome(staff, case):
    assert staff.post(reverse("support:close", args=[case.pk]), {"outcome": "nonsense"}).status_code == 400
    staff.post(reverse("support:close", args=[case.pk]), {"outcome": Outcome.FUNDED, "note": "Funded in round 3"})
    case.refresh_from_db()
    assert not case.is_open and case.outcome == Outcome.FUNDED and case.closing_note == "Funded in round 3"
    page = staff.get(reverse("support:case", args=[case.pk])).content.decode()
    assert "Closed: Grant funded" in page and "Log advice" not in page


def test_closing_can_send_the_exit_survey_whose_answers_show_on_the_case(
    staff, case, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        staff.post(reverse("support:close", args=[case.pk]), {"outcome": Outcome.PLAN, "survey": "on"})
    [survey] = FeedbackForm.objects.filter(owner_id=case.pk)
    assert survey.owner == case and survey.project is None
    [sent] = mail.outbox
    link = reverse("feedback", args=[survey.token])
    assert sent.to == ["hannah@example.org"] and link in sent.body and case.request.reference in sent.subject

    # The requester answers without signing in, through the evaluation app's public form.
    visitor = Client()
    form_page = visitor.get(link).content.decode()
    assert "How satisfied are you" in form_page and "Did you get what you needed?" in form_page
    questions = list(survey.questions.all())
    evaluation.record_response(
        form=survey, answers={questions[0].pk: "4", questions[1].pk: "Partly", questions[3].pk: "Clear advice"}
    )
    page = staff.get(reverse("support:case", args=[case.pk])).content.decode()
    assert "Exit survey: 1 response" in page and "average 4.0 out of 5" in page and "Clear advice" in page

    # Closing again sends nothing more.
    staff.post(reverse("support:close", args=[case.pk]), {"outcome": Outcome.PLAN, "survey": "on"})
    assert FeedbackForm.objects.count() == 1 and len(mail.outbox) == 1


def test_no_survey_unless_asked_or_once_the_requester_is_erased(staff, case, adviser):
    staff.post(reverse("support:close", args=[case.pk]), {"outcome": Outcome.PLAN})
    assert not FeedbackForm.objects.exists()
    other = Case.objects.get(pk=case.pk)
    Case.objects.filter(pk=case.pk).update(closed=None)
    services.erase_request(support_request=other.request, by=adviser)
    services.close_case(case=other, outcome=Outcome.WITHDRAWN, survey=True)
    assert not FeedbackForm.objects.exists() and not mail.outbox


def test_case_pages_take_the_same_queries_however_much_advice(staff, case, adviser):
    with assert_max_queries(12):
        staff.get(reverse("support:case", args=[case.pk]))
        staff.get(reverse("support:cases"))
    for n in range(10):
        services.log_advice(case=case, by=adviser, kind=AdviceKind.CALL, minutes=30, notes=f"Call {n}")
    with assert_max_queries(12):
        staff.get(reverse("support:case", args=[case.pk]))
        staff.get(reverse("support:cases"))
    assert Project.objects.count() == 0
