"""Geometry of the logic-model diagram: column bands, wrapped boxes and link curves.

Units are SVG user units; the diagram is 1280 wide for up to seven columns, so one unit is one
CSS pixel when the picture is shown 1280 px wide (a projector at 1280x720), and the body text is 14 px there.

The steps are those of a layered (Sugiyama-style) drawing, with the layers fixed by the columns:
1. order the elements within each column to keep link crossings low: start from ``position`` order
   and run barycentre sweeps left-to-right and right-to-left, keeping the best order found;
2. place the boxes of each column vertically as close as possible to the centre of their linked
   neighbours, without overlapping and keeping the order (isotonic regression, pool-adjacent-violators);
3. spread the link ends along the box edges and route each link around the boxes (routing.py): a bend through
   the gap between neighbouring columns, and along a free lane across each column a link skips.
All steps are deterministic.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from . import routing
from .boxes import TextBox
from .metrics import wrap
from .model import LogicModel
from .notes_strip import NoteGeometry, place_notes
from .routing import Piece

BASE_WIDTH = 1280
MARGIN = 16
COLUMN_GAP = 26  # between column bands, where the links run
MIN_COLUMN_WIDTH = 150
BAND_PAD = 7  # between band edge and boxes
FONT_SIZE = 14
LINE_HEIGHT = 18
HEAD_FONT_SIZE = 15
HEAD_LINE_HEIGHT = 19
BOX_PAD_X = 9
BOX_PAD_Y = 8
BOX_GAP = 12  # vertical gap between boxes
HEAD_PAD_Y = 9
HEAD_GAP = 14  # between the heading bar and the first box
BOTTOM_PAD = 14
SWEEPS = 4
PLACEMENT_ROUNDS = 6


@dataclass
class ColumnGeometry:
    key: str
    label: str
    index: int
    x: float
    width: float
    lines: list[str]
    head_height: float


@dataclass
class BoxGeometry(TextBox):
    key: str
    column: str

    @property
    def centre(self) -> float:
        return self.y + self.height / 2


@dataclass
class LinkGeometry:
    source: str
    target: str
    rationale: str
    x1: float
    y1: float
    x2: float
    y2: float
    pieces: list[Piece]  # cubic pieces end to end (routing.py); none of them runs under a box but its ends
    path: str


@dataclass
class DiagramGeometry:
    width: float
    height: float
    top: float  # y of the column heading bars
    head_height: float
    content_top: float  # y where boxes start
    columns: list[ColumnGeometry]
    boxes: dict[str, BoxGeometry]
    links: list[LinkGeometry]
    band_bottom: float = 0.0  # where the column bands end; the assumptions strip (if any) is below
    notes: list[NoteGeometry] = field(default_factory=list)
    notes_top: float = 0.0


def fmt(value: float) -> str:
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


def count_crossings(order: dict[str, list[str]], model: LogicModel) -> int:
    """Crossings between links that join the same pair of columns, for the given orders."""
    rank = {key: i for keys in order.values() for i, key in enumerate(keys)}
    groups: dict[tuple[int, int], list[tuple[int, int]]] = defaultdict(list)
    for link in model.links:
        a, b = model.column_index(link.source), model.column_index(link.target)
        if a == b:
            continue
        if a < b:
            groups[(a, b)].append((rank[link.source], rank[link.target]))
        else:
            groups[(b, a)].append((rank[link.target], rank[link.source]))
    total = 0
    for pairs in groups.values():
        pairs.sort()
        total += _inversions([t for _, t in pairs])
    return total


def _inversions(values: list[int]) -> int:
    """Number of pairs i < j with values[i] > values[j] (merge sort)."""
    if len(values) < 2:
        return 0
    middle = len(values) // 2
    left, right = values[:middle], values[middle:]
    count = _inversions(left) + _inversions(right)
    left.sort()
    right.sort()
    j = 0
    for value in left:
        while j < len(right) and right[j] < value:
            j += 1
        count += j
    return count


def order_elements(model: LogicModel) -> dict[str, list[str]]:
    """Order of element keys per column, chosen to keep link crossings low."""
    columns = [c.key for c in model.columns]
    order = {c: list(model.by_column[c]) for c in columns}
    neighbours: dict[str, list[str]] = defaultdict(list)
    for link in model.links:
        neighbours[link.source].append(link.target)
        neighbours[link.target].append(link.source)
    column_of = {key: model.column_index(key) for key in model.elements}

    best = {c: list(keys) for c, keys in order.items()}
    best_crossings = count_crossings(order, model)
    if best_crossings == 0:
        return best

    def normalised_positions() -> dict[str, float]:
        positions = {}
        for keys in order.values():
            for i, key in enumerate(keys):
                positions[key] = (i + 0.5) / len(keys)
        return positions

    def sweep(indices, side):
        for index in indices:
            positions = normalised_positions()
            keys = order[columns[index]]

            def barycentre(key, positions=positions, index=index):
                linked = [positions[n] for n in neighbours[key] if side(column_of[n], index)]
                return sum(linked) / len(linked) if linked else positions[key]

            current = {key: i for i, key in enumerate(keys)}
            order[columns[index]] = sorted(keys, key=lambda k: (barycentre(k), current[k]))

    n = len(columns)
    for _ in range(SWEEPS):
        for indices, side in (
            (range(1, n), lambda other, index: other < index),
            (range(n - 2, -1, -1), lambda other, index: other > index),
        ):
            sweep(indices, side)
            crossings = count_crossings(order, model)
            if crossings < best_crossings:
                best_crossings = crossings
                best = {c: list(keys) for c, keys in order.items()}
        if best_crossings == 0:
            break
    return best


def _isotonic(targets: list[float], weights: list[float]) -> list[float]:
    """Weighted least-squares non-decreasing fit (pool adjacent violators)."""
    blocks: list[list[float]] = []  # [mean, weight, count]
    for target, weight in zip(targets, weights, strict=True):
        blocks.append([target, weight, 1])
        while len(blocks) > 1 and blocks[-2][0] > blocks[-1][0]:
            mean2, weight2, count2 = blocks.pop()
            mean1, weight1, count1 = blocks.pop()
            total = weight1 + weight2
            blocks.append([(mean1 * weight1 + mean2 * weight2) / total, total, count1 + count2])
    fitted: list[float] = []
    for mean, _, count in blocks:
        fitted.extend([mean] * int(count))
    return fitted


def _place_column(keys, heights, tops, desired_centres, weights):
    """New tops for one column: closest to the desired centres, in order, boxes BOX_GAP apart."""
    offsets = []
    offset = 0.0
    for key in keys:
        offsets.append(offset)
        offset += heights[key] + BOX_GAP
    targets = [desired_centres[k] - heights[k] / 2 - o for k, o in zip(keys, offsets, strict=True)]
    fitted = _isotonic(targets, [weights[k] for k in keys])
    for key, z, o in zip(keys, fitted, offsets, strict=True):
        tops[key] = z + o


def layout(model: LogicModel) -> DiagramGeometry:
    """Compute the full geometry of the diagram."""
    n = max(len(model.columns), 1)
    column_width = max(MIN_COLUMN_WIDTH, (BASE_WIDTH - 2 * MARGIN - (n - 1) * COLUMN_GAP) / n)
    width = 2 * MARGIN + n * column_width + (n - 1) * COLUMN_GAP
    box_width = column_width - 2 * BAND_PAD
    text_width = box_width - 2 * BOX_PAD_X

    columns: list[ColumnGeometry] = []
    for i, spec in enumerate(model.columns):
        lines = wrap(spec.label, column_width - 2 * BOX_PAD_X, HEAD_FONT_SIZE, bold=True)
        columns.append(
            ColumnGeometry(spec.key, spec.label, i, MARGIN + i * (column_width + COLUMN_GAP), column_width, lines, 0)
        )
    head_lines = max((len(c.lines) for c in columns), default=1)
    head_height = head_lines * HEAD_LINE_HEIGHT + 2 * HEAD_PAD_Y
    for column in columns:
        column.head_height = head_height
    top = MARGIN
    content_top = top + head_height + HEAD_GAP

    order = order_elements(model)
    lines_of = {key: wrap(model.label(key), text_width, FONT_SIZE) for key in model.elements}
    heights = {key: len(lines) * LINE_HEIGHT + 2 * BOX_PAD_Y for key, lines in lines_of.items()}

    # Vertical placement, relative to 0; start with every column packed and centred on the tallest.
    column_heights = {c: sum(heights[k] for k in keys) + BOX_GAP * max(len(keys) - 1, 0) for c, keys in order.items()}
    tallest = max(column_heights.values(), default=0)
    tops: dict[str, float] = {}
    for c, keys in order.items():
        y = (tallest - column_heights[c]) / 2
        for key in keys:
            tops[key] = y
            y += heights[key] + BOX_GAP
    neighbours: dict[str, list[str]] = defaultdict(list)
    for link in model.links:
        if model.column_index(link.source) != model.column_index(link.target):
            neighbours[link.source].append(link.target)
            neighbours[link.target].append(link.source)
    weights = {key: 1.0 if neighbours[key] else 0.05 for key in model.elements}
    column_keys = [c.key for c in model.columns]
    for round_ in range(PLACEMENT_ROUNDS):
        sequence = column_keys if round_ % 2 == 0 else list(reversed(column_keys))
        for c in sequence:
            keys = order[c]
            if not keys:
                continue
            desired = {}
            for key in keys:
                linked = neighbours[key]
                if linked:
                    desired[key] = sum(tops[m] + heights[m] / 2 for m in linked) / len(linked)
                else:
                    desired[key] = tops[key] + heights[key] / 2
            _place_column(keys, heights, tops, desired, weights)
    lowest = min(tops.values(), default=0.0)

    boxes: dict[str, BoxGeometry] = {}
    for column in columns:
        for key in order[column.key]:
            boxes[key] = BoxGeometry(
                key=key,
                column=column.key,
                x=column.x + BAND_PAD,
                y=round(content_top + tops[key] - lowest, 1),
                width=box_width,
                height=heights[key],
                lines=lines_of[key],
            )
    bottom = max((b.bottom for b in boxes.values()), default=content_top + LINE_HEIGHT)
    band_bottom = bottom + BOTTOM_PAD + MARGIN - 8
    notes, notes_bottom = place_notes(model, MARGIN, width - MARGIN, band_bottom, FONT_SIZE, LINE_HEIGHT)
    height = max(bottom + BOTTOM_PAD + MARGIN, notes_bottom + MARGIN)

    return DiagramGeometry(
        width=width,
        height=height,
        band_bottom=band_bottom,
        notes=notes,
        notes_top=band_bottom,
        top=top,
        head_height=head_height,
        content_top=content_top,
        columns=columns,
        boxes=boxes,
        links=_route_links(model, boxes, columns, content_top - HEAD_GAP, band_bottom),
    )


def _ports(box: BoxGeometry, count: int) -> list[float]:
    """Evenly spread y positions for ``count`` link ends on a box edge."""
    inset = min(7.0, box.height / 4)
    span = box.height - 2 * inset
    return [box.y + inset + span * (i + 1) / (count + 1) for i in range(count)]


def _sides(model: LogicModel, source: str, target: str) -> tuple[str, str]:
    """Which edges a link leaves and enters by.

    Forward links (the usual case) leave the right edge of the source and enter the left edge of the
    target. A link within one column arcs through the gap on the right, entering the target's right
    edge; a link back to an earlier column (a feedback loop) mirrors the forward case.
    """
    a, b = model.column_index(source), model.column_index(target)
    if a < b:
        return "right", "left"
    if a == b:
        return "right", "right"
    return "left", "right"


def _route_links(
    model: LogicModel, boxes: dict[str, BoxGeometry], columns: list[ColumnGeometry], top: float, bottom: float
) -> list[LinkGeometry]:
    by_column: list[list[BoxGeometry]] = [[] for _ in columns]
    for box in boxes.values():
        by_column[model.column_index(box.key)].append(box)
    lanes = routing.column_lanes(
        by_column, [c.x + BAND_PAD for c in columns], [c.x + c.width - BAND_PAD for c in columns], top, bottom
    )
    via = routing.plan(model, {key: box.centre for key, box in boxes.items()}, lanes)

    ends: dict[tuple[str, str], list] = defaultdict(list)  # (box key, side) -> [(towards y, other key, link, role)]
    for link in model.links:
        out_side, in_side = _sides(model, link.source, link.target)
        lanes_of = via.get((link.source, link.target))
        leaving = lanes_of[0][1] if lanes_of else boxes[link.target].centre
        arriving = lanes_of[-1][1] if lanes_of else boxes[link.source].centre
        ends[(link.source, out_side)].append((leaving, link.target, link, "start"))
        ends[(link.target, in_side)].append((arriving, link.source, link, "end"))
    port: dict[tuple[str, str, str], float] = {}
    for (key, _side), items in ends.items():
        items.sort(key=lambda item: (item[0], boxes[item[1]].x, item[1], item[3]))
        for (_, _, link, role), y in zip(items, _ports(boxes[key], len(items)), strict=True):
            port[(link.source, link.target, role)] = y

    routed = []
    for link in model.links:
        source, target = boxes[link.source], boxes[link.target]
        out_side, in_side = _sides(model, link.source, link.target)
        y1, y2 = port[(link.source, link.target, "start")], port[(link.source, link.target, "end")]
        x1 = source.right if out_side == "right" else source.x
        x2 = target.x if in_side == "left" else target.right
        if out_side == in_side:
            pieces = [routing.loop(x1, y1, y2, COLUMN_GAP + BAND_PAD - 4)]
        else:
            pieces = routing.route((x1, y1), (x2, y2), via.get((link.source, link.target), []), lanes)
        path = routing.path_data(pieces, fmt)
        routed.append(LinkGeometry(link.source, link.target, link.rationale, x1, y1, x2, y2, pieces, path))
    return routed
