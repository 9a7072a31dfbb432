"""The suppression list, honoured by core.mail for every app: a suppressed address is sent nothing, except, for
an address whose owner asked for no more emails, what they ask for at the time (a registration's confirmation)."""

import datetime
import json

import pytest
from django.core import mail as outbox
from django.utils import timezone

from mobilise.core import mail, reviews, suppression
from mobilise.core.models import Suppression, SuppressionReason
from mobilise.engagement import services as engagement
from mobilise.engagement import services_workshops
from mobilise.events import seats
from mobilise.events import services as events
from mobilise.projects import services as projects
from mobilise.projects.models import Role
from mobilise.stakeholders import services as stakeholders
from mobilise.support.models import Idea, SupportRequest

from ..factories import EventFactory, OutputFactory, PersonFactory, RegistrationFactory, SectionFactory, UserFactory
from ..support.test_ideas_public import CHECK as IDEA_CHECK
from ..support.test_ideas_public import FORM as IDEA_FORM
from ..support.test_ideas_public import answers as idea_answers
from ..support.test_requests import CHECK as REQUEST_CHECK
from ..support.test_requests import FORM as REQUEST_FORM
from ..support.test_requests import answers as request_answers

ADDRESS = "sam@example.org"


@pytest.fixture
def run(django_capture_on_commit_callbacks):
    def run(do, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return do(*args, **kwargs)

    return run


def sent_to(address=ADDRESS):
    return [m for m in outbox.outbox if address in [suppression.normal(a) for a in m.to]]


def test_a_suppressed_address_is_left_out_and_the_rest_are_sent(db, run):
    suppression.suppress("Sam@Example.org ", reason=SuppressionReason.BOUNCED)
    run(mail.send_mail, subject="Hello", body="Hi", to=["SAM@example.org", "raj@example.org"])
    [message] = outbox.outbox
    assert message.to == ["raj@example.org"]
    run(mail.send_mail, subject="Hello", body="Hi", to=["Sam Okoro <sam@example.org>"])
    assert len(outbox.outbox) == 1  # nobody left: nothing sent


def test_a_suppression_added_after_the_message_was_queued_still_stops_it(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as queued:
        mail.send_mail(subject="Hello", body="Hi", to=[ADDRESS])
    suppression.suppress(ADDRESS, reason=SuppressionReason.COMPLAINED)
    for callback in queued:
        callback()
    assert outbox.outbox == []


@pytest.mark.parametrize(
    "reason, requested_goes",
    [
        (SuppressionReason.UNSUBSCRIBED, True),
        (SuppressionReason.BOUNCED, False),
        (SuppressionReason.COMPLAINED, False),
        (SuppressionReason.STAFF, False),
    ],
)
def test_only_their_own_unsubscribe_lets_what_they_asked_for_through(db, run, reason, requested_goes):
    suppression.suppress(ADDRESS, reason=reason)
    run(mail.send_mail, subject="Newsletter", body="Hi", to=[ADDRESS])
    assert outbox.outbox == []
    run(mail.send_mail, subject="Your place is booked", body="Hi", to=[ADDRESS], requested=True)
    assert len(outbox.outbox) == int(requested_goes)


def test_a_bounce_outranks_an_unsubscribe_and_is_not_lifted_by_a_new_subscription(db):
    suppression.suppress(ADDRESS, reason=SuppressionReason.UNSUBSCRIBED)
    suppression.suppress(ADDRESS, reason=SuppressionReason.BOUNCED, note="550 no such user")
    suppression.suppress(ADDRESS, reason=SuppressionReason.UNSUBSCRIBED)
    assert Suppression.objects.get().reason == SuppressionReason.BOUNCED
    assert not suppression.lift_unsubscribe(ADDRESS)
    assert suppression.is_suppressed(ADDRESS, requested=True)


def test_headers_and_the_flag_travel_through_the_task_as_plain_json(db, monkeypatch):
    seen = {}
    monkeypatch.setattr(mail, "enqueue_on_commit", lambda task, **kwargs: seen.update(kwargs))
    mail.send_mail(subject="S", body="B", to=[ADDRESS], headers={"List-Unsubscribe-Post": "List-Unsubscribe=One-Click"})
    assert json.loads(json.dumps(seen)) == seen
    assert seen["headers"] == {"List-Unsubscribe-Post": "List-Unsubscribe=One-Click"} and seen["requested"] is False


def test_staff_manage_the_list_in_the_admin_site(client, db):
    admin = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(admin)
    response = client.post(
        "/admin/core/suppression/add/", {"email": "Bounced@Example.org", "reason": "bounced", "note": ""}
    )
    assert response.status_code == 302
    row = Suppression.objects.get()
    assert row.email == "bounced@example.org" and row.created_by == admin
    assert client.get("/admin/core/suppression/").status_code == 200
    client.post(f"/admin/core/suppression/{row.pk}/delete/", {"post": "yes"})
    assert not Suppression.objects.exists()


# Each app that sends mail, with the address suppressed (bounced: nothing gets through).


@pytest.fixture
def bounced(db, monkeypatch):
    """The address bounced; the test checks that its app's message was left out (not merely never made)."""
    left_out = []
    blocked = suppression.blocked

    def watching(addresses, **kwargs):
        left_out.extend(found := blocked(addresses, **kwargs))
        return found

    monkeypatch.setattr(suppression, "blocked", watching)
    yield suppression.suppress(ADDRESS, reason=SuppressionReason.BOUNCED)
    assert left_out and {suppression.normal(a) for a in left_out} == {ADDRESS}


def test_projects_invitations_skip_a_suppressed_address(run, bounced, project, lead):
    run(projects.add_or_invite, project=project, email=ADDRESS, role=Role.MEMBER, by=lead)
    assert sent_to() == []
    run(projects.add_or_invite, project=project, email="nia@example.org", role=Role.MEMBER, by=lead)
    assert sent_to("nia@example.org")


def test_workshop_invitations_skip_a_suppressed_address(run, bounced, project, lead):
    person = PersonFactory(full_name="Sam Okoro", email=ADDRESS)
    stakeholder = stakeholders.add_stakeholder(project=project, by=lead, person=person)
    starts = timezone.now() + datetime.timedelta(days=14)
    workshop = engagement.create_workshop(
        project=project, title="Workshop", purpose="Talk", starts=starts, ends=starts + datetime.timedelta(hours=2)
    )
    engagement.invite(workshop=workshop, stakeholders=[stakeholder])
    run(services_workshops.send_invitations, workshop=workshop, by=lead)
    assert sent_to() == []


def test_review_requests_skip_a_suppressed_address(run, bounced, project, lead):
    reviewer = UserFactory(email=ADDRESS)
    project.memberships.create(user=reviewer, role=Role.MEMBER)
    output = OutputFactory(project=project, created_by=lead)
    SectionFactory(output=output)
    run(reviews.request_review, obj=output, by=lead, reviewers=[reviewer])
    assert sent_to() == []


def test_support_requests_and_ideas_skip_a_suppressed_address(client, bounced, django_capture_on_commit_callbacks):
    for form, check, answers in ((REQUEST_FORM, REQUEST_CHECK, request_answers), (IDEA_FORM, IDEA_CHECK, idea_answers)):
        with django_capture_on_commit_callbacks(execute=True):
            assert client.post(form, answers(email=ADDRESS)).status_code == 302
            assert client.post(check).status_code == 302
    assert sent_to() == []
    assert SupportRequest.objects.count() == Idea.objects.count() == 1


def test_support_receipts_still_reach_someone_who_only_unsubscribed(client, db, django_capture_on_commit_callbacks):
    suppression.suppress(ADDRESS, reason=SuppressionReason.UNSUBSCRIBED)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(REQUEST_FORM, request_answers(email=ADDRESS))
        client.post(REQUEST_CHECK)
    assert len(sent_to()) == 1


def test_events_send_a_suppressed_address_nothing(run, bounced):
    event = EventFactory()
    run(seats.register, event=event, fields={"name": "Sam", "email": ADDRESS})
    RegistrationFactory(event=event, email="raj@example.org")
    run(events.message_all, event=event, audience="all", subject="News", text="Hello")
    assert sent_to() == [] and sent_to("raj@example.org")


def test_events_confirm_a_registration_to_someone_who_only_unsubscribed(run, db):
    suppression.suppress(ADDRESS, reason=SuppressionReason.UNSUBSCRIBED)
    event = EventFactory()
    run(seats.register, event=event, fields={"name": "Sam", "email": ADDRESS})
    assert [m.subject for m in sent_to()] == [f"Your place is booked: {event.title}"]
    run(events.message_all, event=event, audience="all", subject="News", text="Hello")
    assert len(sent_to()) == 1  # a message they did not ask for this minute does not go
