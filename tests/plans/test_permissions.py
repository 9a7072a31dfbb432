"""Every plans URL, for every persona: readers read plans and export them, editors write them; the templates advisers
define are advisers' alone (404 for everyone else)."""

import pytest

from mobilise.plans import services

from ..factories import CostFactory
from ..permissions import EDIT, READ, Url, check_every_persona, names_in, when_allowed

P = ("project",)
PLAN = (*P, "plan")
ADVISERS = {"adviser": 200, "lead": 404, "member": 404, "viewer": 404, "outsider": 404}
URLS = [
    Url("plans:home", P, READ),
    Url("plans:new", P, EDIT),
    Url("plans:new", P, when_allowed(EDIT, 302), "post", {"template": "ktpt", "title": "KT plan"}),
    Url("plans:plan", PLAN, READ),
    Url("plans:review", PLAN, EDIT),
    Url("plans:status", PLAN, when_allowed(EDIT, 302), "post", {"status": "under_review"}),
    Url("plans:cost-add", PLAN, when_allowed(EDIT, 302), "post", {"item": "Translation", "cost": "800"}),
    Url("plans:cost-remove", (*PLAN, "cost"), when_allowed(EDIT, 302), "post"),
    Url("plans:section", (*PLAN, "impact"), EDIT),
    Url("plans:section", (*PLAN, "impact"), when_allowed(EDIT, 302), "post", {"text": "For women.", "version": 1}),
    Url("plans:section-count", (*PLAN, "impact"), EDIT, "post", {"text": "For women."}),
    Url("plans:section-versions", (*PLAN, "impact"), READ),
    Url("plans:export", (*PLAN, "docx"), READ),
    Url("plans:export", (*PLAN, "pdf"), READ),
    Url("plan_templates:list", (), ADVISERS),
    Url("plan_templates:new", (), ADVISERS),
    Url(
        "plan_templates:new",
        (),
        when_allowed(ADVISERS, 302),
        "post",
        {"name": "Regional plan", "sections": "Reach | 100 | words | Who it reaches"},
    ),
]


@pytest.fixture
def objects(project, lead):
    plan = services.create_plan(project=project, by=lead, title="NIHR stage 2", template_key="nihr")
    return {"project": project, "plan": plan, "cost": CostFactory(plan=plan)}


@pytest.mark.parametrize("url", URLS, ids=str)
def test_url_by_persona(request, objects, url):
    check_every_persona(url, objects, request)


def test_the_table_has_every_url():
    assert names_in("mobilise.plans.urls") | names_in("mobilise.plans.urls_templates") == {url.name for url in URLS}
