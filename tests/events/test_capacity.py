"""Nobody is over-booked: many people registering at once through a real server (gunicorn, several worker
processes and threads, each with its own database connection) get exactly `capacity` confirmed places and a
waiting list for the rest, with no errors, on SQLite and on PostgreSQL (scripts/with-postgres.sh).

The test database is handed to the server as it stands: PostgreSQL's by name (the test commits its rows), and
SQLite's in-memory one copied to a file, as the server's processes cannot share memory."""

import concurrent.futures
import http.cookiejar
import os
import re
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from mobilise.core.forms import started_seconds_ago

from ..factories import EventFactory

CAPACITY, PEOPLE, AT_ONCE = 20, 60, 24


def _database_url(tmp_path: Path) -> str:
    if connection.vendor == "sqlite":
        target = tmp_path / "mobilise.sqlite3"
        connection.ensure_connection()
        copy = sqlite3.connect(target)
        connection.connection.backup(copy)
        copy.execute("PRAGMA journal_mode=WAL")
        copy.close()
        return f"sqlite:///{target}"
    s = connection.settings_dict
    user = urllib.parse.quote(s["USER"] or "")
    password = f":{urllib.parse.quote(s['PASSWORD'])}" if s["PASSWORD"] else ""
    return f"postgres://{user}{password}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def event(transactional_db):
    return EventFactory(capacity=CAPACITY)


@pytest.fixture
def server(event, tmp_path):
    port = _free_port()
    env = {
        **os.environ,
        "DATABASE_URL": _database_url(tmp_path),
        "DATA_DIR": str(tmp_path),
        "TRUSTED_PROXIES": "127.0.0.1",
        "TASK_BACKEND": "database",  # the emails wait in the queue: no mail server needed
        "DEBUG": "true",
    }
    gunicorn = Path(sys.executable).parent / "gunicorn"
    args = [str(gunicorn), "mobilise.wsgi", "-b", f"127.0.0.1:{port}", "-w", "3", "--threads", "4", "-t", "120"]
    log = (tmp_path / "gunicorn.log").open("w")
    process = subprocess.Popen(args, cwd=settings.BASE_DIR, env=env, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(base + "/events/", timeout=30)
            break
        except OSError:  # not up yet, or still warming up
            assert process.poll() is None, (tmp_path / "gunicorn.log").read_text()[-2000:]
            time.sleep(0.5)
    yield base, env["DATABASE_URL"]
    process.terminate()
    process.wait(timeout=30)
    log.close()
    print((tmp_path / "gunicorn.log").read_text()[-3000:])  # shown when the test fails


def _register(base: str, slug: str, n: int) -> int:
    """One person in their own browser, from their own address: open the page, fill in the form, send it."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), _NoRedirect())
    address = f"10.0.{n // 250}.{n % 250 + 1}"
    opener.addheaders = [("X-Real-IP", address)]
    page = opener.open(f"{base}/events/{slug}/", timeout=60).read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)[1]
    data = {
        "csrfmiddlewaretoken": token,
        "name": f"Person {n}",
        "email": f"person{n}@example.org",
        "started": started_seconds_ago(60),
        "website": "",
    }
    request = urllib.request.Request(
        f"{base}/events/{slug}/register/", data=urllib.parse.urlencode(data).encode(), headers={"Referer": base}
    )
    try:
        return opener.open(request, timeout=60).status
    except urllib.error.HTTPError as error:
        return error.code


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def _counts(database_url: str, event_pk: int) -> dict[str, int]:
    if database_url.startswith("sqlite"):
        with sqlite3.connect(database_url.removeprefix("sqlite:///")) as db:
            rows = db.execute(
                "SELECT status, COUNT(*) FROM events_registration WHERE event_id = ? GROUP BY status", [event_pk]
            ).fetchall()
            seats = db.execute("SELECT seats_taken FROM events_event WHERE id = ?", [event_pk]).fetchone()[0]
    else:
        from django.db.models import Count

        from mobilise.events.models import Event, Registration

        by_status = Registration.objects.filter(event=event_pk).values("status").annotate(n=Count("pk"))
        rows = [(row["status"], row["n"]) for row in by_status]
        seats = Event.objects.get(pk=event_pk).seats_taken
    return {**dict(rows), "seats": seats}


@pytest.mark.skipif(not (Path(sys.executable).parent / "gunicorn").exists(), reason="gunicorn is not installed")
def test_concurrent_registrations_never_over_book(event, server):
    base, database_url = server
    with concurrent.futures.ThreadPoolExecutor(AT_ONCE) as pool:
        statuses = list(pool.map(lambda n: _register(base, event.slug, n), range(PEOPLE)))
    assert statuses == [302] * PEOPLE
    counts = _counts(database_url, event.pk)
    assert counts == {"confirmed": CAPACITY, "waiting": PEOPLE - CAPACITY, "seats": CAPACITY}
