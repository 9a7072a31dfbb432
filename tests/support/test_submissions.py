"""Requests and ideas are both Submissions: named by their reference, listed newest first, open by their own statuses,
with a history read oldest first."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from mobilise.core.models import SiteSettings
from mobilise.support.models import (
    IDEA_OPEN,
    OPEN_STATUSES,
    EventKind,
    Idea,
    IdeaEvent,
    IdeaEventKind,
    IdeaStatus,
    RequestEvent,
    Status,
    SupportRequest,
)
from mobilise.support.services import RequestClosed, lock_open, record_status, send_receipt, stamp_answer

from ..factories import IdeaEventFactory, IdeaFactory, RequestEventFactory, SupportRequestFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "factory, statuses, open_ones",
    [(SupportRequestFactory, Status, OPEN_STATUSES), (IdeaFactory, IdeaStatus, IDEA_OPEN)],
)
def test_each_kind_is_open_while_its_own_status_is_open(factory, statuses, open_ones):
    for status in statuses:
        assert factory.build(status=status).is_open == (status in open_ones)


@pytest.mark.parametrize(
    "factory, open_status, closed_status",
    [(SupportRequestFactory, Status.WAITING, Status.DECLINED), (IdeaFactory, IdeaStatus.WAITING, IdeaStatus.NOT_TAKEN)],
)
def test_each_kind_is_locked_for_a_change_only_while_open(factory, open_status, closed_status):
    submission = factory(status=open_status)
    locked = lock_open(submission)
    assert (type(locked), locked.pk) == (type(submission), submission.pk)
    type(submission).objects.filter(pk=submission.pk).update(status=closed_status)
    with pytest.raises(RequestClosed):
        lock_open(submission)  # read afresh: the stale instance still says open


def test_each_kind_is_named_by_its_reference_and_title():
    assert str(SupportRequestFactory.build(reference="R-1", project_title="CASCADE")) == "R-1: CASCADE"
    assert str(IdeaFactory.build(reference="I-1", title="Walking groups")) == "I-1: Walking groups"


@pytest.mark.parametrize("factory, model", [(SupportRequestFactory, SupportRequest), (IdeaFactory, Idea)])
def test_each_kind_lists_newest_first(factory, model):
    now = timezone.now()
    older, newer = factory(submitted=now - datetime.timedelta(days=2)), factory(submitted=now)
    assert list(model.objects.all()) == [newer, older]


def test_each_history_reads_oldest_first():
    now = timezone.now()
    request, idea = SupportRequestFactory(), IdeaFactory()
    later = RequestEventFactory(request=request, when=now)
    earlier = RequestEventFactory(request=request, when=now - datetime.timedelta(hours=1))
    assert list(RequestEvent.objects.filter(pk__in=[later.pk, earlier.pk])) == [earlier, later]
    later = IdeaEventFactory(idea=idea, when=now)
    earlier = IdeaEventFactory(idea=idea, when=now - datetime.timedelta(hours=1))
    assert list(IdeaEvent.objects.filter(pk__in=[later.pk, earlier.pk])) == [earlier, later]


@pytest.mark.parametrize("factory", [SupportRequestFactory, IdeaFactory])
def test_each_kind_gets_one_receipt_with_its_reference_and_private_link(factory, django_capture_on_commit_callbacks):
    submission = factory(name="Sam Okafor", email="sam@example.org")
    site = SiteSettings.objects.update_or_create(pk=1, defaults={"name": "Hub", "contact_email": "kmb@hub.example"})[0]
    with django_capture_on_commit_callbacks(execute=True):
        send_receipt(
            obj=submission, site=site, subject="We have it", thanks="Thank you.", next_steps="We will reply.", url="U"
        )
    [receipt] = mail.outbox
    assert receipt.to == ["sam@example.org"] and receipt.reply_to == ["kmb@hub.example"]
    assert receipt.body == (
        f"Dear Sam Okafor,\n\nThank you. Your reference is {submission.reference}.\n\n"
        "We will reply. You can see where it has got to, add information or withdraw it at any time through this "
        "private link:\n\nU\n\nKeep this email: the link is only for you, so do not share it.\n\nHub\n"
    )


@pytest.mark.parametrize(
    "factory, kind, status",
    [
        (SupportRequestFactory, EventKind.WITHDRAWN, Status.WITHDRAWN),
        (IdeaFactory, IdeaEventKind.STATUS, IdeaStatus.WAITING),
    ],
)
def test_each_kind_records_a_new_status_in_its_own_history(factory, kind, status, adviser):
    submission = factory()
    record_status(submission, status, kind=kind, by=adviser, text="Why")
    submission.refresh_from_db()
    assert submission.status == status
    entry = submission.events.last()
    assert (entry.kind, entry.status, entry.by, entry.text) == (kind, status, adviser, "Why")


@pytest.mark.parametrize("factory", [SupportRequestFactory, IdeaFactory])
def test_the_first_change_is_the_first_answer_and_the_first_decision_the_decision(factory):
    submission = factory()
    first, second, third = (timezone.now() + datetime.timedelta(days=days) for days in (1, 2, 3))
    stamp_answer(submission, first, decided=False)
    assert (submission.first_response_at, submission.decided_at) == (first, None)
    stamp_answer(submission, second, decided=True)
    assert (submission.first_response_at, submission.decided_at) == (first, second)
    stamp_answer(submission, third, decided=True)
    assert (submission.first_response_at, submission.decided_at) == (first, second)
