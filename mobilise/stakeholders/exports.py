"""Stakeholder maps out: the register as CSV and XLSX (with the sheets network tools such as Kumu import), and the
network as GraphML.

Plain functions of loaded stakeholders (from access.stakeholders, roles prefetched) and relationships. Every text
value goes through core.tables (safe_cell, clean_text), so what is already stored, a vertical tab pasted from Word
included, can neither start a formula nor break the XML of a workbook or a graph.
"""

import csv
import io

import networkx as nx

from mobilise.core.tables import safe_cell
from mobilise.directory.models import Sector
from mobilise.documents.text import clean_text

from .models import Attitude, Cadence, RelationshipKind, Role


def _yes(value):
    return "yes" if value else "no"


def _organisation_name(s):
    if s.person_id:
        org = s.person.organisation if s.person.organisation_id else s.organisation
        return org.name if org else ""
    return ""


def _sector_label(code):
    return Sector(code).label if code in Sector.values else code or ""


def _role_labels(s):
    return [Role(r).label for r in Role.values if r in s.role_set]


def _owner(s):
    if not s.owner_id:
        return ""
    return s.owner.full_name or s.owner.email


REGISTER_HEADERS = [
    "Name",
    "Type",
    "Organisation",
    "Job title",
    "Sector",
    "Roles",
    "Interest",
    "Influence",
    "Impact",
    "Attitude",
    "What matters to them",
    "How and when they make decisions",
    "Preferred formats",
    "Preferred channels",
    "Under-served",
    "Purpose of engagement",
    "Cadence",
    "Main channel",
    "Relationship owner",
    "Already engaged",
    "Do not contact",
]


def _sorted(stakeholders):
    return sorted(stakeholders, key=lambda s: (s.name.casefold(), s.pk or 0))


def _register_row(s):
    return [
        s.name,
        s.kind,
        _organisation_name(s),
        s.person.job_title if s.person_id else "",
        _sector_label(s.sector),
        "; ".join(_role_labels(s)),
        s.interest,
        s.influence,
        s.impact,
        Attitude(s.attitude).label,
        s.what_matters,
        s.decisions,
        s.formats,
        s.channels,
        _yes(s.underserved),
        s.purpose,
        Cadence(s.cadence).label if s.cadence else "",
        s.channel,
        _owner(s),
        _yes(s.engaged),
        _yes(s.do_not_contact),
    ]


def register_rows(stakeholders):
    """The register as rows of plain values, header first, with every text cell made formula-safe."""
    rows = [REGISTER_HEADERS]
    rows += [[safe_cell(v) for v in _register_row(s)] for s in _sorted(stakeholders)]
    return rows


def stakeholders_csv(stakeholders):
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerows(register_rows(stakeholders))
    return out.getvalue()


def _labels(stakeholders):
    """{pk: label} unique within the map, as network tools join connections to elements by label."""
    labels, seen = {}, {}
    for s in stakeholders:
        seen.setdefault(s.name.casefold(), []).append(s)
    for group in seen.values():
        for s in group:
            label = s.name
            if len(group) > 1:
                org = _organisation_name(s)
                label = f"{s.name} ({org})" if org else f"{s.name} ({s.kind})"
            labels[s.pk] = label
    counts = {}
    for label in labels.values():
        counts[label.casefold()] = counts.get(label.casefold(), 0) + 1
    return {pk: (f"{label} [{pk}]" if counts[label.casefold()] > 1 else label) for pk, label in labels.items()}


def _description(s):
    parts = []
    if s.person_id:
        parts.append(", ".join(p for p in (s.person.job_title, _organisation_name(s)) if p))
    if s.what_matters:
        parts.append(s.what_matters)
    return "\n".join(p for p in parts if p)


def _tags(s):
    tags = _role_labels(s)
    if s.sector:
        tags.append(_sector_label(s.sector))
    tags.append(Attitude(s.attitude).label)
    if s.underserved:
        tags.append("Under-served")
    return " | ".join(tags)


def stakeholders_xlsx(stakeholders, relationships):
    """A workbook with the full register and the two sheets network-mapping tools such as Kumu import."""
    from openpyxl import Workbook

    stakeholders = _sorted(stakeholders)
    labels = _labels(stakeholders)
    wb = Workbook(write_only=True)
    register = wb.create_sheet("Stakeholders")
    for row in register_rows(stakeholders):
        register.append(row)
    elements = wb.create_sheet("Elements")
    elements.append(["Label", "Type", "Description", "Tags", "Influence", "Interest", "Impact"])
    for s in stakeholders:
        elements.append(
            [
                safe_cell(v)
                for v in (
                    labels[s.pk],
                    s.kind.capitalize(),
                    _description(s),
                    _tags(s),
                    s.influence,
                    s.interest,
                    s.impact,
                )
            ]
        )
    connections = wb.create_sheet("Connections")
    connections.append(["From", "To", "Type", "Description"])
    for r in relationships:
        if r.source_id in labels and r.target_id in labels:
            connections.append(
                [
                    safe_cell(v)
                    for v in (labels[r.source_id], labels[r.target_id], RelationshipKind(r.kind).label, r.note)
                ]
            )
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def stakeholders_graphml(stakeholders, relationships):
    """GraphML for Gephi, yEd or Cytoscape: one node per stakeholder, one directed edge per relationship."""
    g = nx.MultiDiGraph()
    nodes = {}
    for s in _sorted(stakeholders):
        nodes[s.pk] = f"s{s.pk}"
        # A stakeholder not yet scored has no score attributes (GraphML's way of leaving a value blank).
        scores = {k: v for k, v in (("influence", s.influence), ("interest", s.interest), ("impact", s.impact)) if v}
        g.add_node(
            nodes[s.pk],
            label=clean_text(s.name),
            type=s.kind,
            sector=clean_text(_sector_label(s.sector)),
            **scores,
            attitude=s.attitude,
        )
    for r in relationships:
        if r.source_id in nodes and r.target_id in nodes:
            g.add_edge(nodes[r.source_id], nodes[r.target_id], kind=r.kind)
    out = io.BytesIO()
    nx.write_graphml(g, out, encoding="utf-8")
    return out.getvalue()
