"""Real-browser fixtures: one headless Debian chromium per session, a fresh context and page per test.

Playwright's sync API runs an event loop in this thread, which makes Django think it is inside async code,
so database access from fixtures and the live server needs DJANGO_ALLOW_ASYNC_UNSAFE.
"""

import os

os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

from tests.htmlcheck import check_html, missing_checker, report  # noqa: E402

from .helpers import AXE_PATH, CHECKED_HTML, CHROMIUM_ARGS, CHROMIUM_PATH, watch_documents  # noqa: E402


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


@pytest.fixture(scope="session", autouse=True)
def nu_html_checker():
    """Every page the journeys checked with assert_accessible passes the Nu HTML Checker with 0 errors.

    One run of the checker at the end of the session (starting Java per page would cost seconds each); a
    failure shows as an error at the teardown of the last test and names each page, with the test that saw it.
    Both the HTML as served (what the server is answerable for) and the DOM after scripts and htmx swaps
    (which holds the fragments htmx swapped in) are checked; an error the served page already shows is not
    repeated for its DOM.
    """
    problem = missing_checker()
    if problem:
        pytest.fail(problem, pytrace=False)
    yield
    errors = check_html(CHECKED_HTML)
    CHECKED_HTML.clear()
    served = {}
    for name, found in errors.items():
        if "(as served, " in name:
            served.setdefault(name.split(" (")[0], set()).update(_message(line) for line in found)
    for name in [name for name in errors if "(DOM after scripts, " in name]:
        known = served.get(name.split(" (")[0], set())
        errors[name] = [line for line in errors[name] if _message(line) not in known]
        if not errors[name]:
            del errors[name]
    if errors:
        pytest.fail(report(errors), pytrace=False)


def _message(line):
    """An error without its line number and extract, to compare the served page's errors with its DOM's."""
    return line.split(": ", 1)[-1].split("  [")[0]


@pytest.fixture
def page(browser):
    """A page in its own context (own cookies), offline apart from the live server.

    The test fails on any uncaught JavaScript error, on anything the Content-Security-Policy refused, and on
    any stylesheet, script, image or other sub-resource the live server could not serve (pages themselves
    may answer 404 on purpose).
    Requests to other hosts (the NHS web fonts) fail at once, as chromium resolves no other host name
    (CHROMIUM_ARGS): tests do not need the network, and waiting for it costs seconds on every page. No
    Playwright route does that: a route sends every request through this process and turns the browser's
    cache off, which made each journey fetch every stylesheet and script again on every page.
    """
    context = browser.new_context(locale="en-GB", timezone_id="Europe/London", viewport={"width": 1280, "height": 900})
    context.set_default_timeout(10_000)
    page = context.new_page()
    watch_documents(page)
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
