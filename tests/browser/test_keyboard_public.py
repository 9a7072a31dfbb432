"""Keyboard only, on the pages anyone meets first: every link, button and form control in the page's main content
takes focus with Tab, in turn, with no trap (a radio group is one stop, its choices moved through with the arrows)."""

import pytest

from tests.factories import EventFactory

from .helpers import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PAGES = ["/", "/support/ask/", "/get-involved/", "/support/share-an-idea/", "/events/", "/case-studies/"]

# A key for each control a person must be able to reach: the honeypot is out of the tab order on purpose.
CONTROLS = """() => {
    const key = (e) => e.type === 'radio' ? 'radio:' + e.name : e.dataset.kbd;
    const all = [...document.querySelectorAll(
        'main a[href], main button, main input:not([type=hidden]), main select, main textarea')];
    all.forEach((e, n) => { e.dataset.kbd = String(n); });
    return [...new Set(all.filter(e => !e.closest('[aria-hidden=true]') && !e.disabled && e.getClientRects().length)
        .map(key))];
}"""
FOCUSED = """() => {
    const e = document.activeElement;
    if (!e || !e.closest('main')) return null;
    return e.type === 'radio' ? 'radio:' + e.name : (e.dataset.kbd || null);
}"""


def test_every_control_of_the_public_pages_is_reached_with_tab(page, live_server):
    event = EventFactory()
    for path in [*PAGES, f"/events/{event.slug}/"]:
        page.goto(live_server.url + path)
        assert_accessible(page)
        wanted = page.evaluate(CONTROLS)
        assert wanted, f"{path}: no controls found"
        reached = []
        for _ in range(len(wanted) + 40):  # every stop in main, and the header's and footer's links around it
            page.keyboard.press("Tab")
            key = page.evaluate(FOCUSED)
            if key is not None and key not in reached:
                reached.append(key)
        missing = [key for key in wanted if key not in reached]
        assert not missing, f"{path}: {len(missing)} of {len(wanted)} controls never took focus"
        # Focus moves forward through main in the order the controls are read, never back (no trap).
        assert [k for k in reached if not k.startswith("radio:")] == sorted(
            (k for k in reached if not k.startswith("radio:")), key=int
        ), f"{path}: focus order differs from reading order"
