"""The real task worker: invitations sent in the browser wait in the queue, and `manage.py db_worker`, run as
its own process, sends them. The rest of the suite runs tasks inline (tests/conftest.py)."""

import datetime
import os
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path

import pytest
from django.core import mail
from django.db import connection
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult
from playwright.sync_api import expect

from mobilise.engagement import services
from mobilise.projects.models import Membership, Role
from mobilise.stakeholders import services as stakeholder_services
from tests.factories import PersonFactory, ProjectFactory, UserFactory

from .helpers import assert_accessible, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def workshop():
    project = ProjectFactory(short_title="CASCADE", title="Cancer screening in community settings")
    lead = UserFactory(full_name="Lee Lead")
    Membership.objects.create(project=project, user=lead, role=Role.LEAD)
    raj = PersonFactory(full_name="Raj Patel", email="raj@example.org")
    stakeholder = stakeholder_services.add_stakeholder(project=project, by=lead, person=raj)
    starts = timezone.now() + datetime.timedelta(days=14)
    w = services.create_workshop(
        project=project,
        title="Commissioning workshop",
        purpose="Reflect on the findings with system partners",
        starts=starts,
        ends=starts + datetime.timedelta(hours=3),
        place="Mereshire Town Hall",
    )
    services.invite(workshop=w, stakeholders=[stakeholder])
    return w, lead


def copy_of_the_test_database(path):
    """pytest's SQLite test database lives in this process's memory; another process can read a copy of it."""
    connection.ensure_connection()
    with closing(sqlite3.connect(path)) as target:
        connection.connection.backup(target)


def run_worker(database):
    env = {k: v for k, v in os.environ.items() if k not in ("DJANGO_ALLOW_ASYNC_UNSAFE", "DEBUG", "SECRET_KEY")}
    env.update(
        DATABASE_URL=f"sqlite:///{database}",
        TASK_BACKEND="database",
        EMAIL_BACKEND="django.core.mail.backends.console.EmailBackend",  # the message is printed on stdout
    )
    command = ["manage.py", "db_worker", "--batch", "--no-reload", "--no-startup-delay"]
    return subprocess.run(
        [sys.executable, *command], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300, check=False
    )


def test_the_worker_sends_the_invitations_queued_in_the_browser(page, live_server, settings, workshop, tmp_path):
    if connection.vendor != "sqlite":
        pytest.skip("the browser tests run on SQLite")
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}  # a real queue, not inline
    w, lead = workshop
    sign_in(page, live_server, lead)
    page.goto(f"{live_server.url}/projects/{w.project_id}/engagement/workshops/{w.pk}/")
    page.get_by_role("button", name="Send invitations by email").click()
    expect(page.locator(".nhsuk-notification-banner--success")).to_contain_text("Invitations sent to 1 person")
    assert_accessible(page)
    queued = DBTaskResult.objects.get()
    assert queued.status == TaskResultStatus.READY and queued.task_path == "mobilise.core.mail.send_message"
    assert mail.outbox == []  # the request did not send it

    database = tmp_path / "worker.sqlite3"
    copy_of_the_test_database(database)
    result = run_worker(database)
    assert result.returncode == 0, result.stderr + result.stdout
    sent = result.stdout
    assert "Subject: Invitation: Commissioning workshop" in sent and "To: Raj Patel <raj@example.org>" in sent
    assert 'filename="invitation.ics"' in sent and "BEGIN:VCALENDAR" in sent and "METHOD:REQUEST" in sent
    with closing(sqlite3.connect(database)) as db:
        rows = db.execute("SELECT id, status FROM django_tasks_database_dbtaskresult").fetchall()
    assert [status for _, status in rows] == ["SUCCESSFUL"]
