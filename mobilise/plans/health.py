"""The plan health check: ONE computation, never stored, so it cannot go stale.

`for_projects(projects)` checks a page of projects in a constant number of queries (seven, however many projects
and rows): the programme view calls it. `for_project(project, user)` is the same check for one project, with each
job's status from the `projects.jobs` hook added (those run per project, so the bulk form leaves them out); the
plan page and the project's home (through the `projects.plan_health` hook) show it.
"""

import datetime
from collections.abc import Iterable
from types import SimpleNamespace
from typing import Any

from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from mobilise.core.models import User
from mobilise.evaluation import access as evaluation_access
from mobilise.outputs import access as outputs_access
from mobilise.planning import access as planning_access
from mobilise.planning import modeldata
from mobilise.planning.models import OUTCOMES
from mobilise.projects import jobs
from mobilise.projects.jobs import plural
from mobilise.projects.models import Project
from mobilise.projects.planhealth import Check, PlanHealth
from mobilise.stakeholders import access as stakeholders_access

__all__ = ["Check", "PlanHealth", "for_project", "for_projects"]

EVIDENCE_DAYS = 183  # evidence is "being logged" when an impact claim was dated in the last six months
_EMPTY_MODEL = SimpleNamespace(problem="", context="", population="", hints={})
MEASURED = OUTCOMES[:3]  # the outcomes the model review expects an indicator on (not impact)


def _model_checks(project: Project, contents: tuple[list, list] | None, measured: set[int]) -> list[Check]:
    pk = project.pk
    elements, links = contents or ([], [])
    review_url = reverse("planning:model", args=[pk]) + "#review"
    if not elements:
        reviewed = Check(
            "model_reviewed",
            "Logic model reviewed with no findings",
            False,
            "No logic model yet",
            reverse("planning:model", args=[pk]),
            "plan",
        )
    else:
        found = modeldata.review(modeldata.serialise(_EMPTY_MODEL, elements, links))
        detail = (
            f"{plural(len(found), 'finding')} in the model review"
            if found
            else f"{plural(len(elements), 'element')}, no findings"
        )
        reviewed = Check(
            "model_reviewed", "Logic model reviewed with no findings", not found, detail, review_url, "plan"
        )
    outcomes = [e for e in elements if e.column in MEASURED]
    unmeasured = [e for e in outcomes if e.pk not in measured]
    if not outcomes:
        detail = "No outcomes in the logic model yet"
    elif unmeasured:
        detail = f"{len(unmeasured)} of {plural(len(outcomes), 'outcome')} without an indicator"
    else:
        detail = f"All {plural(len(outcomes), 'outcome')} have an indicator"
    measured_check = Check(
        "outcomes_measured",
        "Outcomes have indicators",
        bool(outcomes) and not unmeasured,
        detail,
        reverse("evaluation:home", args=[pk]) + "#indicators",
        "evaluation",
    )
    return [reviewed, measured_check]


def _stakeholder_checks(project: Project, counts: dict[str, int]) -> list[Check]:
    pk = project.pk
    total, underserved = counts.get("total", 0), counts.get("underserved", 0)
    if not total:
        mapped, detail = False, "No stakeholders on the map yet"
    elif project.health_inequalities_focus and not underserved:
        mapped, detail = False, f"{plural(total, 'stakeholder')}, none from an under-served community"
    else:
        mapped = True
        detail = plural(total, "stakeholder") + (f", {underserved:,} under-served" if underserved else "")
    url = reverse("stakeholders:equity" if total else "stakeholders:add", args=[pk])
    mapped_check = Check("stakeholders_mapped", "Stakeholders mapped", mapped, detail, url, "stakeholders")
    priority, no_cadence, late = counts.get("priority", 0), counts.get("no_cadence", 0), counts.get("late", 0)
    if not priority:
        met, detail = False, "No stakeholder scored high on influence and interest yet"
    elif no_cadence or late:
        met = False
        detail = (
            "; ".join(
                part
                for part in (
                    f"{no_cadence:,} without a cadence" if no_cadence else "",
                    f"{late:,} not contacted within their cadence" if late else "",
                )
                if part
            )
            + f" (of {plural(priority, 'priority stakeholder')})"
        )
    else:
        met, detail = True, f"All {plural(priority, 'priority stakeholder')} contacted within their cadence"
    contact = Check(
        "priority_contact",
        "Each priority stakeholder has a cadence and was contacted within it",
        met,
        detail,
        reverse("engagement:due", args=[pk]),
        "engagement",
    )
    return [mapped_check, contact]


def _output_check(project: Project, counts: dict[str, int]) -> Check:
    total, without = counts.get("total", 0), counts.get("without", 0)
    if not total:
        detail = "No audiences named yet"
    elif without:
        detail = f"{without:,} of {plural(total, 'audience')} without an output planned"
    else:
        detail = f"An output planned for each of {plural(total, 'audience')}"
    return Check(
        "audiences_served",
        "An output planned for each audience",
        bool(total) and not without,
        detail,
        reverse("outputs:home", args=[project.pk]),
        "outputs",
    )


def _evaluation_checks(project: Project, counts: dict[str, Any], today: datetime.date) -> list[Check]:
    pk = project.pk
    questions, on_outcomes = counts["questions"], counts["outcome_questions"]
    if not questions:
        detail = "No evaluation questions yet"
    elif not on_outcomes:
        detail = f"{plural(questions, 'question')}, none on what works or for whom"
    else:
        detail = f"{plural(on_outcomes, 'question')} on what works or for whom, of {questions:,}"
    cover = Check(
        "questions_cover",
        "Evaluation questions cover the outcomes",
        bool(on_outcomes),
        detail,
        reverse("evaluation:home", args=[pk]),
        "evaluation",
    )
    latest = counts["latest_claim"]
    logging = latest is not None and (today - latest).days <= EVIDENCE_DAYS
    if latest is None:
        detail = "No impact claims logged yet"
    else:
        detail = f"Latest impact claim dated {date_format(latest, 'j M Y')}"
    evidence = Check(
        "evidence_logged",
        "Evidence being logged",
        logging,
        detail,
        reverse("evaluation:impact", args=[pk]),
        "evaluation",
    )
    return [cover, evidence]


def for_projects(projects: Iterable[Project]) -> dict[int, PlanHealth]:
    """The plan health check of each project, by pk, in seven queries however many projects (a page of the
    programme view). `projects` are loaded Project instances (their `health_inequalities_focus` is read)."""
    projects = list(projects)
    ids = [p.pk for p in projects]
    if not ids:
        return {}
    models = planning_access.contents_of_projects(ids)
    evaluation = evaluation_access.plan_health_counts(ids)
    stakeholders = stakeholders_access.plan_health_counts(ids)
    audiences = outputs_access.audience_coverage(ids)
    today = timezone.localdate()
    result = {}
    for project in projects:
        counts = evaluation[project.pk]
        checks = [
            *_model_checks(project, models.get(project.pk), counts["measured"]),
            *_stakeholder_checks(project, stakeholders.get(project.pk, {})),
            _output_check(project, audiences.get(project.pk, {})),
            *_evaluation_checks(project, counts, today),
        ]
        result[project.pk] = PlanHealth(tuple(checks), reverse("plans:home", args=[project.pk]))
    return result


def for_project(project: Project, user: User) -> PlanHealth:
    """The check for one project (the bulk form's answer) with each job's status and next steps added."""
    health = for_projects([project])[project.pk]
    statuses = tuple((item["job"].name, item["status"]) for item in jobs.statuses(project, user))
    return PlanHealth(health.checks, health.url, statuses)


def checks_for(project: Project, user: User) -> PlanHealth:
    """The plan's checks alone, for the project's home, which shows the jobs' statuses itself."""
    return for_projects([project])[project.pk]
