"""The relationship network as a standalone SVG, in the way of Kumu's maps: a force-directed layout, nodes coloured
by group (sector), sized by a 1-5 score (influence), outlined by attitude, diamonds for the marked (under-served),
horizontal labels that never leave the picture, and a legend that says all of it.

Takes plain data and escapes every text, so the same picture serves the page and any document. Each node links to
its page and carries its full name in a title, as the drawn label may be shortened or left out where it would
cover another; the table beside the diagram is the full equivalent.
"""

from collections import defaultdict
from collections.abc import Collection, Hashable, Mapping, Sequence
from typing import NamedTuple
from xml.sax.saxutils import escape, quoteattr

from .graph_layout import Point
from .metrics import text_width, wrap

FONT = "'DejaVu Sans', 'Liberation Sans', Arial, sans-serif"
TEXT = "#212b32"
EDGE = "#aeb7bd"
LIT = "#005eb8"
# Group colours, each at least 3:1 against white (WCAG 1.4.11), told apart by hue.
PALETTE = (
    "#005eb8",
    "#007f3b",
    "#ae2573",
    "#8a5300",
    "#330072",
    "#00718f",
    "#d5281b",
    "#4c6272",
    "#6b7a00",
    "#7c2855",
    "#2e5e38",
)
NO_GROUP = "#768692"
# Attitude as the outline around a node: (stroke width, dash pattern); no outline for neutral.
OUTLINES = {
    "champion": (3.5, ""),
    "supportive": (1.5, ""),
    "neutral": (0, ""),
    "sceptical": (1.5, "4 2"),
    "opposed": (3.5, "4 2"),
    "unknown": (1.5, "1 2"),
}
Box = tuple[float, float, float, float]  # left, top, right, bottom
LABEL_SIZE = 12
LABEL_MAX = 150  # px: longer names are shortened with an ellipsis
UNSCORED_RADIUS = 5.0


class NetNode(NamedTuple):
    id: Hashable
    label: str
    group: str  # a key of the groups passed to network_svg, or "" for none
    size: int | None  # 1-5, or None when not yet scored
    attitude: str  # a key of OUTLINES
    marked: bool  # drawn as a diamond (under-served)
    href: str


def radius(size: int | None) -> float:
    """A node's radius for its 1-5 score; the smallest for one not yet scored."""
    return UNSCORED_RADIUS if size is None else 6.0 + 3.0 * size


def colours(groups: Sequence[tuple[str, str]]) -> dict[str, str]:
    """{group key: colour}, fixed by the order of the groups, so a sector keeps its colour on every map."""
    return {key: PALETTE[i % len(PALETTE)] for i, (key, _) in enumerate(groups)} | {"": NO_GROUP}


def short_label(label: str) -> str:
    if text_width(label, LABEL_SIZE) <= LABEL_MAX:
        return label
    return wrap(label, LABEL_MAX - 12, LABEL_SIZE)[0] + "…"


def _a(value):
    return quoteattr(str(value))


def _shape(x: float, y: float, r: float, diamond: bool, attrs: str) -> str:
    if diamond:
        r *= 1.25  # a diamond of the same area reads as the same size
        return f'<path d="M{x:.1f} {y - r:.1f}L{x + r:.1f} {y:.1f}L{x:.1f} {y + r:.1f}L{x - r:.1f} {y:.1f}Z" {attrs}/>'
    return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{r:.1f}" {attrs}/>'


def _node(x: float, y: float, node: NetNode, fill: str) -> str:
    r = radius(node.size)
    # Not yet scored: pale inside, so it does not pass for a scored stakeholder of influence 1.
    paint = (
        f'fill="{fill}" fill-opacity="0.3" stroke="{fill}" stroke-width="1.5"'
        if node.size is None
        else (f'fill="{fill}" stroke="#fff" stroke-width="1"')
    )
    out = _shape(x, y, r, node.marked, paint)
    width, dash = OUTLINES.get(node.attitude, OUTLINES["unknown"])
    if width:
        dashes = f' stroke-dasharray="{dash}"' if dash else ""
        out += _shape(
            x, y, r + 1 + width / 2 + 1, node.marked, f'fill="none" stroke="{TEXT}" stroke-width="{width}"{dashes}'
        )
    return out


def _reach(node: NetNode) -> float:
    """How far a node's drawing reaches from its centre, outline and diamond included."""
    return radius(node.size) * (1.25 if node.marked else 1) + 6


class _Boxes:
    """Boxes already taken, in a grid of cells, to place labels where they cover nothing."""

    CELL = 80.0

    def __init__(self):
        self.cells: dict[tuple[int, int], list[tuple[float, float, float, float]]] = defaultdict(list)

    def _keys(self, box):
        x0, y0, x1, y1 = box
        c = self.CELL
        return [(i, j) for i in range(int(x0 // c), int(x1 // c) + 1) for j in range(int(y0 // c), int(y1 // c) + 1)]

    def add(self, box):
        for key in self._keys(box):
            self.cells[key].append(box)

    def free(self, box):
        x0, y0, x1, y1 = box
        return not any(
            x0 < b[2] and b[0] < x1 and y0 < b[3] and b[1] < y1
            for key in self._keys(box)
            for b in self.cells.get(key, ())
        )


def place_labels(
    nodes: Sequence[NetNode], pos: Mapping[Hashable, Point], degree: Mapping[Hashable, int]
) -> dict[Hashable, tuple[float, float, str, str, Box]]:
    """{id: (x, y, text-anchor, text, box)} for the labels that fit: right of the node, else left, below or above,
    never over another node or label; the most influential and connected are placed first."""
    boxes = _Boxes()
    for node in nodes:
        x, y = pos[node.id]
        r = _reach(node)
        boxes.add((x - r, y - r, x + r, y + r))
    placed = {}
    for node in sorted(nodes, key=lambda n: (-(n.size or 0), -degree.get(n.id, 0), str(n.id))):
        x, y = pos[node.id]
        r, text = _reach(node), short_label(node.label)
        w, h = text_width(text, LABEL_SIZE), LABEL_SIZE + 3
        for lx, ly, anchor, box in (
            (x + r, y + 4, "start", (x + r, y - h / 2, x + r + w, y + h / 2)),
            (x - r, y + 4, "end", (x - r - w, y - h / 2, x - r, y + h / 2)),
            (x, y + r + LABEL_SIZE, "middle", (x - w / 2, y + r, x + w / 2, y + r + h)),
            (x, y - r - 3, "middle", (x - w / 2, y - r - h, x + w / 2, y - r)),
        ):
            if boxes.free(box):
                boxes.add(box)
                placed[node.id] = (lx, ly, anchor, text, box)
                break
    return placed


def network_svg(
    nodes: Sequence[NetNode],
    edges: Collection[tuple[Hashable, Hashable]],
    pos: Mapping[Hashable, Point],
    *,
    title: str,
    groups: Sequence[tuple[str, str]],
    attitudes: Sequence[tuple[str, str]],
    highlight: Collection[Hashable] = (),
    marked_label: str = "Under-served",
) -> str:
    """nodes at pos (from graph_layout.layout), edges between them; groups and attitudes are (key, label) in
    legend order; highlighted ids and the edges between them are drawn in blue."""
    fills = colours(groups)
    shown = {n.id for n in nodes}
    degree: dict[Hashable, int] = defaultdict(int)
    drawn_edges = [(a, b) for a, b in edges if a in shown and b in shown]
    for a, b in drawn_edges:
        degree[a] += 1
        degree[b] += 1
    labels = place_labels(nodes, pos, degree)
    boxes = [
        (pos[n.id][0] - _reach(n), pos[n.id][1] - _reach(n), pos[n.id][0] + _reach(n), pos[n.id][1] + _reach(n))
        for n in nodes
    ]
    boxes += [label[4] for label in labels.values()]
    pad = 8
    left = min((b[0] for b in boxes), default=0) - pad
    top = min((b[1] for b in boxes), default=0) - pad
    width = max(max((b[2] for b in boxes), default=0) + pad - left, 480)
    present = {n.group for n in nodes}
    legend, legend_height = _legend(
        [(k, v) for k, v in groups if k in present] + ([("", "Sector not recorded")] if "" in present else []),
        fills,
        attitudes,
        marked_label,
        bool(highlight),
        width,
    )
    height = max((b[3] for b in boxes), default=0) + pad - top
    total = height + legend_height
    lit = set(highlight)
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="{left:.0f} {top:.0f} {width:.0f} {total:.0f}" '
        f'width="{width:.0f}" height="{total:.0f}" role="group" aria-labelledby="net-title" font-family={_a(FONT)}>',
        f'<title id="net-title">{escape(title)}</title>',
    ]
    for a, b in drawn_edges:
        on = a in lit and b in lit
        (x1, y1), (x2, y2) = pos[a], pos[b]
        out.append(
            f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" '
            f'stroke="{LIT if on else EDGE}" stroke-width="{3 if on else 1.2}"/>'
        )
    for node in nodes:
        x, y = pos[node.id]
        fill = LIT if node.id in lit else fills.get(node.group, NO_GROUP)
        text = ""
        if node.id in labels:
            lx, ly, anchor, short, _ = labels[node.id]
            text = (
                f'<text x="{lx:.1f}" y="{ly:.1f}" font-size="{LABEL_SIZE}" fill="{TEXT}" '
                f'text-anchor="{anchor}">{escape(short)}</text>'
            )
        out.append(f"<a href={_a(node.href)}><title>{escape(node.label)}</title>{_node(x, y, node, fill)}{text}</a>")
    out.append(f'<g transform="translate({left:.0f} {top + height:.0f})">{legend}</g>')
    out.append("</svg>")
    return "\n".join(out)


def _legend(groups, fills, attitudes, marked_label, highlighted, width):
    """The key under the picture, as SVG in its own coordinates, and its height: lines of (swatch, label) items,
    each line starting with what it explains."""
    lines = [
        ("Sector", [(_shape(8, 0, 7, False, f'fill="{fills[key]}"'), label) for key, label in groups]),
        (
            "Size: influence",
            [(_shape(10, 0, radius(s), False, f'fill="{NO_GROUP}"'), str(s)) for s in (1, 3, 5)]
            + [(_node(8, 0, NetNode(0, "", "", None, "neutral", False, ""), NO_GROUP), "Not yet scored")],
        ),
        (
            "Outline: attitude",
            [(_node(10, 0, NetNode(0, "", "", 2, key, False, ""), NO_GROUP), label) for key, label in attitudes],
        ),
        ("Shape", [(_node(10, 0, NetNode(0, "", "", 2, "neutral", True, ""), NO_GROUP), marked_label)]),
    ]
    if highlighted:
        lines[-1][1].append((f'<path d="M0 0H20" stroke="{LIT}" stroke-width="3"/>', "Chain shown"))
    out, y, row = [], 16, 26
    for heading, items in lines:
        y += row
        out.append(f'<text x="8" y="{y + 5}" font-size="13" font-weight="bold" fill="{TEXT}">{escape(heading)}</text>')
        x = 16 + text_width(heading, 13, bold=True)
        for swatch, label in items:
            item = 36 + text_width(label, 13)
            if x + item > width - 8:
                x, y = 16, y + row
            out.append(
                f'<g transform="translate({x:.0f} {y})">{swatch}'
                f'<text x="30" y="5" font-size="13" fill="{TEXT}">{escape(label)}</text></g>'
            )
            x += item + 12
    return "".join(out), y + 20
