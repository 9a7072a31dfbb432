"""Render a logic model (theory of change) given as plain data: SVG, PNG, PDF and DOCX, and pathways.

``data`` has the shape of the JSON export::

    {"title": ..., "problem": ..., "context": ..., "population": ...,
     "columns": [{"key": "inputs", "label": "Inputs"}, ...],          # causal columns, left to right
     "elements": [{"key": ..., "column": ..., "text": ..., "description": ..., "position": 0}, ...],
     "notes": [{"kind": "Assumption" | "External factor", "text": ..., "about": ...}, ...],
     "links": [{"source": key, "target": key, "rationale": ...}, ...]}

This module is a leaf: it imports nothing from other mobilise apps, so any app can export with it.
"""

from __future__ import annotations

import io
import logging
from collections.abc import Collection
from typing import Any

import typst
from django.utils import timezone

from . import diagram_typst
from .diagram_typst import Window
from .docx_export import build_docx
from .layout import DiagramGeometry, layout
from .model import LogicModel, normalise
from .pathways import find_pathways
from .svg import Highlight, render_svg
from .typst_render import compile_document, template

logger = logging.getLogger(__name__)

__all__ = ["diagram_png", "diagram_svg", "model_docx", "model_pdf", "pathways"]

LANGUAGE = "en-GB"
SUBTITLE = "Logic model (theory of change)"

# A4 landscape with the margins of templates/logic_model.typ, in millimetres.
PAGE_CONTENT_WIDTH_MM = 297 - 2 * 15
DIAGRAM_HEIGHT_MM = 210 - 14 - 17 - 22  # less the heading and the note under the picture
MAX_SHRINK = 1.2  # how much a slightly-too-tall diagram may be shrunk to stay on one page


def _prepare(data: dict | LogicModel) -> tuple[LogicModel, DiagramGeometry]:
    model = data if isinstance(data, LogicModel) else normalise(data)
    return model, layout(model)


def diagram_svg(
    data: dict | LogicModel, highlight: Highlight = None, title: str | None = None, marked: Collection[str] = ()
) -> str:
    """The logic model as a standalone, accessible SVG document (a string).

    ``highlight`` is an optional collection of element keys and ``(source, target)`` link pairs
    (for instance ``pathways(...)["elements"] | pathways(...)["links"]``): those are drawn in NHS blue
    and everything else is dimmed. ``title`` overrides the model title for the SVG ``<title>``. ``marked`` element
    keys (outcomes with evidence of impact) carry a green tick.
    """
    model, geometry = _prepare(data)
    return render_svg(model, geometry, highlight=highlight, title=title, marked=marked)


def pathways(data: dict | LogicModel, key: str) -> dict:
    """The pathways through element ``key``: everything upstream of it and everything downstream.

    Returns ``{"elements": set of keys, "links": set of (source, target), "complete": bool}``: every
    element that leads to ``key`` (inputs included) and every element it leads to, with the links on those
    walks (followed backwards to ``key`` and forwards from it). ``complete`` is True when an activity (or an
    input) leads to ``key`` and ``key`` leads on to an element of the impact column. Paths may pass round a
    feedback loop (cycles are safe). If the model has no "activities" or "impact" column, the first or last
    column stands in. Raises KeyError for an unknown key.
    """
    model = data if isinstance(data, LogicModel) else normalise(data)
    return find_pathways(model, str(key))


def diagram_png(data: dict | LogicModel, highlight: Highlight = None, scale: float = 2.0) -> bytes:
    """The diagram as PNG bytes, ``scale`` pixels per SVG unit (the SVG is 1280 units wide for 7 columns); a
    diagram so tall that the picture would pass ``diagram_typst.MAX_PNG_PIXELS`` is drawn smaller."""
    _, geometry = _prepare(data)
    return diagram_typst.png(geometry, highlight=highlight, scale=scale)


def _paragraphs(text: str) -> list[str]:
    blocks = [" ".join(block.split()) for block in text.replace("\r\n", "\n").split("\n\n")]
    return [block for block in blocks if block]


def _cuts(geometry: DiagramGeometry, boxes: Window) -> list[float]:
    """Heights at which to cut a diagram too tall for one page: page-high slices, each cut where it crosses the
    fewest boxes (just below a box), later pages leaving room for the repeated column headings."""
    mm_per_unit = PAGE_CONTENT_WIDTH_MM / geometry.width
    first_page = DIAGRAM_HEIGHT_MM / mm_per_unit
    later_pages = first_page - geometry.content_top
    cuts = [0.0]
    while geometry.height - cuts[-1] > (first_page if len(cuts) == 1 else later_pages):
        page = first_page if len(cuts) == 1 else later_pages
        low, high = cuts[-1] + 0.6 * page, cuts[-1] + page
        candidates = [high] + [
            box["bottom"] + 6 for box in boxes.between(low - 7, high - 6) if low <= box["bottom"] + 6 <= high
        ]
        cuts.append(min(candidates, key=lambda cut: (boxes.crossing(cut), -cut)))
    return [*cuts, geometry.height]


def _diagram_pages(model: LogicModel, geometry: DiagramGeometry) -> dict:
    """How the diagram goes onto A4 landscape pages: one page if it fits, else slices cut between boxes."""
    mm_per_unit = PAGE_CONTENT_WIDTH_MM / geometry.width
    height_mm = geometry.height * mm_per_unit
    alt = (
        f"Diagram of the logic model: {len(model.elements)} elements in {len(model.columns)} columns "
        f"({', '.join(c.label for c in model.columns)}) joined by {len(model.links)} causal links. "
        "Every element and link is listed after the diagram."
    )
    boxes, links = diagram_typst.items(geometry)
    info = {
        "frame": diagram_typst.frame(geometry),
        "heading": "Diagram",
        "note": "Read from left to right; arrows show the expected causal links. "
        "The lists that follow name every element and link.",
        "head_alt": "Column headings of the diagram, repeated.",
        "head_bottom": geometry.content_top - 4,
    }
    if height_mm <= DIAGRAM_HEIGHT_MM * MAX_SHRINK:
        info["width_mm"] = round(PAGE_CONTENT_WIDTH_MM / max(1.0, height_mm / DIAGRAM_HEIGHT_MM), 2)
        info["slices"] = [
            {"top": 0, "bottom": geometry.height, "alt": alt, "heading": "", "boxes": boxes, "links": links}
        ]
        return info

    box_window = Window(boxes)
    cuts = _cuts(geometry, box_window)
    page_links = diagram_typst.links_by_page(links, cuts)
    total = len(cuts) - 1
    info["width_mm"] = PAGE_CONTENT_WIDTH_MM
    info["slices"] = [
        {
            "top": top,
            "bottom": bottom,
            "alt": alt if i == 0 else f"Diagram of the logic model, part {i + 1} of {total}.",
            "heading": f"Diagram, part {i + 1} of {total}",
            "boxes": box_window.between(top, bottom),
            "links": page_links[i],
        }
        for i, (top, bottom) in enumerate(zip(cuts, cuts[1:], strict=False))
    ]
    info["heading"] = f"Diagram, part 1 of {total}"
    return info


def _pdf_data(model: LogicModel, geometry: DiagramGeometry) -> dict:
    today = timezone.localdate()
    return {
        "title": model.title,
        "subtitle": f"{SUBTITLE}. Produced on {today.day} {today:%B %Y}.",
        "footer": f"{model.title} \u2014 {SUBTITLE.lower()}",
        "sections": [
            {"label": label, "paragraphs": _paragraphs(text)}
            for label, text in (
                ("Problem", model.problem),
                ("Context", model.context),
                ("Population", model.population),
            )
            if _paragraphs(text)
        ],
        "diagram": _diagram_pages(model, geometry),
        "columns": [
            {
                "label": column.label,
                "elements": [
                    {"text": model.label(key), "description": model.elements[key].description}
                    for key in model.by_column[column.key]
                ],
            }
            for column in model.columns
        ],
        "notes": [{"kind": n.kind, "text": n.text, "about": n.about} for n in model.notes],
        "links": _links_by_source(model),
    }


def _links_by_source(model: LogicModel) -> list[dict]:
    """Each element that leads somewhere, named once, with the elements it leads to and why."""
    sources: list[dict] = []
    for link in model.links_in_reading_order():
        if not sources or sources[-1]["key"] != link.source:
            sources.append({"key": link.source, **_ending(model, link.source), "targets": []})
        sources[-1]["targets"].append({**_ending(model, link.target), "rationale": link.rationale})
    return sources


def _ending(model: LogicModel, key: str) -> dict:
    return {"name": model.label(key), "column": model.column_label(model.elements[key].column)}


def model_pdf(data: dict | LogicModel) -> bytes:
    """The logic model as an accessible A4 landscape PDF: title, problem, context and population,
    the diagram, the elements of each column, assumptions and external factors, and links with rationale.

    The PDF is tagged and conforms to PDF/UA-1 (typst checks it), with document title and language set.
    """
    model, geometry = _prepare(data)
    arguments: dict[str, Any] = {
        "data": _pdf_data(model, geometry),
        "files": {"diagram.typ": template("diagram.typ")},
        "format": "pdf",
    }
    try:
        return compile_document(template("logic_model.typ"), pdf_standards=["ua-1"], **arguments)
    except typst.TypstError as error:
        # PDF/UA-1 is stricter than typst's default tagged PDF; should some content ever fail
        # its checks, still deliver the (tagged) document rather than nothing.
        logger.warning("Logic model PDF is not PDF/UA-1 conformant (%s); exporting tagged PDF", error)
        return compile_document(template("logic_model.typ"), **arguments)


def model_docx(data: dict | LogicModel) -> bytes:
    """The logic model as a Word document, with one two-column table per causal column for pasting into forms."""
    model = data if isinstance(data, LogicModel) else normalise(data)
    buffer = io.BytesIO()
    build_docx(model, language=LANGUAGE, subtitle=SUBTITLE).save(buffer)
    return buffer.getvalue()
