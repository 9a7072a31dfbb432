"""Every page, as the server renders it with the demo's realistic data, passes the Nu HTML Checker with 0 errors.

The pages are found as the fuzz test finds them: every named URL filled with the demo project's ids, fetched as the
adviser (who may open every project page) and anonymously (the public pages), and every HTML page that answers 200
checked in one run of the checker. The browser journeys check the pages again after scripts and htmx swaps."""

import re
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.template import engines
from django.test import Client

from .fuzz import world
from .fuzz.test_fuzz import urls
from .htmlcheck import check_html, report

pytestmark = pytest.mark.django_db


@pytest.mark.engine_neutral  # the HTML does not depend on the database engine: checked once
def test_every_page_passes_the_nu_html_checker(settings, tmp_path):
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


# Markup the NHS macros emit that HTML does not allow: role="text" (no ARIA role), and the ARIA table roles the table
# macro's responsive option puts on the rows and cells of a real table.
INVALID_MARKUP = re.compile(r'role="text"|"responsive":\s*true')


def test_no_template_asks_for_markup_the_checker_refuses():
    templates = sorted(Path(django_settings.BASE_DIR, "mobilise").glob("*/templates/**/*.html"))
    found = [f"{path}: {match.group()}" for path in templates for match in INVALID_MARKUP.finditer(path.read_text())]
    assert not found, "\n".join(found)


def test_a_warning_callout_heading_is_read_as_important_without_role_text():
    template = engines["jinja2"].from_string(
        '{% from "core/macros.html" import warning_callout %}'
        '{{ warning_callout({"heading": "Do <not> contact", "headingLevel": 2, "text": "Ada"}) }}'
    )
    html = " ".join(template.render().split())
    assert 'role="text"' not in html
    assert (
        '<h2 class="nhsuk-card__heading"><span class="nhsuk-u-visually-hidden">Important: </span>'
        "Do &lt;not&gt; contact</h2>" in html
    )
