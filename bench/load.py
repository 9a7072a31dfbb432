"""A load test: gunicorn with several workers on loopback, signed-in users requesting the main pages at once."""

import contextlib
import http.client
import os
import random
import socket
import subprocess
import sys
import threading
import time

from django.conf import settings
from django.test import Client

from mobilise.core.models import User

from .database import ROOT
from .generate import ADVISER_EMAIL, LEAD_EMAIL
from .measure import PAGES, flagship_plan, timings


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
    environment; on PostgreSQL with the connection pool, as the README advises); yields the port."""
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
        yield port
    finally:
        server.terminate()
        server.wait(timeout=30)


def run(port, *, users, workers, seconds, seed, log):
    """Throughput, latency and errors of `users` concurrent users for `seconds` against the server on port (with
    `workers` workers)."""
    sessions = {"lead": _session(LEAD_EMAIL), "adviser": _session(ADVISER_EMAIL), "visitor": ""}
    plan = flagship_plan().pk
    latencies, errors, lock = [], [], threading.Lock()
    stop = time.monotonic() + seconds

    def user(number):
        rng = random.Random(seed + number)
        while time.monotonic() < stop:
            name, who, path = rng.choice(PAGES)
            path = path.format(plan=plan)
            start = time.perf_counter()
            try:
                status = _get(port, path, sessions[who])
            except OSError as error:
                status = repr(error)
            elapsed = (time.perf_counter() - start) * 1000
            with lock:
                latencies.append(elapsed)
                if status != 200:
                    errors.append(f"{path}: {status}")

    threads = [threading.Thread(target=user, args=(n,)) for n in range(users)]
    began = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - began
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
        f"  load test: {users} users, {workers} workers, {elapsed:.0f} s: {result['requests']} requests, "
        f"{result['throughput_rps']} per second, p95 {result['p95_ms']} ms, p99 {result['p99_ms']} ms, "
        f"{result['errors']} errors"
    )
    return result
