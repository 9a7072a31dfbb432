"""Scoped reads of plans (through the project, whose roles decide), their shapes, and the sections as the plan page
shows them: the team's text beside the live data, what changed since it was written, and its count."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from mobilise.documents.text import blocks
from mobilise.projects.models import Project

from . import fingerprints, limits, sources
from .models import Cost, Plan, PlanSection, PlanTemplate
from .shapes import BUILT_IN, WORDS, SectionShape, Shape


def plans(project: Project) -> QuerySet[Plan]:
    return Plan.objects.filter(project=project).select_related("custom_template", "created_by")


def get_plan(project: Project, pk: int) -> Plan:
    return get_object_or_404(plans(project), pk=pk)


def sections(plan: Plan) -> list[PlanSection]:
    return list(plan.sections.select_related("written_by"))


def costs(plan: Plan) -> list[Cost]:
    return list(plan.costs.all())


def get_cost(plan: Plan, pk: int) -> Cost:
    return get_object_or_404(Cost.objects.filter(plan=plan), pk=pk)


def get_section(plan: Plan, key: str) -> PlanSection:
    return get_object_or_404(PlanSection.objects.filter(plan=plan), key=key)


def section_versions(section: PlanSection) -> list[Any]:
    """The section's text as it was each time it changed (its history, saves that left the text as it was left
    out), newest first, numbered from 1: the last 200."""
    records = section.history.select_related("written_by").order_by("-history_date", "-history_id")[:200]
    kept: list[Any] = []
    for record in reversed(list(records)):
        if not kept or record.text != kept[-1].text:
            record.number = len(kept) + 1
            kept.append(record)
    return kept[::-1]


def templates() -> QuerySet[PlanTemplate]:
    """Advisers' templates, for every team to choose from."""
    return PlanTemplate.objects.all()


def get_template(pk: int) -> PlanTemplate:
    return get_object_or_404(templates(), pk=pk)


def template_shape(template: PlanTemplate) -> Shape:
    return Shape(
        f"custom-{template.pk}",
        template.name,
        template.description,
        tuple(
            SectionShape(s["key"], s["heading"], s.get("guidance", ""), int(s["limit"]), s.get("unit", WORDS))
            for s in template.sections
        ),
    )


def shape_of(plan: Plan) -> Shape:
    """The shape the plan was made in: a built-in one by key, or its adviser's template."""
    if plan.custom_template_id:
        return template_shape(plan.custom_template)  # type: ignore[arg-type]
    if plan.template_key not in BUILT_IN:
        raise Http404
    return BUILT_IN[plan.template_key]


@dataclass(frozen=True)
class SectionView:
    """A section as the plan page shows it."""

    section: PlanSection
    shape: SectionShape
    live: sources.Suggestion | None
    changes: tuple[str, ...]  # what changed in the live data since the text was written
    check: dict[str, Any]  # its count against the limit

    @property
    def blocks(self) -> list[dict[str, Any]]:
        """The text as paragraphs and bulleted lists ("- " lines), as the exports set it."""
        return blocks(self.section.text)


def section_views(
    plan: Plan, shape: Shape, saved: list[PlanSection], suggest: Callable[[str], sources.Suggestion | None]
) -> list[SectionView]:
    """Each saved section beside its live data, `suggest(source)`: Live.suggestion, or the page's cached data."""
    by_key = {s.key: s for s in saved}
    views = []
    for section_shape in shape.sections:
        section = by_key.get(section_shape.key)
        if section is None:
            continue
        suggestion = suggest(section_shape.source)
        changed = tuple(fingerprints.changes(section.basis, suggestion.fingerprint)) if suggestion else ()
        views.append(
            SectionView(section, section_shape, suggestion, changed, limits.check(section_shape, section.text))
        )
    return views


def over_limit(views: list[SectionView]) -> list[SectionView]:
    return [v for v in views if v.check["over"]]


def document(plan: Plan, views: list[SectionView], date: str) -> dict[str, Any]:
    """The plan in the shape `documents.output_doc` renders (PDF and DOCX)."""
    project = plan.project
    return {
        "title": plan.title,
        "kind": shape_of(plan).name,
        "audience": project.funder or "the funder",
        "project": project.title,
        "date": date,
        "testimonial": None,
        "sections": [{"heading": v.shape.heading, "body": v.section.text} for v in views],
    }
