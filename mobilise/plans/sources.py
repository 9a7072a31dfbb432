"""Each section kind's live data: what the project's jobs hold that a plan section starts from, as rows, a
suggested text and a fingerprint, and what changed since a text was written.

One function per kind (`SOURCES`), each reading through the job app's access layer in one or two queries however
many rows the project holds; `Live` loads each kind once per request, so two sections on the same data cost
nothing more. A fingerprint is {"noun": ..., "items": {row id: short digest of the row's text}}: comparing two
says how many rows were added, removed or changed, without storing the rows.
"""

import datetime
import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.utils import timezone
from django.utils.formats import date_format

from mobilise.engagement import access as engagement_access
from mobilise.evaluation import access as evaluation_access
from mobilise.outputs import access as outputs_access
from mobilise.planning import access as planning_access
from mobilise.planning.models import OUTCOMES, Column
from mobilise.projects.jobs import plural
from mobilise.projects.models import Project
from mobilise.stakeholders import access as stakeholders_access

from .models import Plan


@dataclass(frozen=True)
class Row:
    key: str  # stable across edits: the kind of row and its id ("s12", "w3")
    text: str


@dataclass(frozen=True)
class Suggestion:
    """A section kind's live data: its rows (for the page), the text a section starts from, and the fingerprint."""

    label: str  # what the data is, for the page: "From the stakeholder map"
    noun: tuple[str, str]  # ("stakeholder", "stakeholders")
    rows: tuple[Row, ...]
    intro: str = ""

    @property
    def text(self) -> str:
        if not self.rows:
            return ""
        lines = [f"- {row.text}" for row in self.rows]
        return "\n".join([self.intro, *lines] if self.intro else lines)

    @property
    def fingerprint(self) -> dict[str, Any]:
        return fingerprint(self.noun, self.rows)


def _digest(text: str) -> str:
    return hashlib.blake2s(text.encode(), digest_size=4).hexdigest()


def fingerprint(noun: tuple[str, str], rows: tuple[Row, ...] | list[Row]) -> dict[str, Any]:
    return {"noun": list(noun), "items": {row.key: _digest(row.text) for row in rows}}


def changes(basis: dict[str, Any] | None, live: dict[str, Any]) -> list[str]:
    """What changed in the live data since the fingerprint `basis`, as phrases: ["3 stakeholders added",
    "1 stakeholder changed"]; empty when nothing did (or nothing was recorded to compare with)."""
    if not basis or "items" not in basis:
        return []
    old, new = basis["items"], live["items"]
    one, many = live["noun"]
    added = sum(1 for key in new if key not in old)
    removed = sum(1 for key in old if key not in new)
    changed = sum(1 for key, digest in new.items() if key in old and old[key] != digest)
    return [
        f"{plural(n, one, many)} {what}"
        for n, what in ((added, "added"), (removed, "removed"), (changed, "changed"))
        if n
    ]


def _join(values: list[str]) -> str:
    return ", ".join(v for v in values if v)


def _stakeholder_rows(live: "Live", describe: Callable[[Any], str]) -> tuple[Row, ...]:
    return tuple(Row(f"s{s.pk}", f"{s.name}: {describe(s)}" if describe(s) else s.name) for s in live.stakeholders)


def partners(live: "Live") -> Suggestion:
    def describe(s: Any) -> str:
        roles = _join([r.get_role_display() for r in s.roles.all()])
        return _join([roles, s.get_attitude_display().lower() if s.attitude != "unknown" else ""])

    return Suggestion("From the stakeholder map", ("stakeholder", "stakeholders"), _stakeholder_rows(live, describe))


def engagement(live: "Live") -> Suggestion:
    def describe(s: Any) -> str:
        degree = "engaged" if s.engaged or s.last_contact else "not yet engaged"
        cadence = s.get_cadence_display().lower() if s.cadence else "no cadence set"
        last = f"last contact {date_format(s.last_contact, 'j M Y')}" if s.last_contact else ""
        return _join([degree, cadence, last])

    return Suggestion("From the stakeholder map", ("stakeholder", "stakeholders"), _stakeholder_rows(live, describe))


def roles(live: "Live") -> Suggestion:
    def describe(s: Any) -> str:
        return _join([_join([r.get_role_display() for r in s.roles.all()]), s.purpose])

    return Suggestion("From the stakeholder map", ("stakeholder", "stakeholders"), _stakeholder_rows(live, describe))


def adopters(live: "Live") -> Suggestion:
    """The organisations and people who would adopt the work: implementers, decision-makers and gatekeepers."""
    adopting = {"implementer", "decision_maker", "gatekeeper", "champion"}

    def describe(s: Any) -> str:
        return _join([r.get_role_display() for r in s.roles.all()] + [s.decisions])

    rows = tuple(
        Row(f"s{s.pk}", f"{s.name}: {describe(s)}")
        for s in live.stakeholders
        if {r.role for r in s.roles.all()} & adopting
    )
    return Suggestion("Adopters on the stakeholder map", ("stakeholder", "stakeholders"), rows)


def knowledge_users(live: "Live") -> Suggestion:
    rows = tuple(
        Row(f"a{a.pk}", f"{a.name} ({a.get_kind_display().lower()})" + (f": {a.needs}" if a.needs else ""))
        for a in live.audiences
    )
    return Suggestion("Audiences of the outputs", ("audience", "audiences"), rows)


def messages(live: "Live") -> Suggestion:
    rows = tuple(
        Row(f"f{f.pk}", f"{f.plain_statement or f.statement} (certainty: {f.get_certainty_display().lower()})")
        for f in outputs_access.findings(live.project)
    )
    return Suggestion("Findings", ("finding", "findings"), rows)


def goals(live: "Live") -> Suggestion:
    rows = tuple(
        Row(f"e{e.pk}", f"{e.text} ({e.get_column_display().lower()})") for e in live.elements if e.column in OUTCOMES
    )
    return Suggestion("Outcomes in the logic model", ("outcome", "outcomes"), rows)


def risks(live: "Live") -> Suggestion:
    rows = tuple(
        Row(f"e{e.pk}", f"{e.text} ({e.get_column_display().lower()[:-1]})")
        for e in live.elements
        if e.column in (Column.ASSUMPTIONS, Column.EXTERNAL)
    )
    return Suggestion("Assumptions and external factors", ("assumption or factor", "assumptions and factors"), rows)


def _workshop_rows(live: "Live") -> list[Row]:
    return [
        Row(f"w{w.pk}", f"Workshop: {w.title}, {date_format(timezone.localtime(w.starts), 'j M Y')}")
        for w in live.workshops
    ]


def strategies(live: "Live") -> Suggestion:
    rows = [
        Row(f"o{o.pk}", f"{o.get_kind_display()} for {o.audience.name}: {o.title} ({o.get_status_display().lower()})")
        for o in outputs_access.outputs(live.project)
    ]
    rows += [
        Row(
            f"c{s.pk}",
            f"Contact {s.name} {s.get_cadence_display().lower()}" + (f" by {s.channel}" if s.channel else ""),
        )
        for s in live.stakeholders
        if s.cadence
    ]
    rows += _workshop_rows(live)
    return Suggestion("Outputs, contact cadences and workshops", ("activity", "activities"), tuple(rows))


def timeline(live: "Live") -> Suggestion:
    return Suggestion("Workshops planned and held", ("activity", "activities"), tuple(_workshop_rows(live)))


def actions(live: "Live") -> Suggestion:
    rows = tuple(
        Row(
            f"x{a.pk}",
            _join(
                [
                    a.description,
                    f"owner {a.owner.full_name}" if a.owner else "no owner",
                    f"by {date_format(a.due, 'j M Y')}" if a.due else "no date",
                ]
            ),
        )
        for a in live.actions
    )
    return Suggestion("Open actions", ("action", "actions"), rows)


def evaluation(live: "Live") -> Suggestion:
    rows = [Row(f"q{q.pk}", f"Question: {q.text}") for q in evaluation_access.questions(live.project)]
    rows += [
        Row(f"i{i.pk}", f"Indicator: {i.name} ({i.unit})" + (f", measuring {i.element.text}" if i.element else ""))
        for i in evaluation_access.indicator_names(live.project)
        .select_related("element")
        .only("pk", "name", "unit", "element__text")
    ]
    return Suggestion(
        "Evaluation questions and indicators", ("question or indicator", "questions and indicators"), tuple(rows)
    )


def resources(live: "Live") -> Suggestion:
    costs = live.costs
    rows = tuple(Row(f"k{c.pk}", f"{c.item}: £{c.cost:,.2f}") for c in costs)
    total = sum((c.cost for c in costs), start=0)
    intro = f"Total £{total:,.2f}:" if costs else ""
    return Suggestion("The plan's costed resources", ("cost line", "cost lines"), rows, intro)


def dated_activities(live: "Live") -> list[tuple[datetime.date, str, str]]:
    """The plan's timeline: workshops and open actions with a date, as (date, label, kind), in date order."""
    items = [(timezone.localdate(w.starts), f"Workshop: {w.title}", "workshop") for w in live.workshops]
    items += [(a.due, f"Action: {a.description}", "action") for a in live.actions if a.due]
    return sorted(items, key=lambda item: item[0])


SOURCES: dict[str, Callable[["Live"], Suggestion]] = {
    "partners": partners,
    "engagement": engagement,
    "roles": roles,
    "settings": adopters,
    "knowledge_users": knowledge_users,
    "messages": messages,
    "goals": goals,
    "risks": risks,
    "strategies": strategies,
    "timeline": timeline,
    "actions": actions,
    "evaluation": evaluation,
    "resources": resources,
}


class Live:
    """The project's live data for one plan, each kind loaded once, on first use."""

    def __init__(self, project: Project, plan: Plan | None = None) -> None:
        self.project, self.plan = project, plan
        self._loaded: dict[str, Any] = {}
        self._suggestions: dict[str, Suggestion] = {}

    def _once(self, name: str, load: Callable[[], Any]) -> Any:
        if name not in self._loaded:
            self._loaded[name] = load()
        return self._loaded[name]

    @property
    def stakeholders(self) -> list[Any]:
        return self._once("stakeholders", lambda: list(stakeholders_access.stakeholders(self.project)))

    @property
    def audiences(self) -> list[Any]:
        return self._once("audiences", lambda: list(outputs_access.audiences(self.project)))

    @property
    def elements(self) -> list[Any]:
        columns = [*OUTCOMES, Column.ASSUMPTIONS, Column.EXTERNAL]
        return self._once("elements", lambda: list(planning_access.project_elements(self.project, columns)))

    @property
    def workshops(self) -> list[Any]:
        return self._once("workshops", lambda: list(engagement_access.workshops(self.project).order_by("starts", "pk")))

    @property
    def actions(self) -> list[Any]:
        return self._once("actions", lambda: list(engagement_access.open_actions(self.project).order_by("due", "pk")))

    @property
    def costs(self) -> list[Any]:
        return self._once("costs", lambda: list(self.plan.costs.all()) if self.plan and self.plan.pk else [])

    def suggestion(self, source: str) -> Suggestion | None:
        if source not in SOURCES:
            return None
        if source not in self._suggestions:
            self._suggestions[source] = SOURCES[source](self)
        return self._suggestions[source]
