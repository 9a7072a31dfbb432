"""The plan health check: ONE computation, never stored, so it cannot go stale. Its figures are kept in the cache
under the project's data generation, which every change to the data moves on (projects/generations.py).

`for_projects(projects)` checks a page of projects in a constant number of queries (seven, however many projects
and rows): the programme view calls it. `for_project(project, user)` is the same check for one project, with each
job's status from the `projects.jobs` hook added (those run per project, so the bulk form leaves them out); the
plan page and the project's home (through the `projects.plan_health` hook) show it. `tally(projects)` counts how
many projects meet each check (the programme report, over every project), applying the same rules (`_met`) to
the same figures without building each project's details and links.
"""

import datetime
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from mobilise.core.models import User
from mobilise.evaluation import access as evaluation_access
from mobilise.outputs import access as outputs_access
from mobilise.planning import access as planning_access
from mobilise.projects import generations, jobs
from mobilise.projects.jobs import plural
from mobilise.projects.models import Project
from mobilise.projects.planhealth import Check, PlanHealth
from mobilise.stakeholders import access as stakeholders_access

__all__ = ["Check", "PlanHealth", "checks_met", "for_project", "for_projects", "tally"]

_NO_MODEL = planning_access.ModelSummary(elements=0, findings=0, outcomes=0)
EVIDENCE_DAYS = 183  # evidence is "being logged" when an impact claim was dated in the last six months


LABELS = {
    "model_reviewed": "Logic model reviewed with no findings",
    "outcomes_measured": "Outcomes have indicators",
    "stakeholders_mapped": "Stakeholders mapped",
    "priority_contact": "Each priority stakeholder has a cadence and was contacted within it",
    "audiences_served": "An output planned for each audience",
    "questions_cover": "Evaluation questions cover the outcomes",
    "evidence_logged": "Evidence being logged",
}


@dataclass(frozen=True)
class _Facts:
    """What the checks read of one project: its logic model's size, review findings, outcomes (those the review
    expects an indicator on) and those without one; and each job app's counts."""

    focus: bool  # the project has a health-inequalities focus
    elements: int
    findings: int
    outcomes: int
    unmeasured: int
    stakeholders: dict[str, int]
    audiences: dict[str, int]
    evaluation: dict[str, Any]


def _met(facts: _Facts, today: datetime.date) -> dict[str, bool]:
    """Each check's rule, the only one: the per-project check and the programme report's counts both use it."""
    people, audiences, evaluation = facts.stakeholders, facts.audiences, facts.evaluation
    latest = evaluation["latest_claim"]
    return {
        "model_reviewed": bool(facts.elements) and not facts.findings,
        "outcomes_measured": bool(facts.outcomes) and not facts.unmeasured,
        "stakeholders_mapped": bool(people.get("total")) and bool(people.get("underserved") or not facts.focus),
        "priority_contact": bool(people.get("priority")) and not (people.get("no_cadence") or people.get("late")),
        "audiences_served": bool(audiences.get("total")) and not audiences.get("without"),
        "questions_cover": bool(evaluation["outcome_questions"]),
        "evidence_logged": latest is not None and (today - latest).days <= EVIDENCE_DAYS,
    }


def _facts(projects: list[Project], among: Any = None) -> dict[int, _Facts]:
    """The figures of each project: from the cache where a project's data has not changed since (one query), the
    rest worked out in seven queries however many (two more when a model changed). `among`, when given, is the query
    that finds `projects`: when none of them is in the cache each app reads through it, cheaper than a list of
    thousands of pks (the programme report, over every project)."""
    if not projects:
        return {}
    by_pk = {p.pk: p for p in projects}

    def work(missing: list[int]) -> dict[int, _Facts]:
        return _work_out([by_pk[pk] for pk in missing], among if len(missing) == len(by_pk) else None)

    return generations.cached("plan-health", by_pk, work)


def _work_out(projects: list[Project], among: Any = None) -> dict[int, _Facts]:
    among = [p.pk for p in projects] if among is None else among
    models = planning_access.summaries_of_projects(among)
    evaluation = evaluation_access.plan_health_counts(among, planning_access.MEASURED)
    stakeholders = stakeholders_access.plan_health_counts(among)
    audiences = outputs_access.audience_coverage(among)
    result = {}
    for project in projects:
        counts = evaluation.get(project.pk, evaluation_access.NO_PLAN_HEALTH_COUNTS)
        model = models.get(project.pk, _NO_MODEL)
        result[project.pk] = _Facts(
            focus=project.health_inequalities_focus,
            elements=model.elements,
            findings=model.findings,
            outcomes=model.outcomes,
            # Read in two queries: an outcome and its indicator added between them must not make this negative.
            unmeasured=max(0, model.outcomes - counts["measured"]),
            stakeholders=stakeholders.get(project.pk, {}),
            audiences=audiences.get(project.pk, {}),
            evaluation=counts,
        )
    return result


def _check(key: str, met: dict[str, bool], detail: str, url: str, job: str) -> Check:
    """A check by its key: its label and whether it is met are read from the one table and the one rule."""
    return Check(key, LABELS[key], met[key], detail, url, job)


def _model_checks(pk: int, facts: _Facts, met: dict[str, bool]) -> list[Check]:
    if not facts.elements:
        reviewed = _check("model_reviewed", met, "No logic model yet", reverse("planning:model", args=[pk]), "plan")
    else:
        detail = (
            f"{plural(facts.findings, 'finding')} in the model review"
            if facts.findings
            else f"{plural(facts.elements, 'element')}, no findings"
        )
        url = reverse("planning:model", args=[pk]) + "#review"
        reviewed = _check("model_reviewed", met, detail, url, "plan")
    if not facts.outcomes:
        detail = "No outcomes in the logic model yet"
    elif facts.unmeasured:
        detail = f"{facts.unmeasured} of {plural(facts.outcomes, 'outcome')} without an indicator"
    else:
        detail = f"All {plural(facts.outcomes, 'outcome')} have an indicator"
    measured_check = _check(
        "outcomes_measured", met, detail, reverse("evaluation:home", args=[pk]) + "#indicators", "evaluation"
    )
    return [reviewed, measured_check]


def _stakeholder_checks(pk: int, counts: dict[str, int], met: dict[str, bool]) -> list[Check]:
    total, underserved = counts.get("total", 0), counts.get("underserved", 0)
    if not total:
        detail = "No stakeholders on the map yet"
    elif not met["stakeholders_mapped"]:
        detail = f"{plural(total, 'stakeholder')}, none from an under-served community"
    else:
        detail = plural(total, "stakeholder") + (f", {underserved:,} under-served" if underserved else "")
    url = reverse("stakeholders:equity" if total else "stakeholders:add", args=[pk])
    mapped = _check("stakeholders_mapped", met, detail, url, "stakeholders")
    priority, no_cadence, late = counts.get("priority", 0), counts.get("no_cadence", 0), counts.get("late", 0)
    if not priority:
        detail = "No stakeholder scored high on influence and interest yet"
    elif not met["priority_contact"]:
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
        detail = f"All {plural(priority, 'priority stakeholder')} contacted within their cadence"
    contact = _check("priority_contact", met, detail, reverse("engagement:due", args=[pk]), "engagement")
    return [mapped, contact]


def _output_check(pk: int, counts: dict[str, int], met: dict[str, bool]) -> Check:
    total, without = counts.get("total", 0), counts.get("without", 0)
    if not total:
        detail = "No audiences named yet"
    elif without:
        detail = f"{without:,} of {plural(total, 'audience')} without an output planned"
    else:
        detail = f"An output planned for each of {plural(total, 'audience')}"
    return _check("audiences_served", met, detail, reverse("outputs:home", args=[pk]), "outputs")


def _evaluation_checks(pk: int, counts: dict[str, Any], met: dict[str, bool]) -> list[Check]:
    questions, on_outcomes = counts["questions"], counts["outcome_questions"]
    if not questions:
        detail = "No evaluation questions yet"
    elif not on_outcomes:
        detail = f"{plural(questions, 'question')}, none on what works or for whom"
    else:
        detail = f"{plural(on_outcomes, 'question')} on what works or for whom, of {questions:,}"
    cover = _check("questions_cover", met, detail, reverse("evaluation:home", args=[pk]), "evaluation")
    latest = counts["latest_claim"]
    if latest is None:
        detail = "No impact claims logged yet"
    else:
        detail = f"Latest impact claim dated {date_format(latest, 'j M Y')}"
    evidence = _check("evidence_logged", met, detail, reverse("evaluation:impact", args=[pk]), "evaluation")
    return [cover, evidence]


def for_projects(projects: Iterable[Project]) -> dict[int, PlanHealth]:
    """The plan health check of each project, by pk, in seven queries however many projects (a page of the
    programme view). `projects` are loaded Project instances (their `health_inequalities_focus` is read)."""
    today = timezone.localdate()
    result = {}
    for pk, facts in _facts(list(projects)).items():
        met = _met(facts, today)
        checks = [
            *_model_checks(pk, facts, met),
            *_stakeholder_checks(pk, facts.stakeholders, met),
            _output_check(pk, facts.audiences, met),
            *_evaluation_checks(pk, facts.evaluation, met),
        ]
        result[pk] = PlanHealth(tuple(checks), reverse("plans:home", args=[pk]))
    return result


def _met_by_project(projects: Iterable[Project], among: Any = None) -> dict[int, dict[str, bool]]:
    today = timezone.localdate()
    return {pk: _met(facts, today) for pk, facts in _facts(list(projects), among).items()}


def checks_met(projects: Iterable[Project]) -> dict[int, int]:
    """How many checks each project meets, by pk, by the same rules as for_projects and in as many queries, without
    each check's details and links: the programme view's column."""
    return {pk: sum(met.values()) for pk, met in _met_by_project(projects).items()}


def tally(projects: QuerySet[Project]) -> tuple[Counter[str], Counter[int]]:
    """(how many projects meet each check, by key; how many projects meet how many checks), by the same rules as
    for_projects and in as many queries, without each project's details: the programme report, over every
    project. `projects` need only their pk and `health_inequalities_focus` loaded."""
    each: Counter[str] = Counter({key: 0 for key in LABELS})
    by_met: Counter[int] = Counter()
    for met in _met_by_project(projects, among=projects.values("pk")).values():
        each.update(key for key, ok in met.items() if ok)
        by_met[sum(met.values())] += 1
    return each, by_met


def for_project(project: Project, user: User) -> PlanHealth:
    """The check for one project (the bulk form's answer) with each job's status and next steps added."""
    health = for_projects([project])[project.pk]
    statuses = tuple((item["job"].name, item["status"]) for item in jobs.statuses(project, user))
    return PlanHealth(health.checks, health.url, statuses)


def checks_for(project: Project, user: User) -> PlanHealth:
    """The plan's checks alone, for the project's home, which shows the jobs' statuses itself."""
    return for_projects([project])[project.pk]
