"""Every write to plans: making a plan from a template with each section drafted from the live data, saving a
section (refusing a stale edit), its costed resources, its status, and advisers' templates."""

import re
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from mobilise.core import reviews
from mobilise.core.models import User
from mobilise.core.versioning import check_version
from mobilise.projects.models import Project

from . import access, sources
from .models import MAX_COST, Cost, Plan, PlanSection, PlanTemplate, Status
from .shapes import BUILT_IN, CHARACTERS, WORDS, Shape


class PlanError(ValueError):
    """Input a plan or template cannot take; `problems` lists each, in plain English."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("; ".join(problems))
        self.problems = problems


def _draft(plan: Plan, shape: Shape, by: User) -> None:
    live = sources.Live(plan.project, plan)
    now = timezone.now()
    rows = []
    for position, section in enumerate(shape.sections):
        suggestion = live.suggestion(section.source)
        rows.append(
            PlanSection(
                plan=plan,
                key=section.key,
                heading=section.heading,
                position=position,
                text=suggestion.text if suggestion else "",
                basis=suggestion.fingerprint if suggestion else {},
                written_at=now,
                written_by=by,
            )
        )
    PlanSection.objects.bulk_create(rows)


@transaction.atomic
def create_plan(
    *, project: Project, by: User, title: str, template_key: str = "", template: PlanTemplate | None = None
) -> Plan:
    """A plan in a built-in shape (by key) or an adviser's template, each section drafted from the live data."""
    if (template is None) == (not template_key) or (template_key and template_key not in BUILT_IN):
        raise PlanError(["Choose one template"])
    plan = Plan.objects.create(
        project=project, title=title, template_key=template_key, custom_template=template, created_by=by
    )
    shape = BUILT_IN[template_key] if template_key else access.template_shape(template)  # type: ignore[arg-type]
    _draft(plan, shape, by)
    return plan


@transaction.atomic
def save_section(*, section: PlanSection, text: str, expected_version: int, by: User) -> PlanSection:
    """Save the team's text, recording the live data it was written against (so later changes show); refuses a
    stale edit (`core.versioning.StaleEdit`). Over the limit is saved as a draft: only the export is refused."""
    current = PlanSection.objects.select_for_update().select_related("plan__project").get(pk=section.pk)
    check_version(current, expected_version, {"text": text})
    shape = {s.key: s for s in access.shape_of(current.plan).sections}.get(current.key)
    suggestion = sources.Live(current.plan.project, current.plan).suggestion(shape.source if shape else "")
    current.text = text
    current.basis = suggestion.fingerprint if suggestion else {}
    current.written_at, current.written_by = timezone.now(), by
    current.version += 1
    current.save()
    # The plan's version counts changes to its text, so a review names the version it read.
    Plan.objects.filter(pk=current.plan_id).update(updated=timezone.now(), version=F("version") + 1)
    return current


@transaction.atomic
def refill_section(*, section: PlanSection, by: User) -> PlanSection:
    """Start the section again from the live data, replacing the team's text."""
    current = PlanSection.objects.select_for_update().select_related("plan__project").get(pk=section.pk)
    shape = {s.key: s for s in access.shape_of(current.plan).sections}.get(current.key)
    suggestion = sources.Live(current.plan.project, current.plan).suggestion(shape.source if shape else "")
    if suggestion is None:
        raise PlanError(["This section has no live data to start from"])
    return save_section(section=current, text=suggestion.text, expected_version=current.version, by=by)


@transaction.atomic
def send_for_review(*, plan: Plan, by: User, reviewers: Any, message: str = "") -> None:
    """Open a review (core/reviews.py): each reviewer is emailed a link; the plan is under review meanwhile."""
    try:
        reviews.request_review(obj=plan, by=by, reviewers=reviewers, message=message)
    except reviews.ReviewError as error:
        raise PlanError([str(error)]) from None


@transaction.atomic
def set_status(*, plan: Plan, status: str, by: User) -> Plan:
    if status not in Status.values:
        raise PlanError(["Choose a status"])
    plan.status = status
    plan.save(update_fields=["status", "updated"])
    return plan


def clean_cost(value: Any) -> Decimal:
    """A cost in pounds: a number from 0 to 10,000,000 with at most 2 decimal places, else PlanError."""
    text = str(value).strip().replace(",", "").removeprefix("£")
    try:
        cost = Decimal(text)
    except InvalidOperation:
        raise PlanError([f"Enter the cost as a number of pounds, like 1250 or 1250.50, not “{value}”"]) from None
    if not cost.is_finite():
        raise PlanError(["Enter the cost as a number of pounds"])
    if cost < 0:
        raise PlanError(["A cost cannot be negative"])
    if cost > MAX_COST:
        raise PlanError([f"A cost must be £{MAX_COST:,} or less"])
    if cost != cost.quantize(Decimal("0.01")):
        raise PlanError(["Enter the cost in pounds and pence, at most 2 decimal places"])
    return cost


@transaction.atomic
def add_cost(*, plan: Plan, item: str, cost: Any) -> Cost:
    if not item.strip():
        raise PlanError(["Enter what the cost is for"])
    amount = clean_cost(cost)
    position = plan.costs.count()
    return Cost.objects.create(plan=plan, item=item.strip()[:200], cost=amount, position=position)


@transaction.atomic
def remove_cost(*, cost: Cost) -> None:
    cost.delete()


def _slug(heading: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", heading.lower()).strip("-")[:40] or "section"


def check_sections(sections: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """An adviser's sections, checked: at least one; each with a heading, a limit above zero and a unit of words
    or characters; no heading twice (ignoring case). Raises PlanError naming every problem."""
    problems = []
    if not sections:
        problems.append("Add at least one section")
    seen: set[str] = set()
    cleaned = []
    for number, section in enumerate(sections, start=1):
        heading = str(section.get("heading", "")).strip()
        if not heading:
            problems.append(f"Section {number}: enter a heading")
            continue
        if heading.lower() in seen:
            problems.append(f"Section {number}: “{heading}” is already a section; give each section its own name")
        seen.add(heading.lower())
        limit = section.get("limit")
        if not isinstance(limit, int) or isinstance(limit, bool) or limit <= 0:
            problems.append(f"Section {number} (“{heading}”): the limit must be a whole number above zero")
        unit = section.get("unit", WORDS)
        if unit not in (WORDS, CHARACTERS):
            problems.append(f"Section {number} (“{heading}”): the limit is in words or characters")
        cleaned.append(
            {"heading": heading, "guidance": str(section.get("guidance", "")).strip(), "limit": limit, "unit": unit}
        )
    if problems:
        raise PlanError(problems)
    keys: set[str] = set()
    for number, section in enumerate(cleaned, start=1):
        key = _slug(section["heading"])
        section["key"] = key if key not in keys else f"{key[:36]}-{number}"
        keys.add(section["key"])
    return cleaned


@transaction.atomic
def create_template(*, name: str, description: str = "", sections: list[dict[str, Any]], by: User) -> PlanTemplate:
    """An adviser's template; refused, with nothing saved, unless `check_sections` passes and the name is new."""
    cleaned = check_sections(sections)
    if PlanTemplate.objects.filter(name__iexact=name.strip()).exists():
        raise PlanError([f"A template called “{name.strip()}” already exists"])
    return PlanTemplate.objects.create(name=name.strip(), description=description, sections=cleaned, created_by=by)
