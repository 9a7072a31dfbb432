"""Pathways to impact through one element of a logic model."""

from __future__ import annotations

from collections import defaultdict, deque
from collections.abc import Iterable, Mapping

from .model import LogicModel

START_COLUMN = "activities"
END_COLUMN = "impact"


def _reach(starts: Iterable[str], adjacency: Mapping[str, Iterable[str]]) -> set[str]:
    """Every node reachable from ``starts`` (inclusive) along ``adjacency``; safe on cycles."""
    seen = set(starts)
    queue = deque(starts)
    while queue:
        node = queue.popleft()
        for nxt in adjacency[node]:
            if nxt not in seen:
                seen.add(nxt)
                queue.append(nxt)
    return seen


def _column_index(model: LogicModel, preferred: str, fallback: int) -> int:
    keys = [c.key for c in model.columns]
    if preferred in keys:
        return keys.index(preferred)
    return fallback % len(keys) if keys else 0


def find_pathways(model: LogicModel, key: str) -> dict:
    """See :func:`mobilise.documents.logic_model.pathways`."""
    if key not in model.elements:
        raise KeyError(key)
    forward: dict[str, list[str]] = defaultdict(list)
    backward: dict[str, list[str]] = defaultdict(list)
    for link in model.links:
        forward[link.source].append(link.target)
        backward[link.target].append(link.source)

    start_index = _column_index(model, START_COLUMN, 0)
    end_index = _column_index(model, END_COLUMN, -1)
    index = model.column_index(key)
    starts = {k for k in model.elements if model.column_index(k) <= start_index}
    ends = {k for k in model.elements if model.column_index(k) == end_index}
    # An element at or after the impact column ends its own pathway.
    if index >= end_index:
        ends.add(key)

    downstream = _reach([key], forward)  # key and everything it leads to
    upstream = _reach([key], backward)  # key and everything that leads to it, inputs included
    # Complete: an activity (or earlier) leads to key, and key leads on to an impact element.
    complete = bool(upstream & starts) and bool(downstream & ends)
    forward_part, backward_part = downstream, upstream

    # A link is on a forward walk when both ends are on the forward half; likewise backwards.
    links: set[tuple[str, str]] = set()
    for link in model.links:
        if (link.source in forward_part and link.target in forward_part) or (
            link.source in backward_part and link.target in backward_part
        ):
            links.add((link.source, link.target))
    return {
        "elements": forward_part | backward_part,
        "links": links,
        "complete": complete,
    }
