"""Serialise a laid-out logic model as a standalone, accessible SVG document."""

from __future__ import annotations

import hashlib
from collections.abc import Collection, Iterable
from xml.sax.saxutils import escape, quoteattr

from .layout import (
    BOX_PAD_Y,
    FONT_SIZE,
    HEAD_FONT_SIZE,
    HEAD_LINE_HEIGHT,
    LINE_HEIGHT,
    DiagramGeometry,
    fmt,
)
from .model import LogicModel
from .notes_strip import CARD_PAD_X, CARD_PAD_Y, HEADING, HEADING_HEIGHT, STRIP_GAP

FONT_FAMILY = "'DejaVu Sans', 'Liberation Sans', Arial, Helvetica, sans-serif"
CAP_HEIGHT = 0.73  # DejaVu Sans, in em

# NHS identity colours. Every text colour below reaches at least 4.5:1 on the fill it is drawn on
# (checked in tests/documents).
TEXT = "#212b32"
TEXT_DIMMED = "#4c6272"
HEADING_TEXT = "#ffffff"
BOX_FILL = "#ffffff"
BOX_STROKE = "#768692"
BOX_STROKE_DIMMED = "#aeb7bd"
BOX_FILL_HIGHLIGHT = "#e8f1fa"
NOTE_FILL = "#fff9d6"  # assumptions and external factors: a pale yellow card
HIGHLIGHT = "#005eb8"
EVIDENCE = "#007f3b"  # NHS green: an outcome with evidence of impact
LINK = "#4c6272"
BAND_FILLS = ("#f0f4f5", "#e4eaec")
HEADING_FILLS = {
    "inputs": "#003087",
    "activities": "#003087",
    "outputs": "#003087",
    "short": "#006747",
    "medium": "#006747",
    "long": "#006747",
    "impact": "#330072",
}
HEADING_FILL_DEFAULT = "#003087"
DIMMED_BOX_OPACITY = "0.6"
DIMMED_LINK_OPACITY = "0.22"
RADIUS = 7
BAND_RADIUS = 10
# Element keys and (source, target) link pairs to draw in blue; everything else is dimmed.
Highlight = Iterable[str | tuple[str, str]] | None


def _attr(value: object) -> str:
    """A quoted, XML-escaped attribute value."""
    return quoteattr(str(value), {"\n": "&#10;", "\t": "&#9;"})


def split_highlight(highlight: Highlight) -> tuple[set[str], set[tuple[str, str]]]:
    """Split a highlight collection into element keys and (source, target) link pairs."""
    keys: set[str] = set()
    pairs: set[tuple[str, str]] = set()
    for item in highlight or ():
        if isinstance(item, (tuple, list)) and len(item) == 2:
            pairs.add((str(item[0]), str(item[1])))
        elif isinstance(item, str):
            keys.add(item)
    return keys, pairs


def box_style(on: bool, emphasis: bool) -> tuple[str, str, str, str, str, str]:
    """(CSS class, fill, stroke, stroke width, text colour, opacity or "") of an element's box."""
    if on:
        return "lm-element is-highlighted", BOX_FILL_HIGHLIGHT, HIGHLIGHT, "3", TEXT, ""
    if emphasis:
        return "lm-element is-dimmed", BOX_FILL, BOX_STROKE_DIMMED, "1", TEXT_DIMMED, DIMMED_BOX_OPACITY
    return "lm-element", BOX_FILL, BOX_STROKE, "1.25", TEXT, ""


def link_style(on: bool, emphasis: bool) -> tuple[str, str, str, str]:
    """(CSS class, colour, stroke width, opacity or "") of a link."""
    if on:
        return "lm-link is-highlighted", HIGHLIGHT, "3", ""
    if emphasis:
        return "lm-link is-dimmed", LINK, "1.5", DIMMED_LINK_OPACITY
    return "lm-link", LINK, "1.5", ""


def _top_rounded_rect(x: float, y: float, w: float, h: float, r: float) -> str:
    return (
        f"M{fmt(x)} {fmt(y + h)} V{fmt(y + r)} Q{fmt(x)} {fmt(y)} {fmt(x + r)} {fmt(y)} "
        f"H{fmt(x + w - r)} Q{fmt(x + w)} {fmt(y)} {fmt(x + w)} {fmt(y + r)} V{fmt(y + h)} Z"
    )


def baseline(top: float, index: int, line_height: float, size: float) -> float:
    return top + index * line_height + (line_height + CAP_HEIGHT * size) / 2


def render_svg(
    model: LogicModel,
    geometry: DiagramGeometry,
    highlight: Highlight = None,
    title: str | None = None,
    marked: Collection[str] = (),
) -> str:
    """``marked``: keys of the elements (outcomes) that have evidence of impact, each drawn with a green tick."""
    keys, pairs = split_highlight(highlight)
    marked = {str(key) for key in marked} & set(geometry.boxes)
    emphasis = bool(keys or pairs)
    title = (title or "").strip() or model.title
    digest = hashlib.sha1(
        "\x1f".join([title, *model.elements, *(f"{lk.source}>{lk.target}" for lk in model.links)]).encode()
    ).hexdigest()[:8]
    title_id, desc_id = f"lm-title-{digest}", f"lm-desc-{digest}"
    arrow_id, arrow_hl_id = f"lm-arrow-{digest}", f"lm-arrow-hl-{digest}"

    count = len(model.elements)
    description = (
        f"Logic model diagram with {count} element{'s' if count != 1 else ''} in "
        f"{len(model.columns)} columns ({', '.join(c.label for c in model.columns)}), read left to right, "
        f"and {len(model.links)} causal link{'s' if len(model.links) != 1 else ''} drawn as arrows."
    )
    if model.notes:
        description += f" Under the columns, {len(model.notes)} assumption{'s' if len(model.notes) != 1 else ''} and"
        description += " external factors, each with what it is about."
    if emphasis:
        description += " A pathway is highlighted; other elements are dimmed."
    if marked:
        n = len(marked)
        description += f" {n} element{'s' if n != 1 else ''} with evidence of impact {'carry' if n != 1 else 'carries'}"
        description += " a green tick."

    width, height = fmt(geometry.width), fmt(geometry.height)
    out: list[str] = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" '
        f'height="{height}" role="img" aria-labelledby="{title_id} {desc_id}" class="lm-diagram" '
        f'font-family={_attr(FONT_FAMILY)} font-size="{FONT_SIZE}">',
        f'<title id="{title_id}">{escape(title)}</title>',
        f'<desc id="{desc_id}">{escape(description)}</desc>',
        "<defs>",
    ]
    for marker_id, colour in ((arrow_id, LINK), (arrow_hl_id, HIGHLIGHT)):
        out.append(
            f'<marker id="{marker_id}" viewBox="0 0 10 10" refX="9.5" refY="5" markerWidth="9" '
            f'markerHeight="9" markerUnits="userSpaceOnUse" orient="auto">'
            f'<path d="M0 0.8 L10 5 L0 9.2 Z" fill="{colour}"/></marker>'
        )
    out.append("</defs>")
    out.append(f'<rect width="{width}" height="{height}" fill="#ffffff"/>')

    # Column bands with their heading bars.
    band_height = geometry.band_bottom - geometry.top
    out.append('<g class="lm-columns">')
    for column in geometry.columns:
        fill = HEADING_FILLS.get(column.key, HEADING_FILL_DEFAULT)
        band = BAND_FILLS[column.index % 2]
        x, y, w = column.x, geometry.top, column.width
        out.append(f'<g class="lm-column" data-column={_attr(column.key)}>')
        out.append(
            f'<rect x="{fmt(x)}" y="{fmt(y)}" width="{fmt(w)}" height="{fmt(band_height)}" '
            f'rx="{BAND_RADIUS}" fill="{band}"/>'
        )
        out.append(f'<path d="{_top_rounded_rect(x, y, w, geometry.head_height, BAND_RADIUS)}" fill="{fill}"/>')
        text_top = y + (geometry.head_height - len(column.lines) * HEAD_LINE_HEIGHT) / 2
        out.append(
            f'<text class="lm-heading" x="{fmt(x + w / 2)}" text-anchor="middle" font-weight="bold" '
            f'font-size="{HEAD_FONT_SIZE}" fill="{HEADING_TEXT}">'
        )
        for i, line in enumerate(column.lines):
            y_line = baseline(text_top, i, HEAD_LINE_HEIGHT, HEAD_FONT_SIZE)
            out.append(f'<tspan x="{fmt(x + w / 2)}" y="{fmt(y_line)}">{escape(line)}</tspan>')
        out.append("</text></g>")
    out.append("</g>")

    # Links under the boxes, emphasised ones last so they are drawn on top of dimmed ones.
    out.append('<g class="lm-links" fill="none">')
    for link in sorted(geometry.links, key=lambda lk: (lk.source, lk.target) in pairs):
        css, colour, stroke_width, opacity = link_style((link.source, link.target) in pairs, emphasis)
        style = f'stroke="{colour}" stroke-width="{stroke_width}"' + (f' opacity="{opacity}"' if opacity else "")
        style += f' marker-end="url(#{arrow_hl_id if colour == HIGHLIGHT else arrow_id})"'
        label = f"{model.label(link.source)} \u2192 {model.label(link.target)}"
        if link.rationale:
            label += f": {link.rationale}"
        out.append(
            f'<path class="{css}" d="{link.path}" data-source={_attr(link.source)} '
            f"data-target={_attr(link.target)} {style}><title>{escape(label)}</title></path>"
        )
    out.append("</g>")

    out.append('<g class="lm-elements">')
    for box in geometry.boxes.values():
        element = model.elements[box.key]
        css, fill, stroke, stroke_width, text_fill, opacity = box_style(box.key in keys, emphasis)
        extra = f' opacity="{opacity}"' if opacity else ""
        tooltip = element.text + (f"\n{element.description}" if element.description else "")
        if box.key in marked:
            tooltip += "\nHas evidence of impact"
        out.append(
            f'<g id={_attr("el-" + box.key)} class="{css}" data-key={_attr(box.key)} '
            f"data-column={_attr(box.column)}><title>{escape(tooltip)}</title>"
        )
        out.append(
            f'<rect x="{fmt(box.x)}" y="{fmt(box.y)}" width="{fmt(box.width)}" height="{fmt(box.height)}" '
            f'rx="{RADIUS}" fill="{fill}" stroke="{stroke}" stroke-width="{stroke_width}"{extra}/>'
        )
        cx = fmt(box.x + box.width / 2)
        out.append(f'<text x="{cx}" text-anchor="middle" fill="{text_fill}">')
        for i, line in enumerate(box.lines):
            y_line = baseline(box.y + BOX_PAD_Y, i, LINE_HEIGHT, FONT_SIZE)
            out.append(f'<tspan x="{cx}" y="{fmt(y_line)}">{escape(line)}</tspan>')
        out.append("</text>")
        if box.key in marked:
            out.append(_tick(box.x + box.width, box.y))
        out.append("</g>")
    out.append("</g>")
    out += _notes(geometry)
    out.append("</svg>")
    return "\n".join(out)


def _tick(x: float, y: float) -> str:
    """A green disc with a white tick, centred on a box's top right corner: the outcome has evidence of impact."""
    return (
        f'<g class="lm-evidence"><circle cx="{fmt(x - 2)}" cy="{fmt(y + 2)}" r="9" fill="{EVIDENCE}" '
        f'stroke="#ffffff" stroke-width="1.5"/><path d="M{fmt(x - 6.5)} {fmt(y + 2)} l3 3.2 l6 -6.4" fill="none" '
        f'stroke="#ffffff" stroke-width="2.2" stroke-linecap="round" stroke-linejoin="round"/></g>'
    )


def _notes(geometry: DiagramGeometry) -> list[str]:
    """The assumptions and external factors strip under the columns."""
    if not geometry.notes:
        return []
    heading_y = geometry.notes_top + STRIP_GAP + HEADING_HEIGHT / 2 + CAP_HEIGHT * HEAD_FONT_SIZE / 2
    out = [
        '<g class="lm-notes">',
        f'<text class="lm-notes-heading" x="{fmt(geometry.columns[0].x if geometry.columns else 16)}" '
        f'y="{fmt(heading_y)}" font-weight="bold" font-size="{HEAD_FONT_SIZE}" fill="{TEXT}">{escape(HEADING)}</text>',
    ]
    for note in geometry.notes:
        out.append(f'<g class="lm-note" data-kind={_attr(note.kind)}>')
        out.append(
            f'<rect x="{fmt(note.x)}" y="{fmt(note.y)}" width="{fmt(note.width)}" height="{fmt(note.height)}" '
            f'rx="{RADIUS}" fill="{NOTE_FILL}" stroke="{BOX_STROKE}" stroke-width="1.25" stroke-dasharray="5 3"/>'
        )
        x = fmt(note.x + CARD_PAD_X)
        out.append(f'<text x="{x}" fill="{TEXT}">')
        for i, line in enumerate(note.lines):
            y_line = baseline(note.y + CARD_PAD_Y, i, LINE_HEIGHT, FONT_SIZE)
            out.append(f'<tspan x="{x}" y="{fmt(y_line)}">{escape(line)}</tspan>')
        out.append("</text></g>")
    out.append("</g>")
    return out
