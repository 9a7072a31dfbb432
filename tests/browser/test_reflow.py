"""At 320 px wide (WCAG 1.4.10 reflow) the demo's pages with tables do not scroll sideways: a table wider than the
screen scrolls in its frame, and only then does the frame take a tab stop, named by its caption, so that the keyboard
can scroll it too; a long word in a heading breaks."""

import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from mobilise.core.management.commands.demo import DEMO_PASSWORD
from mobilise.core.models import User
from mobilise.engagement.models import Workshop
from mobilise.evaluation.models import ImpactClaim
from mobilise.plans.models import Plan

from .helpers import assert_accessible, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SIDEWAYS = "document.documentElement.scrollWidth - window.innerWidth"
FRAMES = """[...document.querySelectorAll('.app-table-scroll')].map(f => [f.scrollWidth > f.clientWidth,
    f.getAttribute('tabindex'), f.getAttribute('role'), f.getAttribute('aria-label')])"""


def pages(lead):
    workshop = Workshop.objects.filter(project__memberships__user=lead).order_by("pk").first()
    project = workshop.project
    claim = ImpactClaim.objects.filter(project=project).order_by("pk").first()
    plan = Plan.objects.filter(project=project).order_by("pk").first()
    on = [project.pk]
    return [
        reverse("engagement:workshop", args=[project.pk, workshop.pk]),
        reverse("engagement:workshops", args=on),
        reverse("stakeholders:register", args=on),
        reverse("stakeholders:grid", args=on),
        reverse("stakeholders:network", args=on),
        reverse("outputs:home", args=on),
        reverse("evaluation:home", args=on),
        reverse("evaluation:chain", args=on),
        reverse("evaluation:claim", args=[project.pk, claim.pk]),
        reverse("planning:snapshots", args=on),
        reverse("project-team", args=on),
        reverse("plans:section-versions", args=[project.pk, plan.pk, "implementation"]),
    ]


def test_pages_with_tables_reflow_at_320_px(page, live_server):
    page.set_default_navigation_timeout(30_000)
    call_command("demo", stdout=io.StringIO())
    lead = User.objects.get(email="lead@mobilise.test")
    page.set_viewport_size({"width": 320, "height": 900})
    sign_in(page, live_server, lead, password=DEMO_PASSWORD)
    scrolling = 0
    for path in pages(lead):
        page.goto(live_server.url + path)
        assert page.evaluate(SIDEWAYS) <= 0, f"{path} scrolls sideways at 320 px"
        for wide, tabindex, role, label in page.evaluate(FRAMES):
            assert (tabindex, role) == (("0", "region") if wide else (None, None)), path
            scrolling += wide
            assert not wide or label.endswith("(scrolls sideways)")
        assert_accessible(page)
    assert scrolling, "no table was wider than the screen, so the frames were not tested"
    # A table folded in a disclosure takes its tab stop too: the network's table of those drawn is six columns.
    # (Chromium lays out a closed disclosure's content; browsers that do not measure it when it opens.)
    page.goto(live_server.url + pages(lead)[4])
    page.get_by_text("The stakeholders drawn as a table").click()
    drawn = page.locator("details[open] .app-table-scroll").first
    assert drawn.get_attribute("tabindex") == "0" and drawn.get_attribute("role") == "region"
    assert page.evaluate(SIDEWAYS) <= 0
    # At 1280 px the team's table fits: its frame takes no tab stop.
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(live_server.url + reverse("project-team", args=[lead.memberships.first().project_id]))
    assert page.evaluate(FRAMES) == [[False, None, None, None]]
