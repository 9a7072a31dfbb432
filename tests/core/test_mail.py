"""The one way to send mail (core.mail) and to run slow work (core.tasks): queued on commit, retried, visible."""

import datetime
import logging

import pytest
from django.core import mail as outbox
from django.core.mail.backends.locmem import EmailBackend
from django.db import transaction
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.management.commands import db_worker
from django_tasks_db.models import DBTaskResult

from mobilise.core import mail, tasks

from ..factories import UserFactory

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


class FlakyBackend(EmailBackend):
    """Refuses the first `failures` messages, as a mail server that is down for a while would."""

    failures = 0

    def send_messages(self, messages):
        if FlakyBackend.failures:
            FlakyBackend.failures -= 1
            raise ConnectionRefusedError("mail server down")
        return super().send_messages(messages)


@pytest.fixture
def flaky(settings):
    settings.EMAIL_BACKEND = "tests.core.test_mail.FlakyBackend"
    yield FlakyBackend
    FlakyBackend.failures = 0


def invitation(**extra):
    return mail.send_mail(subject="Invitation", body="Please come", to=["raj@example.org"], **extra)


def run_worker(monkeypatch):
    """The database backend's worker, in this process and transaction, until no task is ready."""
    # Between tasks it closes connections that are not in autocommit; here that would close the test's transaction.
    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)
    db_worker.Worker(
        queue_names=["default"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="test-worker",
        excluded_queue_names=[],
    ).run()


def test_mail_is_queued_when_the_write_commits(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        invitation()
        assert outbox.outbox == []
    assert len(callbacks) == 1 and outbox.outbox == []
    callbacks[0]()
    assert [m.subject for m in outbox.outbox] == ["Invitation"]


def test_nothing_is_sent_for_a_rolled_back_write(db, django_capture_on_commit_callbacks):
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        invitation()
        raise RuntimeError("the write failed")
    assert callbacks == [] and outbox.outbox == []


def test_every_part_of_the_message_is_kept(db, django_capture_on_commit_callbacks):
    ics = b"BEGIN:VCALENDAR\r\nMETHOD:REQUEST\r\nEND:VCALENDAR\r\n"
    pdf = b"%PDF-1.7\n\xe2\xe3\xcf\xd3"
    with django_capture_on_commit_callbacks(execute=True):
        invitation(
            reply_to=["lead@example.org"],
            from_email="Team <team@example.org>",
            html="<p>Please come</p>",
            attachments=[
                mail.attachment("invitation.ics", ics, "text/calendar; method=REQUEST; charset=utf-8"),
                mail.attachment("brief.pdf", pdf, "application/pdf"),
            ],
        )
    (message,) = outbox.outbox
    assert message.to == ["raj@example.org"] and message.reply_to == ["lead@example.org"]
    assert message.from_email == "Team <team@example.org>" and message.body == "Please come"
    assert message.alternatives[0][0] == "<p>Please come</p>"
    assert message.attachments[0] == ("invitation.ics", ics.decode(), "text/calendar; method=REQUEST; charset=utf-8")
    assert message.attachments[1] == ("brief.pdf", pdf, "application/pdf")


def test_the_queued_arguments_are_plain_json(db, settings, django_capture_on_commit_callbacks):
    settings.TASKS = DATABASE_TASKS
    with django_capture_on_commit_callbacks(execute=True):
        invitation(attachments=[mail.attachment("invitation.ics", "BEGIN:VCALENDAR", "text/calendar")])
    queued = DBTaskResult.objects.get()
    assert queued.task_path == "mobilise.core.mail.send_message" and queued.status == TaskResultStatus.READY
    assert queued.args_kwargs["kwargs"]["attachments"][0]["content"] == "BEGIN:VCALENDAR"
    assert outbox.outbox == []


def test_a_failed_delivery_is_retried_until_it_goes(db, flaky, django_capture_on_commit_callbacks):
    flaky.failures = 2
    with django_capture_on_commit_callbacks(execute=True):
        invitation()
    assert [m.subject for m in outbox.outbox] == ["Invitation"]


def test_retries_are_bounded_and_the_last_failure_is_logged(db, flaky, caplog, django_capture_on_commit_callbacks):
    flaky.failures = 100
    with caplog.at_level(logging.ERROR, logger="mobilise.core.tasks"), django_capture_on_commit_callbacks(execute=True):
        invitation()
    assert outbox.outbox == [] and flaky.failures == 100 - tasks.MAX_ATTEMPTS
    assert f"failed {tasks.MAX_ATTEMPTS} times" in caplog.text


def test_the_worker_retries_later_and_staff_see_failed_and_waiting_tasks(
    db, settings, flaky, client, monkeypatch, django_capture_on_commit_callbacks
):
    settings.TASKS = DATABASE_TASKS
    flaky.failures = 1
    with django_capture_on_commit_callbacks(execute=True):
        invitation()
    before = timezone.now()
    run_worker(monkeypatch)
    failed = DBTaskResult.objects.get(status=TaskResultStatus.FAILED)
    assert "ConnectionRefusedError" in failed.exception_class_path and "mail server down" in failed.traceback
    waiting = DBTaskResult.objects.get(status=TaskResultStatus.READY)
    assert waiting.args_kwargs["kwargs"]["attempt"] == 2
    assert waiting.run_after >= before + tasks.RETRY_DELAYS[0] - datetime.timedelta(seconds=1)
    assert outbox.outbox == []

    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    listing = "/admin/django_tasks_database/dbtaskresult/"
    page = client.get(listing, {"status__exact": "FAILED"}).content.decode()
    assert str(failed.id) in page and str(waiting.id) not in page and "send_message" in page
    page = client.get(listing, {"status__exact": "READY"}).content.decode()
    assert str(waiting.id) in page and str(failed.id) not in page
    page = client.get(f"{listing}{failed.id}/change/").content.decode()
    assert "mail server down" in page

    DBTaskResult.objects.filter(pk=waiting.pk).update(run_after=timezone.now())  # the delay has passed
    run_worker(monkeypatch)
    assert [m.subject for m in outbox.outbox] == ["Invitation"]
    assert DBTaskResult.objects.get(pk=waiting.pk).status == TaskResultStatus.SUCCESSFUL


@pytest.mark.engine_neutral  # settings read in a subprocess: the same on every engine
def test_task_backend_is_chosen_from_the_environment():
    from .test_platform import _manage

    result = _manage("shell", "-c", "from django.conf import settings; print(settings.TASKS)", TASK_BACKEND="immediate")
    assert result.returncode == 0 and "ImmediateBackend" in result.stdout, result.stderr
    result = _manage("shell", "-c", "from django.conf import settings; print(settings.TASKS)")
    assert "django_tasks_db.DatabaseBackend" in result.stdout, result.stderr
    result = _manage("check", TASK_BACKEND="redis")
    assert result.returncode != 0 and "TASK_BACKEND must be one of database, immediate" in result.stderr
