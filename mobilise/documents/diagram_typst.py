"""The logic-model diagram as data for typst to draw (templates/diagram.typ), for the PDF pages and the PNG.

Typst turns SVG text into outlines a glyph at a time, which took seconds for a large model, and a PDF page that
showed a slice of one big SVG carried the whole picture, so the PDF grew with pages x elements. Drawn by typst
from the same geometry and styles as the SVG, text is set once and stays real text, and a page holds only the
boxes and links it shows.
"""

from __future__ import annotations

import math
from bisect import bisect_left, bisect_right

from .layout import BOX_PAD_Y, FONT_SIZE, HEAD_FONT_SIZE, HEAD_LINE_HEIGHT, LINE_HEIGHT, DiagramGeometry
from .notes_strip import CARD_PAD_X, CARD_PAD_Y, HEADING, HEADING_HEIGHT, STRIP_GAP
from .svg import (
    BAND_FILLS,
    BAND_RADIUS,
    BOX_STROKE,
    HEADING_FILL_DEFAULT,
    HEADING_FILLS,
    HEADING_TEXT,
    NOTE_FILL,
    RADIUS,
    TEXT,
    Highlight,
    baseline,
    box_style,
    link_style,
    split_highlight,
)
from .typst_render import compile_document, template

# A picture of more pixels than this is drawn at a smaller scale: typst rasterises about 8 million pixels a second
# here, and a model of 500 elements at 2 pixels a unit would be 80 million. At this budget its text is still 9 pixels
# high; the SVG and the PDF draw it at any size.
MAX_PNG_PIXELS = 6_000_000
PNG_SOURCE = """#import "diagram.typ": draw
#let d = json("data.json")
#set page(width: d.frame.width * 1pt, height: d.frame.height * 1pt, margin: 0pt, fill: white)
#draw(d.frame, d.boxes, d.links, 1pt, 0, d.frame.height)
"""
# The SVG arrow marker (a 10-unit triangle drawn 9 units long, its tip 0.45 beyond the end of the line).
ARROW_TIP, ARROW_BACK, ARROW_HALF = 0.45, 8.55, 3.78


def _opacity(value: str) -> float:
    return float(value) if value else 1.0


def frame(geometry: DiagramGeometry) -> dict:
    """What every page of the diagram shares: its size, the column bands and their heading bars."""
    return {
        "width": geometry.width,
        "height": geometry.height,
        "band_height": geometry.band_bottom - geometry.top,
        "note_pad": CARD_PAD_X,
        "top": geometry.top,
        "head_height": geometry.head_height,
        "font_size": FONT_SIZE,
        "line_height": LINE_HEIGHT,
        "head_font_size": HEAD_FONT_SIZE,
        "radius": RADIUS,
        "band_radius": BAND_RADIUS,
        "head_text": HEADING_TEXT,
        "columns": [
            {
                "x": c.x,
                "width": c.width,
                "band": BAND_FILLS[c.index % 2],
                "fill": HEADING_FILLS.get(c.key, HEADING_FILL_DEFAULT),
                "lines": [
                    [
                        baseline(
                            geometry.top + (geometry.head_height - len(c.lines) * HEAD_LINE_HEIGHT) / 2,
                            i,
                            HEAD_LINE_HEIGHT,
                            HEAD_FONT_SIZE,
                        ),
                        line,
                    ]
                    for i, line in enumerate(c.lines)
                ],
            }
            for c in geometry.columns
        ],
    }


def items(geometry: DiagramGeometry, highlight: Highlight = None) -> tuple[list[dict], list[dict]]:
    """The boxes and the links to draw, each with its style and vertical extent (``top``, ``bottom``)."""
    keys, pairs = split_highlight(highlight)
    emphasis = bool(keys or pairs)
    boxes = []
    for box in geometry.boxes.values():
        _, fill, stroke, stroke_width, text_fill, opacity = box_style(box.key in keys, emphasis)
        boxes.append(
            {
                "x": box.x,
                "y": box.y,
                "w": box.width,
                "h": box.height,
                "top": box.y,
                "bottom": box.bottom,
                "fill": fill,
                "stroke": stroke,
                "stroke_width": float(stroke_width),
                "opacity": _opacity(opacity),
                "text": text_fill,
                "lines": [
                    [baseline(box.y + BOX_PAD_Y, i, LINE_HEIGHT, FONT_SIZE), line] for i, line in enumerate(box.lines)
                ],
            }
        )
    boxes += notes(geometry)
    links = []
    for link in sorted(geometry.links, key=lambda lk: (lk.source, lk.target) in pairs):
        _, colour, stroke_width, opacity = link_style((link.source, link.target) in pairs, emphasis)
        last = link.pieces[-1]
        direction = 1 if link.x2 >= last[4] else -1
        back = link.x2 - direction * ARROW_BACK
        ys = [y for piece in link.pieces for y in piece[1::2]]
        links.append(
            {
                "start": [link.x1, link.y1],
                "pieces": [[[p[2], p[3]], [p[4], p[5]], [p[6], p[7]]] for p in link.pieces],
                "arrow": [
                    [link.x2 + direction * ARROW_TIP, link.y2],
                    [back, link.y2 - ARROW_HALF],
                    [back, link.y2 + ARROW_HALF],
                ],
                "top": min(ys) - ARROW_HALF,
                "bottom": max(ys) + ARROW_HALF,
                "colour": colour,
                "stroke_width": float(stroke_width),
                "opacity": _opacity(opacity),
            }
        )
    return boxes, links


def notes(geometry: DiagramGeometry) -> list[dict]:
    """The assumptions strip as boxes: its heading (a box without border, its text on the left) and the cards."""
    if not geometry.notes:
        return []
    top = geometry.notes_top + STRIP_GAP
    drawn = [
        {
            "x": geometry.notes[0].x,
            "y": top,
            "w": geometry.width,
            "h": HEADING_HEIGHT,
            "top": top,
            "bottom": top + HEADING_HEIGHT,
            "fill": "#ffffff",
            "stroke": "#ffffff",
            "stroke_width": 0.0,
            "opacity": 1.0,
            "text": TEXT,
            "align": "left",
            "bold": True,
            "lines": [[baseline(top, 0, HEADING_HEIGHT, HEAD_FONT_SIZE), HEADING]],
        }
    ]
    for note in geometry.notes:
        drawn.append(
            {
                "x": note.x,
                "y": note.y,
                "w": note.width,
                "h": note.height,
                "top": note.y,
                "bottom": note.bottom,
                "fill": NOTE_FILL,
                "stroke": BOX_STROKE,
                "stroke_width": 1.25,
                "opacity": 1.0,
                "text": TEXT,
                "align": "left",
                "lines": [
                    [baseline(note.y + CARD_PAD_Y, i, LINE_HEIGHT, FONT_SIZE), text]
                    for i, text in enumerate(note.lines)
                ],
            }
        )
    return drawn


class Window:
    """The items that show between two heights, found by bisection so that cutting a tall diagram into pages takes
    time in proportion to what each page shows, not to the whole diagram. Items keep their drawing order."""

    def __init__(self, drawn: list[dict]) -> None:
        self.drawn = sorted(enumerate(drawn), key=lambda pair: pair[1]["top"])
        self.tops = [item["top"] for _, item in self.drawn]
        self.tallest = max((item["bottom"] - item["top"] for item in drawn), default=0.0)

    def between(self, top: float, bottom: float) -> list[dict]:
        start, end = bisect_left(self.tops, top - self.tallest), bisect_right(self.tops, bottom)
        return [item for _, item in sorted(pair for pair in self.drawn[start:end] if pair[1]["bottom"] > top)]

    def crossing(self, y: float) -> int:
        """How many items a horizontal cut at ``y`` would cut through."""
        start, end = bisect_left(self.tops, y - self.tallest), bisect_left(self.tops, y)
        return sum(1 for _, item in self.drawn[start:end] if item["bottom"] > y)


def png(geometry: DiagramGeometry, highlight: Highlight = None, scale: float = 2.0) -> bytes:
    """The diagram as PNG bytes, ``scale`` pixels per unit, or fewer when that would pass ``MAX_PNG_PIXELS``."""
    scale = min(scale, math.sqrt(MAX_PNG_PIXELS / (geometry.width * geometry.height)))
    boxes, links = items(geometry, highlight)
    result = compile_document(
        PNG_SOURCE,
        data={"frame": frame(geometry), "boxes": boxes, "links": links},
        files={"diagram.typ": template("diagram.typ")},
        format="png",
        ppi=72 * scale,
    )
    return result[0] if isinstance(result, list) else result


def links_by_page(links: list[dict], cuts: list[float]) -> list[list[dict]]:
    """The links to draw on each page of a diagram cut at ``cuts`` (from 0 to its height), in drawing order.

    A link is drawn on every page it crosses if it spans two pages at most; a longer one only on the pages that
    hold its ends. A line through many pages could not be followed, drawing it on each made the PDF grow with
    pages x links, and the lists after the diagram name every link.
    """
    pages: list[list[dict]] = [[] for _ in cuts[1:]]

    def page_of(y: float) -> int:
        return min(max(bisect_right(cuts, y) - 1, 0), len(pages) - 1)

    for link in links:
        first, last = page_of(link["top"]), page_of(link["bottom"])
        ends = {page_of(link["start"][1]), page_of(link["pieces"][-1][-1][1])}
        for page in range(first, last + 1) if last - first < 2 else sorted(ends):
            pages[page].append(link)
    return pages
