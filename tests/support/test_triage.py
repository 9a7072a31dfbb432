"""Advisers triage requests: the queue against the working-day service level, filters, assigning, and moving a
request on with an email the adviser edits; first response and decision times are kept as they happen."""

from datetime import timedelta
from importlib import import_module

import pytest
from django.apps import apps
from django.conf import settings
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from mobilise.support import services, sla
from mobilise.support.models import Assessment, EventKind, Need, RequesterType, Status, SupportRequest
from mobilise.support.rubric import REQUEST_CRITERIA as CRITERIA

from ..factories import SupportRequestFactory, ThemeFactory, UserFactory
from ..queries import assert_max_queries

QUEUE = reverse("support:requests")


@pytest.fixture
def staff(adviser):
    client = Client()
    client.force_login(adviser)
    return client


def _move(staff, support_request, status, capture, **data):
    with capture(execute=True):
        return staff.post(reverse("support:change-status", args=[support_request.pk, status]), data)


def test_accepting_emails_the_requester_and_keeps_the_facts(staff, adviser, django_capture_on_commit_callbacks):
    support_request = SupportRequestFactory(email="nia@example.org")
    page = staff.get(reverse("support:change-status", args=[support_request.pk, Status.ACCEPTED])).content.decode()
    assert "We are glad to tell you that we can support" in page  # the draft the adviser edits
    response = _move(
        staff,
        support_request,
        Status.ACCEPTED,
        django_capture_on_commit_callbacks,
        subject="Good news",
        message="Dear Nia, we can help. Ben will call you.",
    )
    assert response.status_code == 302
    support_request.refresh_from_db()
    assert support_request.status == Status.ACCEPTED
    assert support_request.first_response_at is not None and support_request.decided_at is not None
    [message] = mail.outbox
    assert message.to == ["nia@example.org"] and message.subject == "Good news"
    assert "Ben will call you." in message.body and "/support/your-request/" in message.body
    assert support_request.events.filter(kind=EventKind.STATUS, by=adviser).exists()


def test_the_first_response_is_kept_and_not_moved_by_later_changes(staff, django_capture_on_commit_callbacks):
    support_request = SupportRequestFactory()
    _move(staff, support_request, Status.ASSESSING, django_capture_on_commit_callbacks, subject="s", message="m")
    support_request.refresh_from_db()
    first = support_request.first_response_at
    assert first is not None and support_request.decided_at is None
    _move(staff, support_request, Status.WAITING, django_capture_on_commit_callbacks, subject="s", message="m")
    support_request.refresh_from_db()
    assert support_request.first_response_at == first


def test_declining_needs_a_reason_and_a_finished_email(staff, django_capture_on_commit_callbacks):
    support_request = SupportRequestFactory()
    draft = staff.get(reverse("support:change-status", args=[support_request.pk, Status.DECLINED])).content.decode()
    assert "[the reason]" in draft
    response = _move(
        staff,
        support_request,
        Status.DECLINED,
        django_capture_on_commit_callbacks,
        subject="About your request",
        message="We cannot help because: [the reason]",
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "Enter the reason" in page and "Replace [the reason] in the email with the reason" in page
    support_request.refresh_from_db()
    assert support_request.status == Status.SUBMITTED and not mail.outbox


def test_a_closed_request_cannot_move(staff, django_capture_on_commit_callbacks):
    support_request = SupportRequestFactory(status=Status.WITHDRAWN)
    response = _move(
        staff, support_request, Status.ACCEPTED, django_capture_on_commit_callbacks, subject="s", message="m"
    )
    assert response.status_code == 302
    support_request.refresh_from_db()
    assert support_request.status == Status.WITHDRAWN and not mail.outbox


def test_an_unknown_status_is_not_found(staff):
    support_request = SupportRequestFactory()
    assert staff.get(reverse("support:change-status", args=[support_request.pk, "nonsense"])).status_code == 404
    assert staff.get(reverse("support:change-status", args=[support_request.pk, "submitted"])).status_code == 404


def test_the_queue_flags_late_first_responses_and_ages_in_working_days(staff):
    now = timezone.now()
    late = SupportRequestFactory(project_title="Late one", submitted=now - timedelta(days=14))
    SupportRequestFactory(project_title="Fresh one", submitted=now)
    page = staff.get(QUEUE).content.decode()
    assert "Late one" in page and "Fresh one" in page
    assert page.count("First response overdue") == 1
    late_row = page[page.index("Late one") :].split("</tr>")[0]
    age = sla.working_days_after(timezone.localdate(late.submitted), timezone.localdate())
    assert age >= 8 and f'nhsuk-table__cell--numeric">{age}</td>' in late_row


def test_waiting_on_the_requester_is_not_late(staff):
    support_request = SupportRequestFactory(submitted=timezone.now() - timedelta(days=14), status=Status.WAITING)
    support_request.first_response_at = support_request.submitted + timedelta(hours=2)
    support_request.save()
    support_request.events.create(kind=EventKind.STATUS, status=Status.WAITING, when=support_request.first_response_at)
    page = staff.get(QUEUE).content.decode()
    assert "First response overdue" not in page and "Clock paused" in page


def test_filters_narrow_the_queue(staff, adviser):
    theme = ThemeFactory(name="Diabetes")
    grant = SupportRequestFactory(project_title="Grant help", needs=[Need.GRANT], assignee=adviser)
    grant.themes.add(theme)
    SupportRequestFactory(project_title="Plan help", needs=[Need.PLAN], requester_type=RequesterType.INNOVATOR)
    SupportRequestFactory(project_title="Done already", status=Status.DECLINED)

    def titles(**query):
        page = staff.get(QUEUE, query).content.decode()
        return {t for t in ("Grant help", "Plan help", "Done already") if t in page}

    assert titles() == {"Grant help", "Plan help"}  # open requests by default
    assert titles(status="all") == {"Grant help", "Plan help", "Done already"}
    assert titles(need=Need.GRANT) == {"Grant help"}
    assert titles(requester_type=RequesterType.INNOVATOR) == {"Plan help"}
    assert titles(theme=theme.pk) == {"Grant help"}
    assert titles(assignee=adviser.pk) == {"Grant help"}
    assert titles(need="nonsense", theme="x") == {"Grant help", "Plan help"}  # a bad filter is ignored


def test_assigning_an_adviser(staff, adviser):
    support_request = SupportRequestFactory()
    staff.post(reverse("support:assign", args=[support_request.pk]), {"assignee": adviser.pk})
    support_request.refresh_from_db()
    assert support_request.assignee == adviser
    not_an_adviser = UserFactory()
    staff.post(reverse("support:assign", args=[support_request.pk]), {"assignee": not_an_adviser.pk})
    support_request.refresh_from_db()
    assert support_request.assignee == adviser


def test_the_queue_and_a_record_take_the_same_queries_however_many_requests(staff):
    SupportRequestFactory()
    with assert_max_queries(9):
        staff.get(QUEUE)
    for _ in range(15):
        request = SupportRequestFactory(status=Status.WAITING)
        request.events.create(kind=EventKind.STATUS, status=Status.WAITING)
        request.themes.add(ThemeFactory())
    with assert_max_queries(9):
        staff.get(QUEUE)
    record = reverse("support:request", args=[SupportRequest.objects.first().pk])
    staff.get(record)  # process-wide caches (content types) filled, as in a running server
    with assert_max_queries(9):
        staff.get(record)


def test_a_requester_sees_the_decision_in_their_history(db, adviser, django_capture_on_commit_callbacks):
    support_request = SupportRequestFactory()
    with django_capture_on_commit_callbacks(execute=True):
        services.change_status(
            support_request=support_request,
            status=Status.REDIRECTED,
            by=adviser,
            subject="s",
            message="m",
            reason="The Vale Research Design Service helps with grant methods.",
        )
    link = next(word for word in mail.outbox[0].body.split() if "/support/your-request/" in word)
    page = Client().get(link.removeprefix(settings.SITE_URL.rstrip("/"))).content.decode()
    assert "Passed to another organisation" in page
    assert "The Vale Research Design Service helps with grant methods." in page


def test_several_advisers_assess_a_request_side_by_side(staff, adviser):
    support_request = SupportRequestFactory()
    url = reverse("support:assess", args=[support_request.pk])
    incomplete = staff.post(url, {"readiness_rating": "yes"})
    assert incomplete.status_code == 400 and "Rate “Evidence so far”" in incomplete.content.decode()
    answers = {f"{key}_rating": "partly" for key, _, _ in CRITERIA} | {"equity_rating": "no", "equity_comment": "No"}
    assert staff.post(url, answers).status_code == 302
    colleague = Client()
    colleague.force_login(UserFactory(is_adviser=True, full_name="Tom Hughes"))
    colleague.post(url, {f"{key}_rating": "yes" for key, _, _ in CRITERIA})
    staff.post(url, answers | {"readiness_rating": "yes"})  # changing one's own assessment replaces it

    assert Assessment.objects.count() == 2
    page = staff.get(reverse("support:request", args=[support_request.pk])).content.decode()
    assert "Tom Hughes" in page and adviser.full_name in page and "Change your assessment" in page
    equity_row = page[page.index('class="nhsuk-table__header">Equity') :].split("</tr>")[0]
    assert "<strong>No</strong>" in equity_row and "<strong>Yes</strong>" in equity_row
    assert staff.get(url).content.decode().count("checked") == len(CRITERIA)  # the form shows one's answers


def test_working_days_to_answer_are_kept_as_the_answers_happen(staff, django_capture_on_commit_callbacks):
    friday = timezone.make_aware(timezone.datetime(2026, 11, 27, 16))
    support_request = SupportRequestFactory(submitted=friday)
    assert support_request.first_response_days is None
    _move(staff, support_request, Status.ASSESSING, django_capture_on_commit_callbacks, subject="s", message="m")
    support_request.refresh_from_db()
    answered = sla.working_days_after(friday.date(), timezone.localdate())
    assert (support_request.first_response_days, support_request.decision_days) == (answered, None)
    _move(staff, support_request, Status.ACCEPTED, django_capture_on_commit_callbacks, subject="s", message="m")
    support_request.refresh_from_db()
    assert (support_request.first_response_days, support_request.decision_days) == (answered, answered)


def test_requests_answered_before_the_days_were_kept_get_them_from_their_moments(db):
    friday = timezone.make_aware(timezone.datetime(2026, 11, 27, 16))
    # Inserted as rows were before: the moments without the days (bulk inserts skip save()).
    SupportRequest.objects.bulk_create(
        [
            SupportRequestFactory.build(
                submitted=friday, first_response_at=friday + timedelta(days=3), decided_at=friday + timedelta(days=7)
            ),
            SupportRequestFactory.build(reference="KMB-OPEN", submitted=friday),
        ]
    )
    import_module("mobilise.support.migrations.0007_working_days_kept").count_days(apps, None)
    kept = dict(SupportRequest.objects.values_list("first_response_at", "first_response_days"))
    assert kept == {friday + timedelta(days=3): 1, None: None}  # Monday, then nothing for the open one
    assert SupportRequest.objects.get(first_response_days=1).decision_days == 5  # Monday to Friday
