"""The read load: gunicorn with several workers on loopback, signed-in users requesting the main pages at once, then
the floor page alone under the same load; and the resident memory of each worker afterwards."""

import contextlib
import http.client
import os
import random
import socket
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from django.conf import settings
from django.test import Client

from mobilise.core.models import User

from .database import ROOT
from .generate import ADVISER_EMAIL, LEAD_EMAIL
from .measure import FLOOR, PAGES, flagship_plan, timings

# Issue 21's read load: gunicorn with 4 workers, as the README's production start runs it, whatever --workers says.
READ_WORKERS = 4


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _session(email):
    client = Client()
    client.force_login(User.objects.get(email=email))
    return client.cookies[settings.SESSION_COOKIE_NAME].value


def _get(port, path, cookie):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        conn.request("GET", path, headers={"Cookie": f"{settings.SESSION_COOKIE_NAME}={cookie}"})
        response = conn.getresponse()
        response.read()
        return response.status
    finally:
        conn.close()


def _wait_until_up(port, server, deadline=60):
    end = time.monotonic() + deadline
    while time.monotonic() < end:
        if server.poll() is not None:
            raise RuntimeError("gunicorn exited before it served")
        try:
            if _get(port, "/healthz", "") == 200:
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise RuntimeError("gunicorn did not answer /healthz in time")


@contextlib.contextmanager
def serve(database_url, workers, env=None):
    """gunicorn with `workers` workers on a free loopback port, as in production (with env added to the
    environment; on PostgreSQL with the connection pool, as the README advises); yields the port and the master
    process's id."""
    port = _free_port()
    pool = {"DATABASE_POOL": "true"} if database_url.startswith("postgres") else {}
    env = {**os.environ, "DATABASE_URL": database_url, **pool, **(env or {})}
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "mobilise.wsgi",
            "--workers",
            str(workers),
            "--bind",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
    try:
        _wait_until_up(port, server)
        yield port, server.pid
    finally:
        server.terminate()
        server.wait(timeout=30)


def _requests(pages):
    """(path, session cookie) of each page, asked for by whom the page names."""
    sessions = {"lead": _session(LEAD_EMAIL), "adviser": _session(ADVISER_EMAIL), "visitor": ""}
    plan = flagship_plan().pk
    return [(path.format(plan=plan), sessions[who]) for _, who, path in pages]


def warm(port, workers):
    """Each main page asked for once on each of `workers` connections at once, so that the workers have compiled
    their templates and filled their caches before anything is timed, as a server that has been running has."""
    with ThreadPoolExecutor(workers) as pool:
        list(pool.map(lambda request: _get(port, *request), _requests(PAGES) * workers))


def run_together(target, each):
    """Seconds for target(item) to run for every item at once, each in a thread of its own."""
    threads = [threading.Thread(target=target, args=(item,)) for item in each]
    began = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return time.monotonic() - began


def run(port, *, users, workers, seconds, seed, log, pages=PAGES):
    """Throughput, latency and errors of `users` concurrent users requesting `pages` at random for `seconds`
    against the server on port (with `workers` workers)."""
    requests = _requests(pages)
    latencies, errors, lock = [], [], threading.Lock()
    stop = time.monotonic() + seconds

    def user(number):
        rng = random.Random(seed + number)
        while time.monotonic() < stop:
            path, cookie = rng.choice(requests)
            start = time.perf_counter()
            try:
                status = _get(port, path, cookie)
            except OSError as error:
                status = repr(error)
            elapsed = (time.perf_counter() - start) * 1000
            with lock:
                latencies.append(elapsed)
                if status != 200:
                    errors.append(f"{path}: {status}")

    elapsed = run_together(user, range(users))
    result = {
        "requests": len(latencies),
        "seconds": round(elapsed, 1),
        "users": users,
        "workers": workers,
        "throughput_rps": round(len(latencies) / elapsed, 1),
        **timings(latencies),
        "errors": len(errors),
        "error_samples": errors[:5],
    }
    log(
        f"  {'floor page' if pages == [FLOOR] else 'main pages'}: {users} users, {workers} workers, "
        f"{elapsed:.0f} s: {result['requests']} requests, "
        f"{result['throughput_rps']} per second, p95 {result['p95_ms']} ms, p99 {result['p99_ms']} ms, "
        f"{result['errors']} errors"
    )
    return result


def read(port, *, users, workers, seconds, seed, log):
    """The main pages, then the floor page alone, each requested by `users` users for `seconds`: the main pages'
    throughput is reported as a share of the floor page's under the same load, which takes out what the machine,
    the server and this client cost every request alike."""
    pages = run(port, users=users, workers=workers, seconds=seconds, seed=seed, log=log)
    floor = run(port, users=users, workers=workers, seconds=seconds, seed=seed, log=log, pages=[FLOOR])
    return {
        **pages,
        "floor_requests": floor["requests"],
        "floor_rps": floor["throughput_rps"],
        "floor_p95_ms": floor["p95_ms"],
        "share_of_floor": round(pages["throughput_rps"] / floor["throughput_rps"], 2),
        "errors": pages["errors"] + floor["errors"],
        "error_samples": (pages["error_samples"] + floor["error_samples"])[:5],
    }


def worker_memory(master):
    """The resident memory (VmRSS, MB) of each of the master's children: gunicorn's workers."""
    sizes = []
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            fields = dict(line.split(":", 1) for line in status.read_text().splitlines())
        except OSError:  # the process ended while the others were read
            continue
        if int(fields["PPid"]) == master:
            sizes.append(round(int(fields["VmRSS"].split()[0]) / 1024, 1))
    return {"workers": len(sizes), "max_mb": max(sizes), "each_mb": sorted(sizes)}
