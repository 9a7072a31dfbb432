"""Every post form the URL configuration leads to, fuzzed with hostile values and files as the persona that may use
it (the adviser; public pages anonymously), on both databases: no request may end in a server error.

Forms are found, not listed: each named URL is filled with the demo project's ids, fetched, and its HTML read for
<form method=post>, so a form added later is fuzzed without editing this file. Each post runs in a savepoint that
is rolled back, so a delete or a move cannot take an object away from the posts that follow. The links found on the
way that carry a query string are followed with each of their values made hostile in turn."""

import html
import itertools
import re
import traceback
from http.cookies import SimpleCookie
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.http import HttpResponse
from django.test import Client
from django.urls import NoReverseMatch, Resolver404, resolve, reverse

from . import journeys, world
from .hostile import HUGE, SUPERSCRIPT, UPLOADS, baseline, encode, pairs, variants
from .pages import DOWNLOAD_KWARGS, Form, routes
from .pages import forms as page_forms

pytestmark = pytest.mark.django_db

FORM_URLENCODED = "application/x-www-form-urlencoded"
# Security codes that look right to a format check: a wrong one, and digits Python's isdigit() takes but int()
# may not (Arabic-Indic, superscript).
CODES = {"wrong code": "000000", "arabic-indic digits": "١٢٣٤٥٦", "superscript digits": "²³⁴⁵⁶⁷"}
# A link's query string (a version to compare, a workshop to start from, a filter) is edited by hand as easily as a
# form: each of its values in turn is replaced by these.
LINK_VALUES = {"superscript": SUPERSCRIPT, "huge": HUGE}
QUERY_LINK = re.compile(r'href="([^"#:]*\?[^"#]+)"')  # on this site: absolute, relative, or a query alone


class Fuzzer:
    def __init__(self, client: Client, persona: str):
        self.client = client
        self.persona = persona
        self.cookies = SimpleCookie(client.cookies)
        self.failures: list[str] = []
        self.requests = 0
        self.links: dict[tuple, tuple[str, list[tuple[str, str]]]] = {}

    def send(self, field: str, variant: str, method: str, url: str, *args) -> HttpResponse | None:
        """One request in a savepoint rolled back afterwards; a 5xx or an exception is kept as a failure."""
        self.client.cookies = SimpleCookie(self.cookies)  # a sign-out or a new session does not carry over
        self.requests += 1
        try:
            with transaction.atomic():
                response = getattr(self.client, method)(url, *args)
                transaction.set_rollback(True)
        except Exception as error:  # noqa: BLE001 - every crash is reported, together, at the end
            frames = traceback.extract_tb(error.__traceback__)
            where = next((f for f in reversed(frames) if "/mobilise/" in f.filename), frames[-1])
            detail = f"{type(error).__name__}: {str(error)[:200]} at {where.filename}:{where.lineno}"
            self._fail(url, field, variant, "exception", detail)
            return None
        if response.status_code >= 500:
            self._fail(url, field, variant, response.status_code, "")
        return response

    def _fail(self, url: str, field: str, variant: str, status: object, detail: str) -> None:
        self.failures.append(f"{self.persona} {url[:150]} field={field} variant={variant}: {status} {detail}")

    def submit(self, form: Form) -> None:
        for field, variant, posted in variants(form):
            body = encode(posted)
            if form.method == "get":
                self.send(field, variant, "get", f"{urlsplit(form.action).path}?{body.decode()}")
            else:
                self.send(field, variant, "post", form.action, body, FORM_URLENCODED)
        if form.method != "post":
            return
        plain: dict[str, list] = {}
        for key, value in pairs(baseline(form)):
            plain.setdefault(key, []).append(value)
        for name in form.files:
            for variant, (filename, content) in UPLOADS.items():
                self.send(name, variant, "post", form.action, {**plain, name: SimpleUploadedFile(filename, content)})

    def keep_links(self, page: str, url: str) -> None:
        """The page's links that carry a query string, one for each address and set of names."""
        for href in QUERY_LINK.findall(page):
            parts = urlsplit(urljoin(url, html.unescape(href)))
            try:
                route = resolve(parts.path).route
            except Resolver404:  # not one of the site's pages (a static file)
                continue
            query = parse_qsl(parts.query, keep_blank_values=True)
            self.links.setdefault((route, *sorted({n for n, _ in query})), (parts.path, query))

    def follow_links(self) -> None:
        for path, query in self.links.values():
            for i, (name, _) in enumerate(query):
                for variant, value in LINK_VALUES.items():
                    edited = [*query[:i], (name, value), *query[i + 1 :]]
                    self.send(name, variant, "get", f"{path}?{urlencode(edited)}")


def urls(ids: dict) -> list[str]:
    """Every named URL filled in every way the kwargs mapping allows; downloads are left out (no forms)."""
    found = []
    for route in routes():
        if DOWNLOAD_KWARGS & set(route.kwargs):
            continue
        choices = {name: ids["kwargs"].get(name, []) for name in route.kwargs}
        choices.update({k: [v] for k, v in ids["routes"].get(route.name, {}).items()})
        assert all(choices.values()), f"no value for a kwarg of {route.name} ({route.route}): add it to world.py"
        for values in itertools.product(*choices.values()):
            try:
                found.append(reverse(route.name, kwargs=dict(zip(choices, values, strict=True))))
            except NoReverseMatch:
                continue
    return found


def crawl(fuzzer: Fuzzer, pages: list[str]) -> list[Form]:
    forms: dict[tuple, Form] = {}
    sign_in = reverse("login")
    for url in pages:
        response = fuzzer.send("-", "GET", "get", url)
        # A page that moves on (a reset link to its set-password page, an import to its next step) is followed.
        if response is not None and response.status_code == 302 and not response["Location"].startswith(sign_in):
            url = response["Location"]
            response = fuzzer.send("-", "GET", "get", url)
        if response is None or response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        fuzzer.keep_links(response.content.decode(), url)
        for form in forms_on(response.content.decode(), url):
            # The same form repeated down a list (one per row) is the same code: fuzz it once.
            forms.setdefault((resolve(urlsplit(form.action).path).route, *form.key[1:]), form)
    return list(forms.values())


def forms_on(html: str, url: str) -> list[Form]:
    found = page_forms(html, "http://testserver" + url)
    for form in found:
        form.action = form.action.removeprefix("http://testserver")
    return found


@pytest.fixture
def ids(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.PUBLIC_FORM_MIN_SECONDS = 0  # the fuzzer posts at once; hostile values must reach the form's checks
    return world.build()


def _fuzz(client: Client, persona: str, ids: dict) -> Fuzzer:
    fuzzer = Fuzzer(client, persona)
    forms = crawl(fuzzer, urls(ids))
    for form in forms:
        fuzzer.submit(form)
    fuzzer.follow_links()
    print(f"{persona}: {len(forms)} forms, {len(fuzzer.links)} links with a query, {fuzzer.requests} requests")
    return fuzzer


def test_no_hostile_post_gives_a_server_error(ids):
    adviser = Client()
    adviser.force_login(ids["adviser"])
    failures = _fuzz(adviser, "adviser", ids).failures + _fuzz(Client(), "anonymous", ids).failures
    assert not failures, f"{len(failures)} server errors:\n" + "\n".join(failures)


def test_no_hostile_post_after_a_first_step_gives_a_server_error(settings):
    """The forms a step leads to (the sign-in code after the password, setting up two-factor, the set-password
    form of a reset link), posted with the session that step left."""
    failures = []
    for journey in journeys.every(settings):
        persona, client, url, html = journey()
        fuzzer = Fuzzer(client, persona)
        found = forms_on(html, url)
        assert found, f"{persona}: no form on {url}"
        for form in found:
            # The step's session holds: a plausible post is answered on the page, not sent back to the start.
            response = fuzzer.send("-", "baseline", "post", form.action, encode(pairs(baseline(form))), FORM_URLENCODED)
            assert response is not None and response.status_code == 200, f"{persona}: the step's session was lost"
            fuzzer.submit(form)
            # Six-character codes reach the authenticator's check itself, past the form's format check.
            for variant, code in CODES.items():
                for name in form.textual:
                    posted = encode(pairs({**baseline(form), name: [code]}))
                    fuzzer.send(name, variant, "post", form.action, posted, FORM_URLENCODED)
        print(f"{persona}: {len(found)} forms, {fuzzer.requests} requests")
        failures += fuzzer.failures
    assert not failures, f"{len(failures)} server errors:\n" + "\n".join(failures)
