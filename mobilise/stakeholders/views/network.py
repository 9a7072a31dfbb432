"""The relationship network: brokers, chains to influential stakeholders, and the map itself, drawn on the server
as SVG (what works without JavaScript and goes into documents) and handed to the explorable view as JSON."""

from django.core.cache import cache
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from markupsafe import Markup

from mobilise.directory.models import Sector
from mobilise.documents import graph_layout
from mobilise.documents.network import OUTLINES, NetNode, colours, network_svg, place_labels, radius
from mobilise.projects import generations
from mobilise.projects.access import project_view

from .. import access, analysis
from ..forms import StakeholderFilterForm
from ..models import Attitude, RelationshipKind, Role
from .register import context

SECTORS = dict(Sector.choices)
ATTITUDES = dict(Attitude.choices)
ROLES = dict(Role.choices)
KINDS = dict(RelationshipKind.choices)
QUADRANTS = [(key, label) for key, (label, _) in analysis.STRATEGIES.items()]
NETWORK_DRAW_LIMIT = 150
REACH_SHOWN = 50
LAYOUT_TIMEOUT = 7 * 24 * 3600


def positions(entries, links):
    """Where each stakeholder sits: the force-directed layout, kept under the map's own key, so the same map
    gives the same picture and a new layout is only worked out after a change to what is drawn."""
    radii = {s.pk: radius(s.influence) for s in entries}
    edges = [(r.source_id, r.target_id) for r in links]
    key = f"network-layout:{graph_layout.layout_key(radii, edges)}"
    return cache.get_or_set(key, lambda: graph_layout.layout(radii, edges), timeout=LAYOUT_TIMEOUT)


def _quadrant(s):
    if s.influence is None or s.interest is None:
        return ""
    return analysis.quadrant(s.influence, s.interest)


def explorer_data(project, drawn, links, pos, *, truncated, filtered, highlight, labelled=frozenset()):
    """What the explorable view reads (passed as JSON): the same nodes, places and links as the SVG."""
    fills = colours(Sector.choices)
    base = reverse("stakeholders:register", args=[project.pk])
    labels = dict(QUADRANTS)
    nodes = []
    for s in drawn:
        width, dash = OUTLINES.get(s.attitude, OUTLINES["unknown"])
        x, y = pos[s.pk]
        nodes.append(
            {
                "id": str(s.pk),
                "name": s.name,
                "href": f"{base}{s.pk}/",
                "x": x,
                "y": y,
                "size": 2 * radius(s.influence),
                "colour": fills.get(s.sector, fills[""]),
                "sector": s.sector,
                "sectorLabel": SECTORS.get(s.sector, "Not recorded"),
                "roles": sorted(s.role_set),
                "roleLabels": [ROLES[r] for r in sorted(s.role_set) if r in ROLES],
                "quadrant": _quadrant(s),
                "quadrantLabel": labels.get(_quadrant(s), "Not yet scored"),
                "influence": s.influence,
                "interest": s.interest,
                "impact": s.impact,
                "attitude": ATTITUDES.get(s.attitude, ""),
                "outline": width,
                "outlineStyle": "dotted" if dash == "1 2" else "dashed" if dash else "solid",
                "underserved": s.underserved,
                "labelled": s.pk in labelled,
                "engaged": s.engaged,
                "doNotContact": s.do_not_contact,
            }
        )
    edges = [
        {"id": f"r{r.pk}", "source": str(r.source_id), "target": str(r.target_id), "kind": KINDS[r.kind]} for r in links
    ]
    return {
        "nodes": nodes,
        "edges": edges,
        "truncated": truncated,
        "filtered": filtered,
        "highlight": [str(pk) for pk in highlight],
    }


def _brokers(project, g, stakeholders, relationships):
    # Betweenness is the costly part; it only changes when the map does, which this key follows.
    key = (
        f"brokers:{project.pk}:{len(stakeholders)}:{max((s.pk for s in stakeholders), default=0)}:"
        f"{len(relationships)}:{max((r.pk for r in relationships), default=0)}"
    )
    return cache.get_or_set(key, lambda: analysis.brokers(g), timeout=24 * 3600)


def _body(project, form, focus):
    """The brokers, the chains to influential stakeholders, the diagram and its tables: all worked out from the
    project's map alone (no reader's rights, no form token), so the same HTML serves every reader."""
    filters = form.values
    stakeholders = access.entries(access.stakeholders(project))
    relationships = access.links(project)
    by_pk = {s.pk: s for s in stakeholders}
    g = analysis.graph(stakeholders, relationships)
    brokers = _brokers(project, g, stakeholders, relationships)
    reach = sorted(analysis.reach_paths(g, stakeholders), key=lambda item: (-(item[0].influence or 0), item[0].pk))
    highlight = next((path for s, path in reach if str(s.pk) == focus and path), [])

    # The diagram draws the stakeholders the filters leave, the most connected first.
    chosen = stakeholders
    if any(filters.values()):
        kept = set(form.filter_qs(access.named_stakeholders(project)).values_list("pk", flat=True))
        chosen = [s for s in stakeholders if s.pk in kept]
    drawn = sorted(chosen, key=lambda s: (-g.degree(s.pk), s.pk))[:NETWORK_DRAW_LIMIT]
    drawn_ids = {s.pk for s in drawn}
    drawn_links = [r for r in relationships if r.source_id in drawn_ids and r.target_id in drawn_ids]
    pos = positions(drawn, drawn_links) if relationships else {}
    base = reverse("stakeholders:register", args=[project.pk])
    picture = [NetNode(s.pk, s.name, s.sector, s.influence, s.attitude, s.underserved, f"{base}{s.pk}/") for s in drawn]
    svg = (
        network_svg(
            picture,
            [(r.source_id, r.target_id) for r in drawn_links],
            pos,
            title=f"Relationship network of {project.short_title}'s stakeholders",
            groups=Sector.choices,
            attitudes=Attitude.choices,
            highlight=highlight,
        )
        if relationships and drawn
        else ""
    )
    truncated = len(chosen) > NETWORK_DRAW_LIMIT
    explorer = (
        explorer_data(
            project,
            drawn,
            drawn_links,
            pos,
            truncated=truncated,
            filtered=any(filters.values()),
            highlight=highlight,
            # Named at every zoom: those the picture names, where no label covers another.
            labelled=set(place_labels(picture, pos, {s.pk: g.degree(s.pk) for s in drawn})),
        )
        if svg
        else None
    )
    return render_to_string(
        "stakeholders/_network.html",
        {
            "project": project,
            "svg": svg,
            "explorer": explorer,
            "filters": filters,
            "roles": Role.choices,
            "sectors": Sector.choices,
            "quadrants": QUADRANTS,
            "brokers": [(by_pk[k], v) for k, v in brokers],
            "reach": [(s, [by_pk[k] for k in path] if path else None) for s, path in reach[:REACH_SHOWN]],
            "reach_total": len(reach),
            "relationships": relationships,
            "drawn": drawn,
            "drawn_links": drawn_links,
            "kinds": KINDS,
            "by_pk": by_pk,
            "focus": focus,
            "truncated": truncated,
            "draw_limit": NETWORK_DRAW_LIMIT,
            "sector_names": SECTORS,
            "attitude_names": ATTITUDES,
            "degree": dict(g.degree()),
        },
    )


@project_view()
def network(request, project):
    form = StakeholderFilterForm(request.GET)
    focus = request.GET.get("focus")
    # The whole map, as most visits ask for it, is rendered once for each data generation of the project
    # (projects/generations.py); a filtered or focused view is worked out afresh, so the cache holds one body a map.
    if any(form.values.values()) or focus:
        body = _body(project, form, focus)
    else:
        body = generations.cached_one("network-page", project.pk, lambda: _body(project, form, focus))
    return render(request, "stakeholders/network.html", context(request, project, body=Markup(body)))
