"""The big import under the write load of other users.

The import runs here as the task queue runs it (the task's function, in this process, in chunks of short
transactions), while signed-in users of a gunicorn server keep saving stakeholder scores. What is measured is what
the import must not spoil: the latency and the errors of the others' writes, for as long as the import runs.
"""

import http.client
import random
import secrets
import threading
import time
from urllib.parse import urlencode

from django.conf import settings
from django.db import connection

from mobilise.core.models import User
from mobilise.projects import generations
from mobilise.projects.models import Project
from mobilise.stakeholders.models import Stakeholder

from .generate import LEAD_EMAIL
from .load import _session
from .measure import P, import_csv, import_file, import_marks, timings, undo_import

MIN_SECONDS = 2  # users write for at least this long, so a small import still gives a sample
THINK_SECONDS = (0.1, 0.4)  # between one user's saves
# What a save of scores changes on the stakeholder, put back afterwards.
SCORED = ("influence", "interest", "impact", "attitude", "version", "updated")


def _post(port, path, body, cookies, csrf):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        cookie = "; ".join(f"{k}={v}" for k, v in cookies.items())
        headers = {
            "Cookie": cookie,
            "X-CSRFToken": csrf,
            "Content-Type": "application/x-www-form-urlencoded",
        }
        conn.request("POST", path, body=urlencode(body), headers=headers)
        response = conn.getresponse()
        response.read()
        return response.status
    finally:
        conn.close()


def run(port, *, rows, users, workers, seed, log):
    """p95 and errors of `users` saving scores while a file of `rows` rows imports; the import's seconds."""
    lead = User.objects.get(email=LEAD_EMAIL)
    # Django accepts a CSRF secret the client chose, sent as the cookie and again in the header.
    csrf = secrets.token_hex(16)
    cookies = {settings.SESSION_COOKIE_NAME: _session(LEAD_EMAIL), settings.CSRF_COOKIE_NAME: csrf}
    targets = list(Stakeholder.objects.filter(project_id=1).order_by("pk").values_list("pk", flat=True)[:users])
    scores = list(Stakeholder.objects.filter(pk__in=targets).values("pk", *SCORED))
    content = import_csv(rows, seed + 1)
    marks = import_marks()
    project = Project.objects.create(title="Import under load", short_title="IMPORT-LOAD")
    outcome = {}
    latencies, errors, lock = [], [], threading.Lock()
    importing = threading.Event()
    importing.set()

    def user(number):
        rng = random.Random(seed + number)
        path = f"{P}/stakeholders/{targets[number % len(targets)]}/scores/"
        end = time.monotonic() + MIN_SECONDS
        while importing.is_set() or time.monotonic() < end:
            body = {f: rng.randint(1, 5) for f in ("influence", "interest", "impact")}
            body |= {"attitude": "neutral", "reason": "bench: a save during the import"}
            start = time.perf_counter()
            try:
                status = _post(port, path, body, cookies, csrf)
            except OSError as error:
                status = repr(error)
            elapsed = (time.perf_counter() - start) * 1000
            with lock:
                latencies.append(elapsed)
                if status != 302:
                    errors.append(f"{path}: {status}")
            time.sleep(rng.uniform(*THINK_SECONDS))

    def import_task():
        start = time.perf_counter()
        try:
            outcome["summary"] = import_file(project, lead, content)
        except Exception as error:  # reported below, after the users stop
            outcome["error"] = error
        finally:
            outcome["seconds"] = time.perf_counter() - start
            connection.close()
            importing.clear()

    threads = [threading.Thread(target=user, args=(n,)) for n in range(users)]
    for thread in threads:
        thread.start()
    task = threading.Thread(target=import_task)
    task.start()
    for thread in [task, *threads]:
        thread.join()
    undo_import(project, marks)  # the users' score changes too
    # As before: the dataset stays as built, and runs do not pile up history or versions on these stakeholders.
    for row in scores:
        Stakeholder.objects.filter(pk=row.pop("pk")).update(**row)
    generations.bump([1])
    if "error" in outcome:
        raise outcome["error"]
    if outcome["summary"]["created"] != rows:
        raise RuntimeError(f"import created {outcome['summary']['created']} of {rows} stakeholders")
    result = {
        "requests": len(latencies),
        "users": users,
        "workers": workers,
        "import_seconds": round(outcome["seconds"], 1),
        **timings(latencies),
        "errors": len(errors),
        "error_samples": errors[:5],
    }
    log(
        f"  import of {rows:,} rows under load: {result['import_seconds']} s; {users} users saved scores "
        f"{result['requests']} times, p95 {result['p95_ms']} ms, p99 {result['p99_ms']} ms, {result['errors']} errors"
    )
    return result
