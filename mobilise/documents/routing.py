"""Routing the links of the logic-model diagram so that no link runs under a box that is not one of its ends.

A link between neighbouring columns bends through the gap between them, where no box ever is. A link that
skips columns crosses each column in between along a free lane: a horizontal run at a height where that column
has no box (between two boxes, above the first or below the last), joined to the next lane by a bend in the gap.
Each lane is the free height nearest the straight line between the link's two ends, so links keep their
direction and spread over the lanes. Routing takes time in proportion to links x columns crossed x log(boxes).

A route is a list of cubic pieces ``(x0, y0, cx1, cy1, cx2, cy2, x3, y3)``, each starting where the one before
ends; a straight run has its control points on its ends. The convex hull of each piece's four points holds the
piece, and no hull reaches into a box that is not an end of its link (tests/documents check this).
"""

from __future__ import annotations

from bisect import bisect_right
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass

from .model import LogicModel

Piece = tuple[float, float, float, float, float, float, float, float]
LANE_MARGIN = 4.0  # a lane keeps this far from the boxes above and below it
BEND = 26.0  # how far the control points of a bend reach out horizontally


@dataclass
class Lanes:
    """The free heights of one column: the intervals between its boxes, and above and below them."""

    x_left: float  # where the boxes of the column start and end
    x_right: float
    lows: list[float]
    highs: list[float]

    def nearest(self, y: float) -> float:
        """The free height closest to ``y``, at least LANE_MARGIN from any box where there is room."""
        i = bisect_right(self.lows, y) - 1
        best, best_distance = y, float("inf")
        for j in (i, i + 1):
            if 0 <= j < len(self.lows):
                low, high = self.lows[j], self.highs[j]
                margin = min(LANE_MARGIN, (high - low) / 2)
                candidate = min(max(y, low + margin), high - margin)
                if abs(candidate - y) < best_distance:
                    best, best_distance = candidate, abs(candidate - y)
        return best


def column_lanes(
    boxes_by_column: list[list], x_left: list[float], x_right: list[float], top: float, bottom: float
) -> list[Lanes]:
    """Lanes of every column; ``boxes_by_column`` holds each column's boxes (with ``y`` and ``bottom``)."""
    lanes = []
    for boxes, left, right in zip(boxes_by_column, x_left, x_right, strict=True):
        lows, highs = [top], []
        for box in sorted(boxes, key=lambda b: b.y):
            highs.append(box.y)
            lows.append(box.bottom)
        highs.append(bottom)
        lanes.append(Lanes(left, right, lows, highs))
    return lanes


def bend(xa: float, ya: float, xb: float, yb: float) -> Piece:
    """An S-bend from (xa, ya) to (xb, yb) that leaves and arrives horizontally and stays between xa and xb."""
    direction = 1 if xb >= xa else -1
    reach = min(max(BEND, abs(xb - xa) * 0.45), abs(xb - xa))
    return (xa, ya, xa + direction * reach, ya, xb - direction * reach, yb, xb, yb)


def straight(xa: float, ya: float, xb: float, yb: float) -> Piece:
    return (xa, ya, xa, ya, xb, yb, xb, yb)


def waypoints(a: int, b: int, y_from: float, y_to: float, lanes: list[Lanes]) -> list[tuple[int, float]]:
    """(column, lane height) for every column strictly between columns ``a`` and ``b``."""
    step = 1 if b > a else -1
    points = []
    for j in range(a + step, b, step):
        wanted = y_from + (y_to - y_from) * (j - a) / (b - a)
        points.append((j, lanes[j].nearest(wanted)))
    return points


def route(
    start: tuple[float, float], end: tuple[float, float], via: list[tuple[int, float]], lanes: list[Lanes]
) -> list[Piece]:
    """The pieces from ``start`` through the lanes ``via`` to ``end``; forward when end lies right of start."""
    x, y = start
    forward = end[0] >= x
    pieces: list[Piece] = []
    for column, lane_y in via:
        entry, exit_ = (lanes[column].x_left, lanes[column].x_right)[:: 1 if forward else -1]
        pieces.append(bend(x, y, entry, lane_y))
        pieces.append(straight(entry, lane_y, exit_, lane_y))
        x, y = exit_, lane_y
    pieces.append(bend(x, y, *end))
    return pieces


def loop(x: float, y1: float, y2: float, room: float) -> Piece:
    """A link within one column: an arc out into the gap on the right, ``room`` wide at most."""
    bulge = min(room, 10 + abs(y2 - y1) * 0.15)
    c = x + bulge / 0.75  # a cubic with both control points at d reaches 0.75 d
    return (x, y1, c, y1, c, y2, x, y2)


def path_data(pieces: list[Piece], fmt: Callable[[float], str]) -> str:
    """SVG path data for the pieces: ``L`` for straight runs, ``C`` for bends."""
    if not pieces:
        return ""
    out = [f"M{fmt(pieces[0][0])} {fmt(pieces[0][1])}"]
    for x0, y0, c1x, c1y, c2x, c2y, x3, y3 in pieces:
        if (c1x, c1y) == (x0, y0) and (c2x, c2y) == (x3, y3):
            out.append(f"L{fmt(x3)} {fmt(y3)}")
        else:
            out.append(f"C{fmt(c1x)} {fmt(c1y)} {fmt(c2x)} {fmt(c2y)} {fmt(x3)} {fmt(y3)}")
    return " ".join(out)


def plan(model: LogicModel, centre: dict[str, float], lanes: list[Lanes]) -> dict[tuple[str, str], list]:
    """The lanes each link between columns more than one apart takes, chosen from the boxes' centres."""
    via: dict[tuple[str, str], list] = defaultdict(list)
    for link in model.links:
        a, b = model.column_index(link.source), model.column_index(link.target)
        if abs(a - b) > 1:
            via[(link.source, link.target)] = waypoints(a, b, centre[link.source], centre[link.target], lanes)
    return via
