"""The stakeholder map as a plan's sections read it: the first `SHOWN` stakeholders of each kind a section lists
(of all, with a contact cadence, adopters), and a stamp of every stakeholder for the fingerprints, in two queries
however large the map.

Up to `EACH` stakeholders each has its own digest (when it was edited, and last contacted for the sections that show
contact), so a change says how many were added, removed or changed; beyond that the map is tallied (how many, the
newest, the latest edit) in the same query, and only the net change is told.
"""

from dataclasses import dataclass
from functools import cached_property
from typing import Any

from django.db.models import Count, Exists, F, Max, OuterRef, Q

from mobilise.projects.models import Project
from mobilise.stakeholders import access as stakeholders_access
from mobilise.stakeholders.models import Role, StakeholderRole

SHOWN = 50  # rows a section lists (the page, the drafted text); the rest are counted ("and 1,950 more")
EACH = 500  # stakeholders digested one by one; a larger map is tallied
ADOPTING = ("implementer", "decision_maker", "gatekeeper", "champion")
KINDS = {"all": Q(), "cadence": ~Q(cadence=""), "adopting": Q(adopting=True)}


def _has(roles: Any) -> Exists:
    return Exists(StakeholderRole.objects.filter(stakeholder=OuterRef("pk"), role__in=roles))


@dataclass(frozen=True)
class Tally:
    count: int
    last: int | None
    latest: str
    latest_contact: str


class StakeholderMap:
    def __init__(self, project: Project) -> None:
        self.project = project
        self._rows: list[Any] | None = None

    @cached_property
    def _base(self) -> Any:
        return stakeholders_access.named_stakeholders(self.project).annotate(adopting=_has(ADOPTING))

    def _map(self) -> Any:
        return self._base.all()  # built once, a copy each time

    @cached_property
    def _counts(self) -> dict[str, Any]:
        """The map's tally, in one aggregate: how many in all, with a cadence and adopting, the newest, the latest
        edit and the latest contact."""
        return (
            self._map()
            .select_related(None)
            .order_by()
            .aggregate(
                total=Count("pk"),
                cadenced=Count("pk", filter=KINDS["cadence"]),
                adopters=Count("pk", filter=KINDS["adopting"]),
                last=Max("pk"),
                latest=Max("updated"),
                latest_contact=Max("last_contact"),
            )
        )

    @property
    def totals(self) -> dict[str, int]:
        c = self._counts
        return {"all": c["total"], "cadence": c["cadenced"], "adopting": c["adopters"]}

    @property
    def tally(self) -> Tally:
        c = self._counts
        if not c["total"]:
            return Tally(0, None, "", "")
        return Tally(c["total"], c["last"], str(c["latest"]), str(c["latest_contact"] or ""))

    @property
    def tallied(self) -> bool:
        return self._counts["total"] > EACH

    @cached_property
    def stamps(self) -> list[tuple[Any, ...]]:
        """(pk, updated, last contact, cadence) of every stakeholder, when there are at most `EACH` (none on a larger
        map, which is tallied)."""
        if not 0 < self._counts["total"] <= EACH:
            return []
        return list(
            self._map().select_related(None).order_by("pk").values_list("pk", "updated", "last_contact", "cadence")
        )

    def digests(self, digest: Any, contact: bool = False) -> dict[int, str]:
        """Each stakeholder's digest by pk (empty when the map is tallied)."""
        if self.tallied:
            return {}
        return {pk: digest(f"{updated}|{last if contact else ''}") for pk, updated, last, _ in self.stamps}

    def cadenced(self) -> set[int]:
        return {pk for pk, _, _, cadence in self.stamps if cadence}

    def tally_of(self, contact: bool = False) -> dict[str, Any]:
        t = self.tally
        return {"count": t.count, "last": t.last, "latest": t.latest + (f"|{t.latest_contact}" if contact else "")}

    def top(self, kind: str = "all") -> list[Any]:
        """The first `SHOWN` stakeholders of a kind, most influential and interested first, each with `role_labels`
        and whether it is `adopting`; the three kinds are read together, in three queries, on first use: their ids,
        their rows, their roles. (Read by ids rather than joined to the query that finds them, which PostgreSQL
        planned as a join of every person and every role in the directory: 110 ms on a map of 2,000.)"""
        if self._rows is None:
            order: list[Any] = [F("influence").desc(nulls_last=True), F("interest").desc(nulls_last=True), "pk"]
            first = Q()
            for where in KINDS.values():
                first |= Q(pk__in=self._map().filter(where).order_by(*order).values("pk")[:SHOWN])
            pks = list(self._map().filter(first).values_list("pk", flat=True))
            # Only what the sections write: a row costs its columns, and the people's and organisations' are many.
            shown = ["attitude", "engaged", "last_contact", "cadence", "channel", "purpose", "decisions", "group_name"]
            named = stakeholders_access.named_stakeholders(self.project).select_related(None).filter(pk__in=pks)
            named = named.select_related("person", "organisation")
            named = named.only(*shown, "influence", "interest", "person__full_name", "organisation__name")
            self._rows = list(named.order_by(*order))
            held: dict[int, set[str]] = {}
            for pk, role in StakeholderRole.objects.filter(stakeholder__in=pks).values_list("stakeholder", "role"):
                held.setdefault(pk, set()).add(role)
            labels = Role.choices  # worked out afresh on each read
            for s in self._rows:
                roles = held.get(s.pk, set())
                s.role_labels = [label for role, label in labels if role in roles]
                s.adopting = bool(roles.intersection(ADOPTING))
        if kind == "cadence":
            return [s for s in self._rows if s.cadence][:SHOWN]
        if kind == "adopting":
            return [s for s in self._rows if s.adopting][:SHOWN]
        return self._rows[:SHOWN]
