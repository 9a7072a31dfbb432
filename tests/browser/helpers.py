"""Helpers for the browser journeys: signing in through the real form, checking pages with axe-core and
collecting them for the Nu HTML Checker."""

import os
import re
from pathlib import Path
from urllib.parse import urlsplit

from django.conf import settings

from tests.factories import PASSWORD

CHROMIUM_PATH = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    # Offline but for the live server: any other host name fails at once (tests/browser/conftest.py, page).
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1",
]
AXE_PATH = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def sign_in(page, live_server, user, password=PASSWORD):
    """Sign in through the sign-in form, as a person would, and wait to leave the sign-in page.

    An account with two-factor authentication lands on /sign-in/code/, for the test to go on from there.
    """
    page.goto(f"{live_server.url}/sign-in/")
    page.fill("#id_username", user.email)
    page.fill("#id_password", password)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(lambda url: urlsplit(url).path != "/sign-in/")


# The HTML of every page checked with assert_accessible, for the Nu HTML Checker at the end of the session
# (tests/browser/conftest.py): name -> HTML, one entry per distinct document.
CHECKED_HTML: dict[str, str] = {}
_SEEN_HTML: set[int] = set()


def watch_documents(page):
    """Keep the response of each page the tab navigates to, so that assert_accessible can check its HTML."""
    documents = {}

    def keep(response):
        if response.request.resource_type == "document" and response.frame == page.main_frame:
            documents[response.url] = response

    page.on("response", keep)
    page.mobilise_documents = documents


def collect_html(page):
    """Keep the page's HTML as served (and its DOM after scripts and htmx swaps) for the Nu HTML Checker."""
    test = os.environ.get("PYTEST_CURRENT_TEST", "").rsplit(" ", 1)[0]
    path = urlsplit(page.url)._replace(scheme="", netloc="", fragment="").geturl()
    served = None
    response = getattr(page, "mobilise_documents", {}).get(page.url.split("#")[0])
    if response is not None and "html" in (response.headers.get("content-type") or ""):
        try:
            served = response.text()
        except Exception:  # noqa: BLE001 - a body the browser no longer holds: the DOM is still checked
            served = None
    for kind, html in (("as served", served), ("DOM after scripts", page.content())):
        if html is not None and hash(html) not in _SEEN_HTML:
            _SEEN_HTML.add(hash(html))
            CHECKED_HTML[f"{path} ({kind}, {test})"] = html


def assert_accessible(page):
    """Run axe-core on the page as it stands, for WCAG 2.2 A and AA, and fail on any violation.

    The page's HTML is also kept for the Nu HTML Checker, which checks every page at the end of the session.
    """
    collect_html(page)
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        # Evaluated through the DevTools protocol, which the page's Content-Security-Policy does not govern:
        # a script tag added to the page would be refused, as it should be.
        page.evaluate(AXE_PATH.read_text())
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
        AXE_TAGS,
    )
    violations = result["violations"]
    if violations:
        lines = [f"{len(violations)} accessibility violation(s) on {page.url}:"]
        for v in violations:
            lines.append(f"- {v['id']} ({v['impact']}): {v['help']} [{v['helpUrl']}]")
            for node in v["nodes"]:
                lines.append(f"    target: {node['target']}")
                lines.append(f"    html:   {node['html'][:300]}")
                if node.get("failureSummary"):
                    lines.append("    " + node["failureSummary"].replace("\n", "\n    "))
        message = "\n".join(lines)
        print(message)
        raise AssertionError(message)


def url_of(live_server, path):
    """A matcher for expect(page).to_have_url: this path on the live server, with any query string or fragment."""
    return re.compile("^" + re.escape(live_server.url + path) + r"([?#].*)?$")


def focused(page):
    """What has keyboard focus: tag, id, name and text of document.activeElement."""
    return page.evaluate(
        """() => {
            const el = document.activeElement;
            return {tag: el.tagName.toLowerCase(), id: el.id, name: el.getAttribute('name') || '',
                    text: (el.innerText || el.value || '').trim()};
        }"""
    )
