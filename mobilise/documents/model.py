"""Normalised, validated view of a logic model given as plain data (the JSON export shape).

Everything downstream (diagram, pathways, PDF, DOCX) works on :class:`LogicModel`, so odd input
(missing keys, ``None`` values, links to unknown elements, duplicate links, control characters)
is dealt with once, here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .text import clean_text

DEFAULT_COLUMNS = (
    ("inputs", "Inputs"),
    ("activities", "Activities"),
    ("outputs", "Outputs"),
    ("short", "Short-term outcomes"),
    ("medium", "Medium-term outcomes"),
    ("long", "Long-term outcomes"),
    ("impact", "Impact"),
)
DEFAULT_TITLE = "Logic model"


@dataclass(frozen=True)
class Column:
    key: str
    label: str


@dataclass(frozen=True)
class Element:
    key: str
    column: str
    text: str
    description: str
    position: float


@dataclass(frozen=True)
class Link:
    source: str
    target: str
    rationale: str


@dataclass(frozen=True)
class Note:
    kind: str
    text: str
    about: str


@dataclass
class LogicModel:
    title: str
    problem: str
    context: str
    population: str
    columns: list[Column]
    elements: dict[str, Element]
    by_column: dict[str, list[str]]
    links: list[Link]
    notes: list[Note] = field(default_factory=list)

    def column_index(self, element_key: str) -> int:
        return self._column_index[self.elements[element_key].column]

    def __post_init__(self) -> None:
        self._column_index = {column.key: i for i, column in enumerate(self.columns)}

    def label(self, element_key: str) -> str:
        return self.elements[element_key].text or "(no text)"

    def column_label(self, column_key: str) -> str:
        return next((c.label for c in self.columns if c.key == column_key), column_key)

    def links_in_reading_order(self) -> list[Link]:
        """Links sorted by source (column, then order in column), then target likewise."""
        rank = {key: i for keys in self.by_column.values() for i, key in enumerate(keys)}

        def place(key):
            return (self.column_index(key), rank[key])

        return sorted(self.links, key=lambda link: (place(link.source), place(link.target)))


def _position(value: Any) -> float:
    try:
        return float(value)
    except (TypeError, ValueError):
        return float("inf")


def normalise(data: dict) -> LogicModel:
    """Build a :class:`LogicModel` from export-shaped data.

    Elements in a column that is not listed are left out (only causal columns are drawn);
    links whose ends are unknown, self-links and repeated links are dropped (the first rationale wins).
    Within a column, elements are ordered by ``position``, then text, then key, so results are deterministic.
    """
    data = data or {}
    raw_columns = data.get("columns") or [{"key": k, "label": v} for k, v in DEFAULT_COLUMNS]
    columns: list[Column] = []
    seen_columns: set[str] = set()
    for raw in raw_columns:
        key = clean_text(raw.get("key"))
        if not key or key in seen_columns:
            continue
        seen_columns.add(key)
        columns.append(Column(key=key, label=clean_text(raw.get("label")) or key))

    elements: dict[str, Element] = {}
    for raw in data.get("elements") or []:
        key = clean_text(raw.get("key"))
        column = clean_text(raw.get("column"))
        if not key or key in elements or column not in seen_columns:
            continue
        elements[key] = Element(
            key=key,
            column=column,
            text=clean_text(raw.get("text")).strip(),
            description=clean_text(raw.get("description")).strip(),
            position=_position(raw.get("position")),
        )

    by_column: dict[str, list[str]] = {c.key: [] for c in columns}
    for element in sorted(elements.values(), key=lambda e: (e.position, e.text, e.key)):
        by_column[element.column].append(element.key)

    links: list[Link] = []
    seen_links: set[tuple[str, str]] = set()
    for raw in data.get("links") or []:
        source, target = clean_text(raw.get("source")), clean_text(raw.get("target"))
        pair = (source, target)
        if source not in elements or target not in elements or source == target or pair in seen_links:
            continue
        seen_links.add(pair)
        links.append(Link(source=source, target=target, rationale=clean_text(raw.get("rationale")).strip()))

    notes = [
        Note(
            kind=clean_text(raw.get("kind")).strip() or "Note",
            text=clean_text(raw.get("text")).strip(),
            about=clean_text(raw.get("about")).strip(),
        )
        for raw in data.get("notes") or []
        if clean_text(raw.get("text")).strip()
    ]

    return LogicModel(
        title=clean_text(data.get("title")).strip() or DEFAULT_TITLE,
        problem=clean_text(data.get("problem")).strip(),
        context=clean_text(data.get("context")).strip(),
        population=clean_text(data.get("population")).strip(),
        columns=columns,
        elements=elements,
        by_column=by_column,
        links=links,
        notes=notes,
    )
