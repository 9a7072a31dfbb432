"""Real-browser fixtures: one headless Debian chromium per session, a fresh context and page per test.

Playwright's sync API runs an event loop in this thread, which makes Django think it is inside async code,
so database access from fixtures and the live server needs DJANGO_ALLOW_ASYNC_UNSAFE.
"""

import os

os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

from pathlib import Path  # noqa: E402
from urllib.parse import urlsplit  # noqa: E402

import pytest  # noqa: E402

from .helpers import AXE_PATH, CHROMIUM_ARGS, CHROMIUM_PATH  # noqa: E402

LOCAL_HOSTS = {"localhost", "127.0.0.1", "[::1]", "::1"}


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM_PATH).exists():
        pytest.fail(
            f"Chromium not found at {CHROMIUM_PATH}. The browser tests drive Debian's chromium: "
            "install it with `apt-get install chromium` (or point CHROMIUM_PATH at a Chromium binary). "
            "They never download browsers with `playwright install`.",
            pytrace=False,
        )
    if not AXE_PATH.exists():
        pytest.fail(f"axe-core not found at {AXE_PATH}. Run `npm ci` first.", pytrace=False)
    from playwright.sync_api import Error, sync_playwright

    with sync_playwright() as playwright:
        try:
            browser = playwright.chromium.launch(executable_path=CHROMIUM_PATH, args=CHROMIUM_ARGS)
        except Error as error:
            pytest.fail(f"Chromium at {CHROMIUM_PATH} would not start: {error}", pytrace=False)
        yield browser
        browser.close()


def _external(url):
    parts = urlsplit(url)
    return parts.scheme in ("http", "https") and parts.hostname not in LOCAL_HOSTS


@pytest.fixture
def page(browser):
    """A page in its own context (own cookies), offline apart from the live server.

    The test fails on any uncaught JavaScript error, on anything the Content-Security-Policy refused, and on
    any stylesheet, script, image or other sub-resource the live server could not serve (pages themselves
    may answer 404 on purpose).
    Requests to other hosts (the NHS web fonts) are refused at once: tests do not need the network,
    and waiting for those to time out costs seconds on every page.
    """
    context = browser.new_context(locale="en-GB", timezone_id="Europe/London", viewport={"width": 1280, "height": 900})
    context.set_default_timeout(10_000)
    context.route(_external, lambda route: route.abort())
    page = context.new_page()
    problems = []

    def check_response(response):
        if response.status >= 400 and response.request.resource_type != "document":
            problems.append(f"{response.status} for {response.request.resource_type} {response.url}")

    def check_console(message):
        if message.type == "error" and "Content Security Policy" in message.text:
            problems.append(f"Refused by the Content-Security-Policy on {page.url}: {message.text}")

    page.on("pageerror", lambda error: problems.append(f"JavaScript error: {error}"))
    page.on("console", check_console)
    page.on("response", check_response)
    yield page
    context.close()
    assert not problems, "Problems while the page was open:\n" + "\n".join(problems)
