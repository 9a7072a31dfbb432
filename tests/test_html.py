"""Every page, as the server renders it with the demo's realistic data, passes the Nu HTML Checker with 0 errors.

The pages are found as the fuzz test finds them: every named URL filled with the demo project's ids, fetched as the
adviser (who may open every project page) and anonymously (the public pages), and every HTML page that answers 200
checked in one run of the checker. The browser journeys check the pages again after scripts and htmx swaps."""

import pytest
from django.db import connection
from django.test import Client

from .fuzz import world
from .fuzz.test_fuzz import urls
from .htmlcheck import check_html, report

pytestmark = pytest.mark.django_db


def test_every_page_passes_the_nu_html_checker(settings, tmp_path):
    if connection.vendor != "sqlite":
        pytest.skip("the HTML does not depend on the database: checked on the SQLite pass only")
    settings.MEDIA_ROOT = tmp_path
    ids = world.build()
    adviser = Client()
    adviser.force_login(ids["adviser"])
    pages: dict[str, str] = {}
    seen: set[str] = set()
    for persona, client in (("adviser", adviser), ("anonymous", Client())):
        for url in urls(ids):
            response = client.get(url)
            if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
                continue
            html = response.content.decode()
            if html not in seen:
                seen.add(html)
                pages[f"{url} (as {persona})"] = html
    assert len(pages) > 50, f"only {len(pages)} pages found"
    errors = check_html(pages)
    assert not errors, report(errors)
