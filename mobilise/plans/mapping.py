"""The stakeholder map as a plan's sections read it: the first `SHOWN` stakeholders of each kind a section lists
(of all, with a contact cadence, adopters), and a stamp of every stakeholder for the fingerprints, in two queries
however large the map.

Up to `EACH` stakeholders each has its own digest (when it was edited, and last contacted for the sections that show
contact), so a change says how many were added, removed or changed; beyond that the map is tallied (how many, the
newest, the latest edit) in the same query, and only the net change is told.
"""

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Exists, F, Max, OuterRef, Q, Window

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
        self._stamps: list[tuple[Any, ...]] | None = None
        self._rows: list[Any] | None = None
        self.totals: dict[str, int] = {}
        self.tally = Tally(0, None, "", "")

    def _map(self) -> Any:
        return stakeholders_access.named_stakeholders(self.project).annotate(adopting=_has(ADOPTING))

    @property
    def stamps(self) -> list[tuple[Any, ...]]:
        """(pk, updated, last contact, cadence) of the first `EACH` stakeholders, with the map's tally."""
        if self._stamps is None:
            windows = {
                "total": Window(Count("pk")),
                "cadenced": Window(Count("pk", filter=KINDS["cadence"])),
                "adopters": Window(Count("pk", filter=KINDS["adopting"])),
                "last": Window(Max("pk")),
                "latest": Window(Max("updated")),
                "latest_contact": Window(Max("last_contact")),
            }
            values = self._map().select_related(None).annotate(**windows).order_by("pk")
            rows = list(values.values_list("pk", "updated", "last_contact", "cadence", *windows)[: EACH + 1])
            if rows:
                total, cadenced, adopters, last, latest, contact = rows[0][4:]
                self.totals = {"all": total, "cadence": cadenced, "adopting": adopters}
                self.tally = Tally(total, last, str(latest), str(contact or ""))
            self._stamps = [row[:4] for row in rows]
        return self._stamps

    @property
    def tallied(self) -> bool:
        return len(self.stamps) > EACH

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
        """The first `SHOWN` stakeholders of a kind, most influential and interested first, each with `roles`
        (labels); the three kinds are read together, in one query, on first use."""
        if self._rows is None:
            order = [F("influence").desc(nulls_last=True), F("interest").desc(nulls_last=True), "pk"]
            first = Q()
            for where in KINDS.values():
                first |= Q(pk__in=self._map().filter(where).order_by(*order).values("pk")[:SHOWN])
            has = {f"is_{role}": _has([role]) for role in Role.values}
            self._rows = list(self._map().filter(first).annotate(**has).order_by(*order))
            for s in self._rows:
                s.role_labels = [label for role, label in Role.choices if getattr(s, f"is_{role}")]
        if kind == "cadence":
            return [s for s in self._rows if s.cadence][:SHOWN]
        if kind == "adopting":
            return [s for s in self._rows if s.adopting][:SHOWN]
        return self._rows[:SHOWN]
