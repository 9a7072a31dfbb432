"""The plan health check: each check met and not met, one computation for one project or a page of them, in a
constant number of queries, and shown on the plan page and the project's home."""

import datetime
from collections import Counter

import pytest
from django.urls import reverse
from django.utils import timezone

from mobilise.planning.models import Column
from mobilise.plans import health
from mobilise.projects.models import Project

from ..factories import (
    AudienceFactory,
    ElementFactory,
    ImpactClaimFactory,
    ProjectFactory,
    QuestionFactory,
    StakeholderFactory,
)
from ..queries import assert_max_queries
from .conftest import fill


def states(project):
    return {c.key: c.met for c in health.for_projects([project])[project.pk].checks}


def test_an_empty_project_meets_no_check(project):
    result = health.for_projects([project])[project.pk]
    assert (result.met, result.total) == (0, 7)
    assert result.checks[0].detail == "No logic model yet"
    assert all(c.url.startswith(f"/projects/{project.pk}/") for c in result.checks)


def test_a_project_with_every_job_in_hand_meets_every_check(rich):
    assert all(states(rich).values()), health.for_projects([rich])[rich.pk].checks


def test_each_check_turns_on_its_own_data(rich):
    model = rich.logic_model
    ElementFactory(model=model, column=Column.MEDIUM, text="Commissioners fund champions")
    now = states(rich)
    # An outcome with no link in and no indicator fails the model review and the indicator check, nothing else.
    assert not now["model_reviewed"] and not now["outcomes_measured"]
    assert now["stakeholders_mapped"] and now["audiences_served"] and now["evidence_logged"]


def test_priority_stakeholders_must_be_contacted_within_their_cadence(rich):
    StakeholderFactory(project=rich, interest=5, influence=5, cadence="monthly")  # never contacted
    result = {c.key: c for c in health.for_projects([rich])[rich.pk].checks}["priority_contact"]
    assert not result.met and result.detail == "1 not contacted within their cadence (of 2 priority stakeholders)"
    late = StakeholderFactory(project=rich, interest=4, influence=4, cadence="")
    late.last_contact = timezone.localdate() - datetime.timedelta(days=400)
    late.save()
    result = {c.key: c for c in health.for_projects([rich])[rich.pk].checks}["priority_contact"]
    assert result.detail.startswith("1 without a cadence; 1 not contacted")


def test_health_inequalities_projects_need_an_under_served_community(db):
    project = ProjectFactory(health_inequalities_focus=True)
    StakeholderFactory(project=project)
    assert not states(project)["stakeholders_mapped"]
    StakeholderFactory(project=project, underserved=True)
    assert states(project)["stakeholders_mapped"]


def test_audiences_questions_and_evidence(project):
    AudienceFactory(project=project)
    QuestionFactory(project=project, focus="process")
    ImpactClaimFactory(project=project, date=timezone.localdate() - datetime.timedelta(days=400))
    now = states(project)
    assert not now["audiences_served"] and not now["questions_cover"] and not now["evidence_logged"]
    QuestionFactory(project=project, focus="whom")
    ImpactClaimFactory(project=project, date=timezone.localdate())
    now = states(project)
    assert now["questions_cover"] and now["evidence_logged"]


@pytest.mark.parametrize("n", [1, 3])
def test_the_bulk_form_runs_in_constant_queries(db, n):
    projects = [fill(ProjectFactory(), n) for _ in range(n * 3)]
    with assert_max_queries(10):  # two more to read the logic models, reviewed for the first time
        first = health.for_projects(projects)
    with assert_max_queries(8):
        result = health.for_projects(projects)
    assert result == first and set(result) == {p.pk for p in projects}
    assert all(r.met == r.total for r in result.values())


def test_the_single_form_is_the_bulk_answer_with_the_jobs(rich, lead):
    one = health.for_project(rich, lead)
    assert one.checks == health.for_projects([rich])[rich.pk].checks
    assert [name for name, _ in one.jobs] == ["Logic model", "Stakeholders", "Outputs", "Engagement", "Evaluation"]


def test_shown_on_the_home_and_the_plan_page(as_user, rich, lead):
    home = as_user(lead).get(reverse("project", args=[rich.pk])).content.decode()
    assert "Plan health check: 7 of 7 met" in home and reverse("plans:home", args=[rich.pk]) in home
    plans = as_user(lead).get(reverse("plans:home", args=[rich.pk])).content.decode()
    assert "Plan health check: 7 of 7 met" in plans and "How each job stands" in plans


def test_the_programme_counts_apply_the_same_rules_as_each_projects_check(db, rich):
    focused = ProjectFactory(health_inequalities_focus=True)
    StakeholderFactory(project=focused)
    ElementFactory(model=rich.logic_model, column=Column.LONG, text="Fewer late diagnoses")
    projects = [rich, focused, ProjectFactory(), fill(ProjectFactory())]
    each, by_met = health.tally(Project.objects.filter(pk__in=[p.pk for p in projects]))
    checks = [h.checks for h in health.for_projects(projects).values()]
    assert each == {key: sum(c.met for row in checks for c in row if c.key == key) for key in health.LABELS}
    assert by_met == Counter(sum(c.met for c in row) for row in checks)
    assert [c.label for c in checks[0]] == list(health.LABELS.values())
