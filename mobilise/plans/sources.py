"""Each section kind's live data: what the project's jobs hold that a plan section starts from, as rows, a
suggested text and a fingerprint, and what changed since a text was written.

One function per kind (`SOURCES`), each reading through the job app's access layer in a fixed number of queries
however many rows the project holds; `Live` loads each kind once per request, so two sections on the same data cost
nothing more. What a section lists is capped (`SHOWN` rows, the most influential stakeholders first, then "and 1,950
more"): a plan section is read by a funder, and the page costs what it shows, not what the project holds.

Each suggestion's fingerprint (`fingerprints.py`) says what the text was written from. The big kinds (stakeholders,
workshops, actions) digest each row's stamp read in SQL (its id and when it last changed, or the few columns the
row's text is made of) rather than building every row's text in Python, and past `EACH` rows (stakeholders,
actions) are tallied instead; the small ones digest the row's text.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from django.db.models import Count, F, Max, Subquery
from django.utils import timezone
from django.utils.formats import date_format

from mobilise.documents.timeline_chart import timeline_svg
from mobilise.engagement import access as engagement_access
from mobilise.evaluation import access as evaluation_access
from mobilise.outputs import access as outputs_access
from mobilise.planning import access as planning_access
from mobilise.planning.models import OUTCOMES, Column
from mobilise.projects.models import Project

from .fingerprints import digest, stamps
from .mapping import EACH, SHOWN, StakeholderMap
from .models import Plan


@dataclass(frozen=True)
class Row:
    key: str  # stable across edits: the kind of row and its id ("s12", "w3")
    text: str


@dataclass(frozen=True)
class Suggestion:
    """A section kind's live data: the rows it lists (the first `SHOWN`), how many there are in all, the text a
    section starts from, and the fingerprint of all of them."""

    label: str  # what the data is, for the page: "From the stakeholder map"
    noun: tuple[str, str]  # ("stakeholder", "stakeholders")
    rows: tuple[Row, ...]
    intro: str = ""
    # Digests of every row, by key, when `rows` are not all of them (else the rows' texts are digested).
    items: dict[str, str] | None = field(default=None, compare=False)
    count: int | None = None  # how many rows in all, when not every row has a digest in `items`
    tallies: dict[str, dict[str, Any]] = field(default_factory=dict, compare=False)  # kinds too large to digest

    @property
    def total(self) -> int:
        if self.count is not None:
            return self.count
        return len(self.items) if self.items is not None else len(self.rows)

    @property
    def shown(self) -> tuple[Row, ...]:
        return self.rows[:SHOWN]

    @property
    def more(self) -> int:
        return self.total - len(self.shown)

    @property
    def text(self) -> str:
        if not self.rows:
            return ""
        lines = [f"- {row.text}" for row in self.shown]
        if self.more:
            lines.append(f"- and {self.more:,} more {self.noun[0] if self.more == 1 else self.noun[1]}")
        return "\n".join([self.intro, *lines] if self.intro else lines)

    @property
    def fingerprint(self) -> dict[str, Any]:
        items = self.items if self.items is not None else {row.key: digest(row.text) for row in self.rows}
        return {"noun": list(self.noun), "items": items} | ({"tallies": self.tallies} if self.tallies else {})


def fingerprint(noun: tuple[str, str], rows: tuple[Row, ...] | list[Row]) -> dict[str, Any]:
    return {"noun": list(noun), "items": {row.key: digest(row.text) for row in rows}}


def _join(values: list[str]) -> str:
    return ", ".join(v for v in values if v)


def _on_map(live: "Live", describe: Callable[[Any], str], contact: bool = False) -> Suggestion:
    """The stakeholder map's first rows (most influential first) and every stakeholder's digest: of when it was last
    edited, and for the engagement section when it was last contacted too; a tally instead on a large map."""
    rows = []
    for s in live.map.top():
        described = describe(s)
        rows.append(Row(f"s{s.pk}", f"{s.name}: {described}" if described else s.name))
    return Suggestion(
        "From the stakeholder map",
        ("stakeholder", "stakeholders"),
        tuple(rows),
        **live.map_fingerprint("s", contact=contact),
    )


def partners(live: "Live") -> Suggestion:
    def describe(s: Any) -> str:
        return _join([_join(s.role_labels), s.get_attitude_display().lower() if s.attitude != "unknown" else ""])

    return _on_map(live, describe)


def engagement(live: "Live") -> Suggestion:
    def describe(s: Any) -> str:
        degree = "engaged" if s.engaged or s.last_contact else "not yet engaged"
        cadence = s.get_cadence_display().lower() if s.cadence else "no cadence set"
        last = f"last contact {date_format(s.last_contact, 'j M Y')}" if s.last_contact else ""
        return _join([degree, cadence, last])

    return _on_map(live, describe, contact=True)


def roles(live: "Live") -> Suggestion:
    def describe(s: Any) -> str:
        return _join([_join(s.role_labels), s.purpose])

    return _on_map(live, describe)


def adopters(live: "Live") -> Suggestion:
    """The organisations and people who would adopt the work: implementers, decision-makers and gatekeepers. Any
    change on the map is told (the digests do not read roles)."""
    rows = tuple(Row(f"s{s.pk}", f"{s.name}: {_join(s.role_labels + [s.decisions])}") for s in live.map.top("adopting"))
    fingerprint = live.map_fingerprint("s")
    fingerprint["count"] = live.map.totals.get("adopting", 0)
    return Suggestion("Adopters on the stakeholder map", ("stakeholder", "stakeholders"), rows, **fingerprint)


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
        Row(f"w{pk}", f"Workshop: {title}, {date_format(timezone.localtime(starts), 'j M Y')}")
        for pk, title, starts in live.workshops
    ]


def strategies(live: "Live") -> Suggestion:
    outputs = [
        Row(f"o{o.pk}", f"{o.get_kind_display()} for {o.audience.name}: {o.title} ({o.get_status_display().lower()})")
        for o in outputs_access.outputs(live.project)
    ]
    contacts = live.map.top("cadence")
    rows = outputs + [
        Row(
            f"c{s.pk}",
            f"Contact {s.name} {s.get_cadence_display().lower()}" + (f" by {s.channel}" if s.channel else ""),
        )
        for s in contacts
    ]
    rows += _workshop_rows(live)
    on_map = live.map_fingerprint("c", only=live.map.cadenced())
    items = {row.key: digest(row.text) for row in outputs} | on_map["items"] | live.workshop_stamps
    count = len(items) + (live.map.totals.get("cadence", 0) if live.map.tallied else 0)
    return Suggestion(
        "Outputs, contact cadences and workshops",
        ("activity", "activities"),
        tuple(rows),
        items=items,
        count=count,
        tallies=on_map["tallies"],
    )


def timeline(live: "Live") -> Suggestion:
    rows = tuple(_workshop_rows(live))
    return Suggestion("Workshops planned and held", ("activity", "activities"), rows, items=live.workshop_stamps)


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
    return Suggestion("Open actions", ("action", "actions"), rows, **live.action_stamps)


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


def dated_activities(live: "Live") -> tuple[list[tuple[datetime.date, str, str]], int]:
    """The plan's timeline: the first `SHOWN` workshops and open actions with a date, as (date, label, kind), in
    date order, and how many there are in all."""
    items = [(timezone.localdate(starts), f"Workshop: {title}", "workshop") for _, title, starts in live.workshops]
    items += [(a.due, f"Action: {a.description}", "action") for a in live.actions if a.due]
    dated = live.actions[0].dated if live.actions else 0  # every dated open action, counted beside the first
    return sorted(items, key=lambda item: item[0])[:SHOWN], len(live.workshop_stamps) + dated


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
    """The project's live data for one plan, each kind loaded once, on first use: of the big kinds, the first
    `SHOWN` rows and every row's stamp."""

    def __init__(self, project: Project, plan: Plan | None = None) -> None:
        self.project, self.plan = project, plan
        self._suggestions: dict[str, Suggestion] = {}

    @cached_property
    def map(self) -> StakeholderMap:
        return StakeholderMap(self.project)

    def map_fingerprint(self, prefix: str, contact: bool = False, only: set[int] | None = None) -> dict[str, Any]:
        """Suggestion fields for rows from the map: each stakeholder's digest keyed "<prefix><pk>" (those in `only`),
        or on a large map the tally, and how many there are."""
        stamps = self.map.stamps
        if self.map.tallied:
            return {"items": {}, "tallies": {prefix: self.map.tally_of(contact)}, "count": self.map.totals["all"]}
        digests = self.map.digests(digest, contact)
        items = {f"{prefix}{pk}": d for pk, d in digests.items() if only is None or pk in only}
        return {"items": items, "tallies": {}, "count": len(stamps)}

    @cached_property
    def audiences(self) -> list[Any]:
        return list(outputs_access.audiences(self.project))

    @cached_property
    def elements(self) -> list[Any]:
        columns = [*OUTCOMES, Column.ASSUMPTIONS, Column.EXTERNAL]
        return list(planning_access.project_elements(self.project, columns).only("pk", "text", "column"))

    @cached_property
    def workshop_values(self) -> list[tuple[int, str, Any]]:
        """(pk, title, starts) of every workshop, in date order: a project holds tens, not thousands."""
        workshops = engagement_access.workshops(self.project).order_by("starts", "pk")
        return list(workshops.values_list("pk", "title", "starts"))

    @property
    def workshops(self) -> list[tuple[int, str, Any]]:
        return self.workshop_values[:SHOWN]

    @cached_property
    def workshop_stamps(self) -> dict[str, str]:
        return stamps("w", self.workshop_values)

    @property
    def action_rows(self) -> Any:
        return engagement_access.open_actions(self.project)

    @cached_property
    def action_stamps(self) -> dict[str, Any]:
        """Suggestion fields for the open actions: each one's digest (of its description, owner and due date) keyed
        "x<pk>", or past `EACH` of them the tally (how many, the newest), so only the net change is told, as on a
        large stakeholder map; in two queries at most."""
        open_actions = self.action_rows.select_related(None)
        tally = open_actions.order_by().aggregate(count=Count("pk"), last=Max("pk"))
        if tally["count"] > EACH:
            return {"items": {}, "tallies": {"x": {**tally, "latest": ""}}, "count": tally["count"]}
        rows = open_actions.order_by("pk").values_list("pk", "description", "owner_id", "due")
        return {"items": stamps("x", rows), "tallies": {}, "count": None}

    @cached_property
    def actions(self) -> list[Any]:
        """The first open actions by due date, each carrying how many of all of them have a date."""
        dated = self.action_rows.filter(due__isnull=False).order_by().values("project").annotate(n=Count("pk"))
        order = [F("due").asc(nulls_last=True), "pk"]
        shown = self.action_rows.select_related(None).select_related("owner")  # the rest is not written
        return list(shown.annotate(dated=Subquery(dated.values("n"))).order_by(*order)[:SHOWN])

    @cached_property
    def costs(self) -> list[Any]:
        return list(self.plan.costs.all()) if self.plan and self.plan.pk else []

    def suggestion(self, source: str) -> Suggestion | None:
        if source not in SOURCES:
            return None
        if source not in self._suggestions:
            self._suggestions[source] = SOURCES[source](self)
        return self._suggestions[source]


def timeline_figure(live: "Live") -> dict[str, Any]:
    """The timeline of planned activities: the first ones, drawn (SVG) and for the table beside it, and how many
    more there are."""
    activities, dated = dated_activities(live)
    drawn = timeline_svg(title="Timeline of planned activities", items=activities, today=timezone.localdate())
    more = dated - len(activities)
    return {"activities": activities, "more_activities": more, "timeline": drawn if activities else None}
