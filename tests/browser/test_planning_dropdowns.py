"""The logic model's drop-downs list elements in column order, and long element texts never make the page
scroll sideways (WCAG 1.4.10 reflow), at 1280 px and at 320 px."""

import pytest
from playwright.sync_api import expect

from mobilise.planning import services
from mobilise.planning.models import Column

from .helpers import assert_accessible, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LONG = (
    "Community health champions from faith and women's organisations run sessions in Urdu, Punjabi, Bengali and "
    "Gujarati in mosques, gurdwaras, temples and community centres across every district of Mereshire"
)


def sideways(page):
    """How far the page scrolls sideways, and what sticks out (the innermost elements past the right edge)."""
    return page.evaluate(
        """() => {
        const width = document.documentElement.clientWidth;
        const out = [...document.body.querySelectorAll('*')].filter(e => e.getBoundingClientRect().right > width + 1
            && ![...e.children].some(c => c.getBoundingClientRect().right > width + 1));
        return [document.documentElement.scrollWidth - width,
            out.slice(0, 5).map(e => e.tagName + '.' + e.className + '#' + e.id)];
    }"""
    )


@pytest.mark.parametrize("width", [1280, 320])
def test_long_element_texts_do_not_widen_the_page(page, live_server, member, project, width):
    impact = services.add_element(project=project, column=Column.IMPACT, text="Fewer late diagnoses")
    activity = services.add_element(project=project, column=Column.ACTIVITIES, text=LONG)
    services.add_element(project=project, column=Column.INPUTS, text="Funding")
    services.add_link(source=activity, target=impact)
    note = services.add_element(project=project, column=Column.ASSUMPTIONS, text="Venues stay open")
    page.set_default_timeout(60000)
    page.set_viewport_size({"width": width, "height": 900})
    sign_in(page, live_server, member)
    base = f"{live_server.url}/projects/{project.pk}/logic-model/"
    page.goto(base, timeout=60000)
    expect(page.get_by_role("heading", level=1)).to_have_text("Logic model")
    attached = page.locator("#col-assumptions select")
    assert attached.locator("option").all_inner_texts()[1:4] == [
        "Inputs: Funding",
        "Activities: Community health champions from faith and…",
        "Impact: Fewer late diagnoses",
    ]
    assert sideways(page)[0] <= 0, sideways(page)[1] or f"the board scrolls sideways at {width} px"
    page.goto(f"{base}elements/{note.pk}/")
    expect(page.get_by_label("Attached to")).to_be_visible()
    assert sideways(page)[0] <= 0, sideways(page)[1] or f"the assumption's page scrolls sideways at {width} px"
    page.screenshot(path=f"/tmp/identity-note-{width}.png", full_page=True)
    page.goto(f"{base}elements/{activity.pk}/")
    assert page.get_by_label("Leads to").locator("option").all_inner_texts() == [
        "Choose an element",
        "Impact: Fewer late diagnoses",
    ]
    assert sideways(page)[0] <= 0, sideways(page)[1] or f"the element's page scrolls sideways at {width} px"


@pytest.mark.parametrize("width", [1280, 320])
def test_restore_page_names_what_loses_its_link(page, live_server, member, project, width):
    from tests.factories import IndicatorFactory

    empty = services.take_snapshot(project=project, name="Before we started", by=None)
    outcome = services.add_element(project=project, column=Column.SHORT, text=LONG)
    IndicatorFactory(project=project, element=outcome, name="Women who know where to book")
    page.set_default_timeout(60000)
    page.set_viewport_size({"width": width, "height": 900})
    sign_in(page, live_server, member)
    page.goto(f"{live_server.url}/projects/{project.pk}/logic-model/snapshots/{empty.pk}/restore/")
    callout = page.locator(".nhsuk-card--warning")
    expect(callout).to_contain_text("1 thing will no longer be linked to the logic model")
    expect(callout).to_contain_text("Indicator “Women who know where to book”")
    assert_accessible(page)
    assert sideways(page)[0] <= 0, sideways(page)[1]
    page.screenshot(path=f"/tmp/identity-restore-{width}.png", full_page=True)
