"""Reading the stakeholder map: grid quadrants, suggested engagement, network measures and the equity check.

Functions take plain values or loaded objects and touch no database, so they are cheap to test on known cases.
"""

import random

import igraph
import networkx as nx

from .models import Attitude, Cadence, Role

HIGH = 3  # scores run 1-5; 3 and above count as high on the grid
UNSCORED = "unscored"  # the filter's name for stakeholders not yet scored, who have no quadrant
BROKER_EXACT = 600  # stakeholders up to which betweenness is exact (about 20 ms)
BROKER_SAMPLE = 300  # the sources of the paths counted past that


class Quadrant:
    MANAGE = "manage_closely"
    SATISFY = "keep_satisfied"
    INFORM = "keep_informed"
    MONITOR = "monitor"


STRATEGIES = {
    Quadrant.MANAGE: (
        "Manage closely",
        "High influence, high interest: involve them in decisions and shape the work with them.",
    ),
    Quadrant.SATISFY: (
        "Keep satisfied",
        "High influence, lower interest: meet their needs and brief them before decisions.",
    ),
    Quadrant.INFORM: ("Keep informed", "Lower influence, high interest: keep them up to date and listen to them."),
    Quadrant.MONITOR: ("Monitor", "Lower influence and interest: keep an eye on changes with light-touch updates."),
}

SUGGESTED = {
    Quadrant.MANAGE: ("Co-develop the work and agree how findings will be used", Cadence.MONTHLY, "Meetings"),
    Quadrant.SATISFY: ("Brief them ahead of decisions they will take", Cadence.QUARTERLY, "Briefings"),
    Quadrant.INFORM: ("Share progress and gather their views", Cadence.QUARTERLY, "Email updates"),
    Quadrant.MONITOR: ("Keep them aware of the work", Cadence.HALF_YEARLY, "Newsletter"),
}


# Whether influence and interest are high in each quadrant.
QUADRANT_HIGH = {
    Quadrant.MANAGE: (True, True),
    Quadrant.SATISFY: (True, False),
    Quadrant.INFORM: (False, True),
    Quadrant.MONITOR: (False, False),
}


def quadrant(influence, interest):
    """The quadrant of these scores; None for a stakeholder not yet scored, which has no place on the grid."""
    if influence is None or interest is None:
        return None
    if influence >= HIGH:
        return Quadrant.MANAGE if interest >= HIGH else Quadrant.SATISFY
    return Quadrant.INFORM if interest >= HIGH else Quadrant.MONITOR


def suggested_approach(influence, interest):
    """(purpose, cadence, channel) a team would usually start from for this place on the grid; nothing to
    suggest before the stakeholder is scored."""
    key = quadrant(influence, interest)
    return SUGGESTED[key] if key else ("", "", "")


def graph(stakeholders, relationships):
    """An undirected graph of stakeholder ids; edges carry the relationship kind."""
    g = nx.Graph()
    g.add_nodes_from(s.pk for s in stakeholders)
    for r in relationships:
        g.add_edge(r.source_id, r.target_id, kind=r.kind)
    return g


def brokers(g, limit=5):
    """[(id, betweenness)] of the stakeholders that most often sit on the shortest path between others, from 0 to 1:
    the share of the shortest paths between others that run through them (networkx's normalised figure).

    Worked out by igraph's compiled code: networkx takes seconds on a map of 2,000 stakeholders. Exact betweenness
    costs nodes x edges; past BROKER_EXACT stakeholders the paths from a fixed sample of BROKER_SAMPLE of them are
    counted and scaled up, which ranks the same brokers in a tenth of the time (200 ms exact at 2,000, 30 sampled)."""
    order = sorted(g.nodes)
    n = len(order)
    if n < 3:
        return []
    index = {pk: i for i, pk in enumerate(order)}
    picture = igraph.Graph(n=n, edges=[(index[a], index[b]) for a, b in g.edges if a != b])
    sources = random.Random(7).sample(range(n), BROKER_SAMPLE) if n > BROKER_EXACT else None
    counted = picture.betweenness(directed=False, sources=sources, targets=None)
    # igraph counts each pair of stakeholders once; networkx's normalised figure counts both directions.
    scale = 2 * n / (len(sources) if sources else n) / ((n - 1) * (n - 2))
    # Rounded, so that brokers equal but for floating-point noise are ranked by id.
    scores = ((order[i], round(c * scale, 12)) for i, c in enumerate(counted) if c > 0)
    ranked = sorted(scores, key=lambda item: (-item[1], item[0]))
    return ranked[:limit]


def reach_paths(g, stakeholders, min_influence=4):
    """For each high-influence stakeholder not yet engaged, the shortest chain of known relationships to them
    from someone already engaged: [(stakeholder, [ids from the engaged one to them] or None)].

    One search from all engaged stakeholders at once finds every chain, however many targets there are."""
    engaged = {s.pk for s in stakeholders if s.engaged and s.pk in g}
    paths = nx.multi_source_dijkstra_path(g, engaged) if engaged else {}
    return [
        (s, paths.get(s.pk))
        for s in stakeholders
        if not s.engaged and s.influence is not None and s.influence >= min_influence
    ]


def is_ally(stakeholder):
    """A champion or knowledge broker: by attitude or by role."""
    return stakeholder.attitude == Attitude.CHAMPION or bool({Role.CHAMPION, Role.BROKER} & stakeholder.role_set)


def equity_gaps(project, stakeholders, relationships):
    """Affected communities left out of the dialogue: [{"stakeholder" or None, "kind", "message"}].

    One with little influence has a voice when it is itself a champion or broker, or is linked to one."""
    by_pk = {s.pk: s for s in stakeholders}
    allies = {s.pk for s in stakeholders if is_ally(s)}
    for r in relationships:
        for a, b in ((r.source_id, r.target_id), (r.target_id, r.source_id)):
            other = by_pk.get(b)
            if other and is_ally(other):
                allies.add(a)
    gaps = []
    affected = [s for s in stakeholders if s.underserved or Role.BENEFICIARY in s.role_set]
    for s in affected:
        if not s.cadence:
            gaps.append(
                {
                    "stakeholder": s,
                    "kind": "no_plan",
                    "message": f"{s.name} is affected by the work but has no engagement plan",
                }
            )
        # Not yet scored: its influence is not known, so the gap is not claimed.
        if s.influence is not None and s.influence <= 2 and s.pk not in allies:
            gaps.append(
                {
                    "stakeholder": s,
                    "kind": "no_voice",
                    "message": f"{s.name} has little influence and no champion or broker linked to them",
                }
            )
    if project.health_inequalities_focus and not any(s.underserved for s in stakeholders):
        gaps.append(
            {
                "stakeholder": None,
                "kind": "missing",
                "message": "The project has a health-inequalities focus but no stakeholder belongs to or "
                "represents an under-served group",
            }
        )
    return gaps
