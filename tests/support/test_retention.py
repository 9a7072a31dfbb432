"""Retention of support requests (core/retention.py, support/retention.py): the nightly `erase_expired` erases
exactly the requests whose retention has ended, keeps the figures the report counts, and does nothing the second
time; advisers erase a requester's details at their wish; the requester's link then says the details are gone."""

from datetime import timedelta
from io import StringIO

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from mobilise.core import links, retention
from mobilise.core.models import PersonalLink
from mobilise.core.retention import months_before
from mobilise.support import reports, services
from mobilise.support.models import (
    AdviceEntry,
    AdviceKind,
    Assessment,
    Case,
    EventKind,
    Need,
    Outcome,
    RequesterType,
    RequestEvent,
    Status,
    SupportRequest,
)

from ..factories import OrganisationFactory, SupportRequestFactory, ThemeFactory

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
    support_request = SupportRequestFactory(
        name="Hannah Okafor",
        email="hannah@example.org",
        organisation=OrganisationFactory(name="Mereshire University"),
        inequalities="Women in Mereshire never screened",
        requester_type=RequesterType.INNOVATOR,
        needs=[Need.GRANT],
        **fields,
    )
    RequestEvent.objects.create(request=support_request, kind=EventKind.INFORMATION, text="Hannah's new phone")
    return support_request


def with_case(closed, **fields):
    support_request = personal(status=Status.ACCEPTED, decided_at=ago(MONTHS + 6), **fields)
    case = Case.objects.create(request=support_request, closed=closed, outcome=Outcome.PLAN if closed else "")
    case.closing_note = "Hannah got her plan" if closed else ""
    case.save()
    AdviceEntry.objects.create(
        case=case, kind=AdviceKind.CALL, minutes=90, notes="Called Hannah", next_step="Send Hannah the template"
    )
    return support_request


def ended(status, when):
    support_request = personal(status=status, decided_at=when if status != Status.WITHDRAWN else None)
    RequestEvent.objects.create(request=support_request, kind=EventKind.STATUS, status=status, when=when)
    return support_request


def erase_expired():
    out = StringIO()
    call_command("erase_expired", stdout=out)
    return out.getvalue()


def assert_erased(support_request):
    support_request.refresh_from_db()
    assert support_request.erased_at is not None
    assert support_request.name == "Erased" and support_request.email == f"erased-{support_request.pk}@invalid"
    assert support_request.organisation is None and support_request.organisation_name == "Erased"
    assert support_request.role == "Erased" and support_request.summary == "Erased"
    assert support_request.inequalities == "Erased"
    assert not support_request.events.filter(text__icontains="hannah").exists()
    assert not AdviceEntry.objects.filter(case__request=support_request, notes__icontains="hannah").exists()
    assert not AdviceEntry.objects.filter(case__request=support_request, next_step__icontains="hannah").exists()
    assert not Case.objects.filter(request=support_request, closing_note__icontains="hannah").exists()


def test_the_command_erases_exactly_the_requests_whose_retention_has_ended(db):
    expired = [
        with_case(closed=ago(MONTHS, days=1)),
        ended(Status.DECLINED, ago(MONTHS, days=1)),
        ended(Status.REDIRECTED, ago(MONTHS + 3)),
        ended(Status.WITHDRAWN, ago(MONTHS, days=1)),
    ]
    kept = [
        with_case(closed=ago(MONTHS - 1)),  # closed, but not long enough ago
        with_case(closed=None),  # a case still open, however old its request
        ended(Status.DECLINED, ago(MONTHS, days=-1)),
        ended(Status.WITHDRAWN, ago(MONTHS - 1)),
        personal(status=Status.SUBMITTED, submitted=ago(MONTHS * 3)),  # open requests never expire
        personal(status=Status.WAITING, submitted=ago(MONTHS * 3)),
    ]

    assert "support.SupportRequest: erased 4 records." in erase_expired()

    for support_request in expired:
        assert_erased(support_request)
    for support_request in kept:
        support_request.refresh_from_db()
        assert support_request.erased_at is None and support_request.name == "Hannah Okafor"
        assert support_request.events.filter(text="Hannah's new phone").exists()


def test_the_command_a_second_time_changes_nothing(db):
    support_request = ended(Status.DECLINED, ago(MONTHS + 1))
    erase_expired()
    support_request.refresh_from_db()
    first = support_request.erased_at

    assert "erased 0 records" in erase_expired()
    support_request.refresh_from_db()
    assert support_request.erased_at == first
    assert services.erase_request(support_request=support_request, by=None) is False


def test_the_months_come_from_the_setting(db, settings):
    support_request = ended(Status.DECLINED, ago(3, days=1))
    erase_expired()
    support_request.refresh_from_db()
    assert support_request.erased_at is None

    settings.RETENTION_MONTHS = 3
    erase_expired()
    support_request.refresh_from_db()
    assert support_request.erased_at is not None


def test_erasing_keeps_the_figures_the_report_counts(db, adviser):
    theme = ThemeFactory(name="Cancer")
    support_request = with_case(
        closed=ago(MONTHS + 1), submitted=ago(MONTHS + 7), first_response_at=ago(MONTHS + 7) + timedelta(days=1)
    )
    support_request.themes.add(theme)
    Case.objects.filter(request=support_request).update(outcome=Outcome.FUNDED)
    AdviceEntry.objects.filter(case__request=support_request).update(
        date=timezone.localdate(ago(MONTHS + 2)), by=adviser
    )
    start, end = timezone.localdate(ago(MONTHS + 8)), timezone.localdate()
    before = reports.report(start, end)

    erase_expired()

    assert_erased(support_request)
    assert reports.report(start, end) == before
    support_request.refresh_from_db()
    assert support_request.requester_type == RequesterType.INNOVATOR and support_request.needs == [Need.GRANT]
    assert list(support_request.themes.all()) == [theme] and support_request.case.outcome == Outcome.FUNDED
    assert AdviceEntry.objects.get(case__request=support_request).minutes == 90


def test_assessment_comments_go_and_ratings_stay(db, adviser):
    support_request = ended(Status.DECLINED, ago(MONTHS + 1))
    services.save_assessment(
        subject=support_request,
        assessor=adviser,
        answers={key: {"rating": "yes", "comment": "Hannah knows"} for key in _criteria()},
    )
    erase_expired()
    answers = Assessment.objects.get(
        content_type=ContentType.objects.get_for_model(SupportRequest), object_id=support_request.pk
    ).answers
    assert {a["rating"] for a in answers.values()} == {"yes"} and {a["comment"] for a in answers.values()} == {"Erased"}


def _criteria():
    from mobilise.support.rubric import REQUEST_CRITERIA as CRITERIA

    return [key for key, _, _ in CRITERIA]


def test_an_adviser_erases_a_requesters_details_at_their_wish(staff, adviser, django_capture_on_commit_callbacks):
    support_request = with_case(closed=None)
    url = reverse("support:erase", args=[support_request.pk])
    record = staff.get(reverse("support:request", args=[support_request.pk])).content.decode()
    assert url in record and "Erase this person's details" in record

    page = staff.get(url).content.decode()
    assert "What goes" in page and "What stays, for our figures" in page and "The request is still open" in page
    support_request.refresh_from_db()
    assert support_request.erased_at is None  # a GET changes nothing

    with django_capture_on_commit_callbacks(execute=True):
        response = staff.post(url)
    assert response.status_code == 302 and response["Location"] == reverse("support:request", args=[support_request.pk])
    assert_erased(support_request)
    support_request.refresh_from_db()
    # Nothing more can be sent to a person we can no longer reach: the request is withdrawn and its case closed.
    assert support_request.status == Status.ACCEPTED and support_request.case.closed is not None
    assert support_request.case.outcome == Outcome.WITHDRAWN
    record = staff.get(reverse("support:request", args=[support_request.pk])).content.decode()
    assert "This person's details were erased" in record and "Hannah" not in record

    again = staff.post(url, follow=True).content.decode()
    assert "had already been erased" in again


def test_erasing_an_open_request_withdraws_it(staff, adviser):
    support_request = personal(status=Status.ASSESSING)
    staff.post(reverse("support:erase", args=[support_request.pk]))
    support_request.refresh_from_db()
    assert support_request.erased_at is not None and support_request.status == Status.WITHDRAWN
    assert support_request.events.filter(kind=EventKind.STATUS, status=Status.WITHDRAWN, by=adviser).exists()


def test_a_project_is_not_started_for_an_erased_requester(staff, db):
    support_request = with_case(closed=None)
    services.erase_request(support_request=support_request, by=None)
    response = staff.post(
        reverse("support:case-project", args=[support_request.case.pk]), {"action": "start", "short_title": "X"}
    )
    assert response.status_code == 400 and "have been erased" in response.content.decode()


def test_the_requesters_link_after_erasure_says_the_details_are_gone(client, db):
    support_request = personal()
    token = links.make_link(services.STATUS_LINK, support_request, expires=None, once=False).token
    url = reverse("support:status", args=[token])
    assert client.get(url).status_code == 200

    services.erase_request(support_request=support_request, by=None)

    assert PersonalLink.objects.get(object_id=support_request.pk).revoked_at is not None
    for response in (client.get(url), client.post(url, {"action": "information", "text": "Hello"})):
        page = response.content.decode()
        assert response.status_code == 410 and "This request&#39;s details have been erased" in page
        assert "Hannah" not in page
    assert not support_request.events.filter(text="Hello").exists()


def test_a_link_revoked_for_another_reason_still_says_cancelled(client, db):
    support_request = personal()
    issued = links.make_link(services.STATUS_LINK, support_request, expires=None, once=False)
    links.revoke(issued.link)
    page = client.get(reverse("support:status", args=[issued.token])).content.decode()
    assert "This link has been cancelled" in page


def test_support_requests_are_registered_for_retention():
    assert retention.retained_for(SupportRequest).noun == "request"
