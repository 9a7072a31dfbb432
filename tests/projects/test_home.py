"""The project's home: a sub-navigation across the five jobs on every project page, and each job's state and next
step, reported through the one projects.jobs hook in a fixed number of queries."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from mobilise.core import hooks, reviews
from mobilise.core.models import Decision
from mobilise.outputs.models import Status as OutputStatus
from mobilise.planning.models import Column
from mobilise.projects import jobs
from mobilise.projects.jobs import JobStatus, Step

from ..factories import (
    ActionFactory,
    ElementFactory,
    FindingFactory,
    IndicatorFactory,
    LinkFactory,
    LogicModelFactory,
    OutputFactory,
    PeriodFactory,
    StakeholderFactory,
)
from ..queries import assert_max_queries

JOB_KEYS = ["plan", "stakeholders", "outputs", "engagement", "evaluation"]


def home(project):
    return reverse("project", args=[project.pk])


def nav_of(html):
    """(text, href, aria-current) of each link in the project's sub-navigation."""
    nav = re.search(r'<nav class="app-project-nav".*?</nav>', html, re.S)
    assert nav, "no project sub-navigation"
    return [
        (text, href, current)
        for href, current, text in re.findall(
            r'<a class="app-project-nav__link" href="([^"]+)"(?: aria-current="(\w+)")?>([^<]+)</a>', nav.group(0)
        )
    ]


def test_every_job_app_registers_once_in_order():
    assert [job.key for job in jobs.jobs()] == JOB_KEYS
    assert "projects.jobs" in hooks.declared()


def test_home_and_team_are_marked_current(as_user, project, lead):
    client = as_user(lead)
    items = nav_of(client.get(home(project)).content.decode())
    assert [text for text, _, _ in items] == [
        "Overview", "Logic model", "Stakeholders", "Outputs", "Engagement", "Evaluation", "Team"
    ]  # fmt: skip
    assert [current for _, _, current in items] == ["page", "", "", "", "", "", ""]
    team = nav_of(client.get(reverse("project-team", args=[project.pk])).content.decode())
    assert team[-1] == ("Team", reverse("project-team", args=[project.pk]), "page")


@pytest.mark.parametrize(
    "url_name, args, current, how",
    [
        ("planning:model", (), "Logic model", "page"),
        ("planning:start", (), "Logic model", "true"),
        ("stakeholders:grid", (), "Stakeholders", "true"),
        ("stakeholders:add", (), "Stakeholders", "true"),
        ("outputs:home", (), "Outputs", "page"),
        ("outputs:finding-new", (), "Outputs", "true"),
        ("engagement:due", (), "Engagement", "page"),
        ("engagement:workshops", (), "Engagement", "true"),
        ("engagement:log", (), "Engagement", "true"),
        ("evaluation:home", (), "Evaluation", "page"),
        ("evaluation:case-study", (), "Evaluation", "true"),
        ("evaluation:indicator-new", (), "Evaluation", "true"),
        ("project-edit", (), "Overview", "true"),
        ("project-history", (), "Overview", "true"),
    ],
)
def test_every_kind_of_project_page_has_the_subnav_with_its_job_current(
    as_user, project, lead, url_name, args, current, how
):
    """Section pages, form pages and the board alike: the layout shows it wherever page_context built the page."""
    html = as_user(lead).get(reverse(url_name, args=[project.pk, *args])).content.decode()
    marked = [(text, mark) for text, _, mark in nav_of(html) if mark]
    assert marked == [(current, how)]


def test_viewer_has_no_team_link_and_is_not_invited_to_edit(as_user, project, viewer):
    html = as_user(viewer).get(home(project)).content.decode()
    assert "Team" not in [text for text, _, _ in nav_of(html)]
    assert "start from a template" not in html and "Not started: no logic model yet" in html
    assert reverse("planning:start", args=[project.pk]) not in html


def test_pages_outside_a_project_have_no_subnav(as_user, lead):
    for url in (reverse("dashboard"), reverse("engagement_all:due")):
        assert "app-project-nav" not in as_user(lead).get(url).content.decode()


def test_the_due_list_across_projects_is_in_the_top_menu(as_user, project, member):
    client = as_user(member)
    due = reverse("engagement_all:due")
    html = client.get(reverse("dashboard")).content.decode()
    header = html[html.index("<header") : html.index("</header>")]
    assert f'href="{due}"' in header and "Due for contact" in header
    header = client.get(due).content.decode().split("</header>")[0]
    assert re.search(rf'href="{due}"[^>]*aria-current="page"', header)
    assert "Sign in" in as_user(None).get(reverse("login")).content.decode()
    assert due not in as_user(None).get(reverse("login")).content.decode()


def test_a_new_project_says_where_to_start(as_user, project, lead):
    html = as_user(lead).get(home(project)).content.decode()
    for text in (
        "No logic model yet: start from a template",
        "No stakeholders yet: add who the evidence is for",
        "No findings yet: record what the research found",
        "No indicators yet: measure an outcome of the logic model",
    ):
        assert text in html
    assert f'href="{reverse("planning:start", args=[project.pk])}"' in html


def _fill(project, n):
    """n of everything each job reports on: overdue contacts, overdue actions, outputs in review, outcomes without
    an indicator, indicators with a period ended and no value."""
    today = timezone.localdate()
    model = LogicModelFactory(project=project)
    for _ in range(n):
        StakeholderFactory(project=project, cadence="monthly", last_contact=today - datetime.timedelta(days=90))
        ActionFactory(project=project, due=today - datetime.timedelta(days=3))
        OutputFactory(project=project, status=OutputStatus.IN_REVIEW)
        FindingFactory(project=project)
        outcome = ElementFactory(model=model, column=Column.SHORT)
        LinkFactory(model=model, target=outcome)
        PeriodFactory(indicator=IndicatorFactory(project=project), ends=today - datetime.timedelta(days=10))


def test_each_job_reports_its_state_and_next_step(as_user, project, lead):
    _fill(project, 2)
    statuses = {item["job"].key: item["status"] for item in jobs.statuses(project, lead)}
    texts = {key: [step.text for step in status.steps] for key, status in statuses.items()}
    assert "2 overdue contacts" in texts["engagement"] and "2 overdue actions" in texts["engagement"]
    assert "2 outcomes without an indicator" in texts["plan"]
    assert "2 outputs in review" in texts["outputs"]
    assert "2 reporting periods ended without a value" in texts["evaluation"]
    assert statuses["stakeholders"].state == "2 stakeholders on the map"
    html = as_user(lead).get(home(project)).content.decode()
    assert "2 overdue contacts" in html and f'href="{reverse("engagement:due", args=[project.pk])}"' in html


def test_a_named_reviewer_sees_outputs_awaiting_their_review(project, lead, member):
    first, second = OutputFactory(project=project), OutputFactory(project=project)
    for output in (first, second):
        reviews.request_review(obj=output, by=lead, reviewers=[member])
    reviews.decide(review=reviews.latest(second), obj=second, by=member, decision=Decision.APPROVED)

    def steps(user):
        return [s.text for s in {i["job"].key: i["status"] for i in jobs.statuses(project, user)}["outputs"].steps]

    assert steps(member)[0] == "1 output awaiting your review"
    assert steps(lead)[0] == "1 output in review"


def test_a_job_with_nothing_to_do_says_so(as_user, project, lead):
    fine = jobs.Job(
        key="plan", name="Logic model", url_name="planning:model", purpose="p", status=lambda p, u: JobStatus("ok")
    )
    busy = jobs.Job(
        key="outputs",
        name="Outputs",
        url_name="outputs:home",
        purpose="p",
        status=lambda p, u: JobStatus("busy", (Step("3 things", "/x/"),)),
    )
    with jobs.JOBS.temporarily(fine, busy):
        html = as_user(lead).get(home(project)).content.decode()
    assert "Nothing needs attention." in html and '<a href="/x/">3 things</a>' in html


# The page itself (6), then each job: plan 5 (kept under the data generation: 1 when warm), stakeholders 1,
# outputs 2, engagement 3, evaluation 3; then the project's support history (1, from support, and 1 more when it
# has cases: tests/support/test_history.py); then the plan health check (7, from plans: tests/plans/test_health.py,
# and 2 more to read a logic model changed since the check last read it, as here).
HOME_BUDGET = 33  # the page, and each job's status in a fixed number of queries


def test_home_queries_do_not_grow_with_the_data(as_user, project, lead):
    client = as_user(lead)
    # A process that has served a page holds the content types it looked up (Django caches them per process).
    client.get(home(project))
    counts = []
    for n in (2, 12):
        _fill(project, n)
        with assert_max_queries(HOME_BUDGET) as queries:
            assert client.get(home(project)).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1], counts
