"""What produced an impact claim: the outputs sent, workshops, interactions and webinars it links to, each read as
one kind of row (Activity) for the claim's form, its page, each outcome's chain and the impact report.

Outputs sent, workshops and interactions belong to apps beside this one and are read here. Webinars belong to the
events app, above this one: it holds that link itself and fills the ACTIVITIES hook.
"""

from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.urls import reverse
from django.utils import timezone

from mobilise.core import hooks
from mobilise.engagement import access as engagement_access
from mobilise.engagement.models import Interaction, Workshop
from mobilise.outputs.models import Dissemination
from mobilise.projects.models import Project
from mobilise.stakeholders.access import named

from .models import ImpactClaim

ACTIVITIES = hooks.declare(
    "evaluation.activities",
    """More kinds of activity an impact claim can link to, from apps above evaluation (the events app's webinars).

    A provider is an ActivityKind: name (the claim form's field, and the claim's related manager for the kind, e.g.
    "webinars"), label; relation (the many-to-many field between the kind and ImpactClaim, e.g. Event.claims) and
    target (the kind's column in its table, e.g. "event"); offered(project, keep) -> a queryset of the rows a claim
    of the project may link to, with the rows whose pks are in keep (already linked) whatever else; label_of(row) ->
    the row in words for the form; linked(claim_pks) -> {claim pk: [Activity]} in a fixed number of queries.""",
)

# How many of each kind a claim's form lists, newest first, beside those already linked.
LISTED = 100
# How many of the people reached are named; the rest are counted.
NAMED = 12


@dataclass(frozen=True)
class Activity:
    pk: int
    kind: str  # as a user says it: "Output sent", "Workshop", "Interaction", "Webinar"
    title: str
    date: date
    url: str
    reached: str  # who received it or took part, in words
    said: list[str] = field(default_factory=list)  # what they said or decided


@dataclass(frozen=True)
class ActivityKind:
    name: str
    label: str
    relation: Any
    target: str
    offered: Callable[[Project, Collection[int]], QuerySet]
    label_of: Callable[[Any], str]
    linked: Callable[[list[int]], dict[int, list[Activity]]]

    def linked_pks(self, claim: ImpactClaim | None) -> set[int]:
        """The pks of the rows of this kind the claim links to, in one query (none for a new claim)."""
        if claim is None or claim.pk is None:
            return set()
        links = self.relation.through.objects.filter(impactclaim_id=claim.pk)
        return set(links.values_list(f"{self.target}_id", flat=True))


def people(names: list[str], count: int | None = None) -> str:
    """“3 people: A, B and C”, naming at most NAMED."""
    count = len(names) if count is None else count
    if not count:
        return "No one recorded"
    shown = names[:NAMED]
    listed = ", ".join(shown)
    if count > len(shown):
        listed += f" and {count - len(shown):,} more"
    return f"{count:,} {'person' if count == 1 else 'people'}: {listed}"


def through_rows(relation: Any, claim_pks: list[int], target: str, queryset: QuerySet) -> list[tuple[int, Any]]:
    """(claim pk, row) for each link of one many-to-many relation of ImpactClaim, the rows read by `queryset`."""
    through = relation.through.objects.filter(impactclaim_id__in=claim_pks)
    pairs = list(through.values_list("impactclaim_id", f"{target}_id"))
    rows = queryset.in_bulk({pk for _, pk in pairs})
    return [(claim_pk, rows[pk]) for claim_pk, pk in pairs if pk in rows]


def _grouped(pairs: Iterable[tuple[int, Activity]]) -> dict[int, list[Activity]]:
    out: dict[int, list[Activity]] = {}
    for claim_pk, activity in pairs:
        out.setdefault(claim_pk, []).append(activity)
    return out


def _sent(dissemination: Dissemination) -> Activity:
    output = dissemination.output
    names = sorted(s.name for s in dissemination.stakeholders.all())
    return Activity(
        pk=dissemination.pk,
        kind="Output sent",
        title=f"{output.title} ({output.get_kind_display().lower()})"
        + (f", by {dissemination.channel}" if dissemination.channel else "")
        + (f" ({dissemination.note})" if dissemination.note else ""),
        date=dissemination.sent_on,
        url=reverse("outputs:output", args=[output.project_id, output.pk]),
        reached=people(names),
    )


def _sendings_linked(claim_pks: list[int]) -> dict[int, list[Activity]]:
    rows = Dissemination.objects.select_related("output").prefetch_related(named("stakeholders"))
    return _grouped((c, _sent(d)) for c, d in through_rows(ImpactClaim.sendings, claim_pks, "dissemination", rows))


def _workshop(workshop: Workshop) -> Activity:
    """Annotated by engagement's with_replies: who took part once attendance is recorded, before that who said they
    would come."""
    came = f"{workshop.came:,} took part" if workshop.recorded else f"{workshop.accepted:,} said they would come"
    return Activity(
        pk=workshop.pk,
        kind="Workshop",
        title=workshop.title,
        date=timezone.localdate(workshop.starts),
        url=reverse("engagement:workshop", args=[workshop.project_id, workshop.pk]),
        reached=f"{workshop.invited:,} on the invitation list; {came}",
        said=[f"Decided: {d}" for d in workshop.decision_list],
    )


def _workshops_linked(claim_pks: list[int]) -> dict[int, list[Activity]]:
    rows = engagement_access.with_replies(Workshop.objects.all())
    return _grouped((c, _workshop(w)) for c, w in through_rows(ImpactClaim.workshops, claim_pks, "workshop", rows))


def _interaction(interaction: Interaction) -> Activity:
    return Activity(
        pk=interaction.pk,
        kind="Interaction",
        title=f"{interaction} ({interaction.get_kind_display().lower()})",
        date=interaction.date,
        url=reverse("engagement:interaction", args=[interaction.project_id, interaction.pk]),
        reached=people(sorted(s.name for s in interaction.stakeholders.all())),
        said=[interaction.learned] if interaction.learned else [],
    )


def _interactions_linked(claim_pks: list[int]) -> dict[int, list[Activity]]:
    rows = Interaction.objects.prefetch_related(named("stakeholders"))
    pairs = through_rows(ImpactClaim.interactions, claim_pks, "interaction", rows)
    return _grouped((c, _interaction(i)) for c, i in pairs)


BESIDE = [
    ActivityKind(
        name="sendings",
        label="Outputs sent",
        relation=ImpactClaim.sendings,
        target="dissemination",
        offered=lambda project, keep: (
            Dissemination.objects.filter(output__project=project)
            .select_related("output")
            .annotate(people=Count("stakeholders"))
        ),
        label_of=lambda d: (
            f"{d.output.title}: sent {d.sent_on:%-d %b %Y} to {d.people:,} {'person' if d.people == 1 else 'people'}"
        ),
        linked=_sendings_linked,
    ),
    ActivityKind(
        name="workshops",
        label="Workshops",
        relation=ImpactClaim.workshops,
        target="workshop",
        offered=lambda project, keep: Workshop.objects.filter(
            Q(starts__lte=timezone.now()) | Q(pk__in=keep), project=project
        ),
        label_of=lambda w: f"{w.title}, {timezone.localdate(w.starts):%-d %b %Y}",
        linked=_workshops_linked,
    ),
    ActivityKind(
        name="interactions",
        label="Interactions",
        relation=ImpactClaim.interactions,
        target="interaction",
        offered=lambda project, keep: Interaction.objects.filter(project=project),
        label_of=lambda i: f"{i.date:%-d %b %Y}: {i}",
        linked=_interactions_linked,
    ),
]


def kinds() -> list[ActivityKind]:
    return [*BESIDE, *ACTIVITIES.providers]


def offered(kind: ActivityKind, project: Project, claim: ImpactClaim | None) -> QuerySet | None:
    """The rows the claim's form lists for one kind: the newest LISTED it may link to and those already linked
    (kept even when no longer offered, so editing the claim never drops them), newest first; None when there are
    none."""
    keep = kind.linked_pks(claim)
    rows = kind.offered(project, keep)
    pks = set(rows.values_list("pk", flat=True)[:LISTED]) | keep
    return rows.filter(pk__in=pks) if pks else None


def link(kind: ActivityKind, project: Project, claim: ImpactClaim, pks: Collection[int]) -> None:
    """Make these the claim's links of one kind, keeping only rows the project's claim may link to."""
    keep = kind.linked_pks(claim) & set(pks)
    getattr(claim, kind.name).set(kind.offered(project, keep).filter(pk__in=pks).values_list("pk", flat=True))


def linked(claim_pks: list[int]) -> dict[int, list[Activity]]:
    """{claim pk: every activity it links to, oldest first}, in a fixed number of queries whatever the numbers."""
    out: dict[int, list[Activity]] = {}
    if not claim_pks:
        return out
    for kind in kinds():
        for claim_pk, activities in kind.linked(claim_pks).items():
            out.setdefault(claim_pk, []).extend(activities)
    for activities in out.values():
        activities.sort(key=lambda a: (a.date, a.kind, a.pk))
    return out


@dataclass(frozen=True)
class ClaimChain:
    claim: ImpactClaim
    activities: list[Activity]


@dataclass(frozen=True)
class OutcomeChain:
    outcome: Any  # a logic-model outcome element, or None for the claims linked to no outcome
    claims: list[ClaimChain]

    @property
    def activity_count(self) -> int:
        return sum(len(c.activities) for c in self.claims)

    @property
    def evidenced(self) -> bool:
        return any(c.claim.evidence.all() for c in self.claims)


def chains(project: Project, outcomes: Iterable[Any]) -> list[OutcomeChain]:
    """Each outcome's chain, in the order given: the claims that show it (newest first), what produced each and its
    evidence; then the claims linked to no outcome, if any. A fixed number of queries whatever the numbers."""
    claims = list(ImpactClaim.objects.filter(project=project).select_related("outcome").prefetch_related("evidence"))
    steps = linked([c.pk for c in claims])
    by_outcome: dict[int | None, list[ClaimChain]] = {}
    for claim in claims:
        by_outcome.setdefault(claim.outcome_id, []).append(ClaimChain(claim, steps.get(claim.pk, [])))
    out = [OutcomeChain(outcome, by_outcome.pop(outcome.pk, [])) for outcome in outcomes]
    # Claims on an element moved out of the outcome columns since, then those linked to nothing.
    unlinked = by_outcome.pop(None, [])
    out += [OutcomeChain(group[0].claim.outcome, group) for group in by_outcome.values()]
    if unlinked:
        out.append(OutcomeChain(None, unlinked))
    return out
