"""Health check, error pages, security settings and production refusal."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection
from django.urls import reverse

ROOT = Path(__file__).resolve().parents[2]


def test_healthz_ok(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}


def test_healthz_503_when_database_fails(client, db, monkeypatch):
    def broken(*args, **kwargs):
        raise connection.Database.OperationalError("database is gone")

    with monkeypatch.context() as patch:
        patch.setattr(connection, "cursor", broken)
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["database"] == "unavailable"


def test_styled_404(client, db):
    response = client.get("/no/such/page/")
    assert response.status_code == 404
    page = response.content.decode()
    assert "Page not found" in page and "nhsuk-header" in page


def test_csrf_is_enforced(db):
    from django.test import Client

    from ..factories import UserFactory

    user = UserFactory()
    client = Client(enforce_csrf_checks=True)
    response = client.post(reverse("login"), {"username": user.email, "password": "x"})
    assert response.status_code == 403
    assert "You cannot do this" in response.content.decode()


def test_500_page_is_styled(client, db, settings):
    from django.test import Client

    from mobilise.urls import urlpatterns

    settings.DEBUG_PROPAGATE_EXCEPTIONS = False
    rendered = Client(raise_request_exception=False)
    # Any view that blows up gets the NHS-style page, never a traceback.
    from django.urls import path

    def boom(request):
        raise RuntimeError("boom")

    urlpatterns.append(path("test-boom/", boom))
    try:
        response = rendered.get("/test-boom/")
    finally:
        urlpatterns.pop()
    assert response.status_code == 500
    assert "Sorry, there is a problem with the service" in response.content.decode()


def _manage(*args, **env):
    dropped = ("SECRET_KEY", "DEBUG", "DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE")
    full_env = {k: v for k, v in os.environ.items() if k not in dropped}
    full_env.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=full_env, capture_output=True, text=True, timeout=120
    )


@pytest.mark.engine_neutral  # settings checks in a subprocess: the same on every engine
def test_refuses_to_start_in_production_without_a_real_secret_key():
    result = _manage("check", DEBUG="false", ALLOWED_HOSTS="mobilise.example.org")
    assert result.returncode != 0
    assert "Set SECRET_KEY" in result.stderr


@pytest.mark.engine_neutral  # settings checks in a subprocess: the same on every engine
def test_rejects_unparseable_settings():
    result = _manage("check", DEBUG="perhaps")
    assert result.returncode != 0 and "DEBUG must be true or false" in result.stderr


@pytest.mark.engine_neutral  # settings checks in a subprocess: the same on every engine
def test_database_pool_turns_on_psycopgs_pool_for_postgresql():
    # Django makes the pool unopened: nothing here connects to the (absent) server.
    show = (
        "from django.db import connection as c; d = c.settings_dict; "
        "print(d['CONN_MAX_AGE'], d['OPTIONS'], type(c.pool).__name__)"
    )
    postgres = {"DATABASE_URL": "postgres://mobilise@127.0.0.1:1/mobilise"}
    result = _manage("shell", "--no-imports", "-c", show, DATABASE_POOL="true", DATABASE_POOL_MAX_SIZE="8", **postgres)
    assert result.returncode == 0, result.stderr
    assert result.stdout == "0 {'pool': {'min_size': 1, 'max_size': 8}} ConnectionPool\n", result.stdout
    result = _manage("shell", "--no-imports", "-c", show, **postgres)
    assert result.stdout == "60 {} NoneType\n", result.stdout + result.stderr
    result = _manage("check", DATABASE_POOL="true")
    assert result.returncode != 0 and "DATABASE_POOL needs PostgreSQL" in result.stderr


@pytest.mark.engine_neutral  # settings checks in a subprocess: the same on every engine
def test_check_deploy_is_clean_with_production_settings():
    result = _manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DEBUG="false",
        SECRET_KEY="k" * 20 + "-production-secret-key-of-sufficient-length-" + "x" * 20,
        ALLOWED_HOSTS="mobilise.example.org",
    )
    assert result.returncode == 0, result.stderr + result.stdout


def test_admin_pages_work_for_administrators(db):
    from django.test import Client

    from ..factories import OrganisationFactory, ProjectFactory, UserFactory

    admin = UserFactory(is_staff=True, is_superuser=True)
    client = Client()
    client.force_login(admin)
    project, org = ProjectFactory(), OrganisationFactory()
    for url in [
        "/admin/",
        "/admin/core/user/",
        "/admin/core/user/add/",
        f"/admin/core/user/{admin.pk}/change/",
        "/admin/projects/project/",
        f"/admin/projects/project/{project.pk}/change/",
        f"/admin/directory/organisation/{org.pk}/history/",
    ]:
        assert client.get(url).status_code == 200, url
    response = client.post(
        "/admin/core/user/add/",
        {
            "email": "new.adviser@example.org",
            "full_name": "New Adviser",
            "password1": "a-long-enough-passphrase",
            "password2": "a-long-enough-passphrase",
            "usable_password": "true",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
