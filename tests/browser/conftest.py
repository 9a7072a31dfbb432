"""Real-browser fixtures: one headless Debian chromium per session, a fresh context and page per test.

Playwright's sync API runs an event loop in this thread, which makes Django think it is inside async code,
so database access from fixtures and the live server needs DJANGO_ALLOW_ASYNC_UNSAFE.
"""

import os

os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

from .helpers import AXE_PATH, CHROMIUM_ARGS, CHROMIUM_PATH  # noqa: E402


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM_PATH).exists():
        pytest.fail(
            f"Chromium not found at {CHROMIUM_PATH}. Install Debian's chromium package (apt-get install chromium) "
            "or set CHROMIUM_PATH; the browser tests do not download browsers.",
            pytrace=False,
        )
    if not AXE_PATH.exists():
        pytest.fail(f"axe-core not found at {AXE_PATH}. Run npm install (or npm ci) first.", pytrace=False)
    from playwright.sync_api import Error, sync_playwright

    with sync_playwright() as playwright:
        try:
            browser = playwright.chromium.launch(executable_path=CHROMIUM_PATH, args=CHROMIUM_ARGS)
        except Error as error:
            pytest.fail(f"Chromium at {CHROMIUM_PATH} would not start: {error}", pytrace=False)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    """A page in its own context (own cookies), failing the test on any uncaught JavaScript error."""
    context = browser.new_context(locale="en-GB", timezone_id="Europe/London", viewport={"width": 1280, "height": 900})
    context.set_default_timeout(10_000)
    page = context.new_page()
    js_errors = []
    page.on("pageerror", lambda error: js_errors.append(str(error)))
    yield page
    context.close()
    assert not js_errors, f"JavaScript errors on the page: {js_errors}"
