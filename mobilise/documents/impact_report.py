"""A project's impact report as PDF (typst, PDF/UA-1) and DOCX (python-docx), from plain data.

``data`` holds strings and lists only: title, project, footer, produced,
logic_model {model (logic_model.diagram_svg's data) or None, marked [element key], note},
engagement {facts [(label, value)], by_kind [{kind, count}]},
workshops [{title, date, invited, accepted, attended, decisions [str]}],
sendings [{output, kind, date, channel, to}],
questions [{focus, text, methods, data_sources, timing}],
indicators [{name, unit, baseline, final_target, latest, status, facts [(label, value)],
             rows [{label, target, actual}], chart {labels, actuals, targets, baseline} (numbers or None) or None}],
feedback [{title, responses, questions [{text, answered, counts [{option, count, share}], texts [str], more}]}],
claims [{title, facts [(label, value)], evidence [str]}], learning [{date, facts [(label, value)]}].
"""

from __future__ import annotations

import html
import io
import math
import re
from collections.abc import Sequence
from typing import Any

from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.shared import Mm

from .diagram_typst import MAX_PNG_PIXELS
from .docx_export import _table, a4_document, headed_table
from .logic_model import diagram_svg
from .progress_chart import progress_svg
from .text import clean_data
from .typst_render import compile_document, svg_to_png, template

CHART_WIDTH, CHART_HEIGHT = 720, 340
# Room for the logic model on the first page, below the report's title and the section heading, in mm:
# (portrait, landscape) as (width, height), for the PDF and for the DOCX (whose margins differ).
PDF_ROOM = ((174, 215), (261, 128))
DOCX_ROOM = ((170, 190), (257, 104))
_SIZE = re.compile(r'viewBox="0 0 ([0-9.]+) ([0-9.]+)"')
_DESCRIPTION = re.compile(r"<desc[^>]*>(.*?)</desc>", re.S)


def _logic_model_svg(model: dict, marked: Sequence[str]) -> str:
    """The logic model with the outcomes that have evidence of impact (``marked``, element keys) ticked."""
    return diagram_svg(model, marked=set(marked))


def _diagram(logic_model: dict, room: tuple[tuple[float, float], ...]) -> dict[str, Any] | None:
    """{svg, alt, size (width, height in SVG units), landscape, width_mm} of the logic model drawn as large as the
    first page allows, in whichever orientation draws it larger; None when the report leaves it out."""
    if logic_model["model"] is None:
        return None
    svg = _logic_model_svg(logic_model["model"], logic_model["marked"])
    size = _SIZE.search(svg)
    description = _DESCRIPTION.search(svg)
    if size is None or description is None:
        raise ValueError("The logic model diagram has no size or description")
    width, height = float(size.group(1)), float(size.group(2))
    scales = [min(w / width, h / height) for w, h in room]
    landscape = scales[1] > scales[0]
    alt = html.unescape(description.group(1)) + " The logic model export lists every element and link in words."
    return {
        "svg": svg,
        "alt": alt,
        "size": (width, height),
        "landscape": landscape,
        "width_mm": round(width * max(scales), 1),
    }


def _chart(indicator):
    """(svg, alt) of an indicator's progress, or None when it has no periods."""
    chart = indicator["chart"]
    if chart is None:
        return None
    title = f"{indicator['name']}: actual against target by period"
    svg = progress_svg(
        title=title,
        unit=indicator["unit"],
        labels=chart["labels"],
        actuals=chart["actuals"],
        targets=chart["targets"],
        baseline=chart["baseline"],
        width=CHART_WIDTH,
        height=CHART_HEIGHT,
    )
    return svg, f"Chart of {title}. The table that follows gives the same values."


def _shape(data):
    shaped = {**data, "indicators": []}
    files = {}
    drawn = _diagram(data["logic_model"], PDF_ROOM)
    shaped["logic_model"] = {"note": data["logic_model"]["note"], "diagram": None, "landscape": False}
    if drawn:
        files["logic-model.svg"] = drawn["svg"]
        shaped["logic_model"].update(
            diagram="logic-model.svg", alt=drawn["alt"], landscape=drawn["landscape"], width=drawn["width_mm"]
        )
    shaped["engagement"] = {**data["engagement"], "facts": [list(f) for f in data["engagement"]["facts"]]}
    for number, indicator in enumerate(data["indicators"], start=1):
        drawn = _chart(indicator)
        item = {**indicator, "facts": [list(f) for f in indicator["facts"]], "chart": None, "alt": ""}
        if drawn:
            item["chart"] = f"indicator-{number}.svg"
            files[item["chart"]], item["alt"] = drawn
        shaped["indicators"].append(item)
    shaped["claims"] = [{**c, "facts": [list(f) for f in c["facts"]]} for c in data["claims"]]
    shaped["learning"] = [{**e, "facts": [list(f) for f in e["facts"]]} for e in data["learning"]]
    return shaped, files


def pdf(data: dict) -> bytes:
    """An A4 PDF, tagged to PDF/UA-1 with its title and language set; every chart has alt text and a table."""
    data = clean_data(data)  # what was stored before text was cleaned at the boundary
    shaped, files = _shape(data)
    return compile_document(template("impact_report.typ"), data=shaped, files=files, pdf_standards=["ua-1"])


def _facts(document, facts):
    for label, value in facts:
        p = document.add_paragraph()
        p.add_run(f"{label}: ").bold = True
        p.add_run(value)


def _picture(document, png, alt, width_mm):
    document.add_picture(io.BytesIO(png), width=Mm(width_mm))
    # Alternative text for screen readers lives on the drawing's docPr element.
    document.inline_shapes[-1]._inline.docPr.set("descr", alt)


def _orient(section: Any, landscape: bool) -> None:
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = (Mm(297), Mm(210)) if landscape else (Mm(210), Mm(297))


def _logic_model_docx(document: DocxDocument, logic_model: dict) -> None:
    """The diagram as a picture on the first page, which turns to landscape when that draws it larger."""
    document.add_heading("Logic model", level=1)
    drawn = _diagram(logic_model, DOCX_ROOM)
    if drawn is None:
        document.add_paragraph(logic_model["note"])
        return
    width, height = drawn["size"]
    scale = min(2.0, math.sqrt(MAX_PNG_PIXELS / (width * height)))
    _picture(document, svg_to_png(drawn["svg"], width, height, scale=scale), drawn["alt"], drawn["width_mm"])
    if drawn["landscape"]:
        _orient(document.sections[0], True)
        _orient(document.add_section(WD_SECTION.NEW_PAGE), False)


def _engagement_docx(document: DocxDocument, data: dict) -> None:
    document.add_heading("Engagement", level=1)
    _facts(document, data["engagement"]["facts"])
    if data["engagement"]["by_kind"]:
        _table(
            document,
            "Interactions by kind",
            ["Kind of interaction", "Interactions"],
            [[k["kind"], k["count"]] for k in data["engagement"]["by_kind"]],
            [120, 50],
        )

    headed_table(
        document,
        "Workshops",
        "Workshops with who was invited, who said they were coming and who came",
        ["Workshop", "Date", "Invited", "Coming", "Attended"],
        [[w["title"], w["date"], w["invited"], w["accepted"], w["attended"]] for w in data["workshops"]],
        [65, 30, 22, 22, 31],
        empty="No workshops.",
    )
    for workshop in data["workshops"]:
        if workshop["decisions"]:
            document.add_paragraph().add_run(f"Decisions at {workshop['title']} ({workshop['date']})").bold = True
            for decision in workshop["decisions"]:
                document.add_paragraph(decision, style="List Bullet")

    headed_table(
        document,
        "Outputs sent and to whom",
        "Outputs sent, newest first, with who received them",
        ["Output", "Sent on", "Channel", "Sent to"],
        [[f"{s['output']} ({s['kind']})", s["date"], s["channel"], s["to"]] for s in data["sendings"]],
        [50, 28, 27, 65],
        empty="No outputs sent yet.",
    )


def _questions_and_indicators_docx(document: DocxDocument, data: dict) -> None:
    headed_table(
        document,
        "Evaluation questions",
        "Evaluation questions",
        ["Question", "Methods", "Data sources", "When"],
        [[f"{q['focus']}: {q['text']}", q["methods"], q["data_sources"], q["timing"]] for q in data["questions"]],
        [60, 40, 40, 30],
        empty="No evaluation questions recorded.",
    )
    headed_table(
        document,
        "Indicators",
        "Indicators with their status",
        ["Indicator", "Baseline", "Final target", "Latest", "Status"],
        [[i["name"], i["baseline"], i["final_target"], i["latest"], i["status"]] for i in data["indicators"]],
        [60, 25, 30, 30, 25],
        empty="No indicators defined.",
    )
    for indicator in data["indicators"]:
        document.add_heading(indicator["name"], level=2)
        _facts(document, indicator["facts"])
        drawn = _chart(indicator)
        if drawn is None:
            document.add_paragraph("No reporting periods yet.")
            continue
        svg, alt = drawn
        _picture(document, svg_to_png(svg, CHART_WIDTH, CHART_HEIGHT), alt, 170)
        unit = indicator["unit"]
        _table(
            document,
            f"{indicator['name']}: values by period",
            ["Period", f"Target ({unit})", f"Actual ({unit})"],
            [[r["label"], r["target"], r["actual"]] for r in indicator["rows"]],
            [70, 50, 50],
        )


def _feedback_docx(document: DocxDocument, data: dict) -> None:
    document.add_heading("Feedback", level=1)
    if not data["feedback"]:
        document.add_paragraph("No feedback forms.")
    for form in data["feedback"]:
        document.add_heading(form["title"], level=2)
        document.add_paragraph(form["responses"])
        for q in form["questions"]:
            p = document.add_paragraph()
            p.add_run(q["text"]).bold = True
            p.add_run(f" {q['answered']}")
            if q["counts"]:
                _table(
                    document,
                    f"Answers to {q['text']}",
                    ["Answer", "Responses", "Share"],
                    [[c["option"], c["count"], c["share"]] for c in q["counts"]],
                    [110, 30, 30],
                )
            for text in q["texts"]:
                document.add_paragraph(text, style="List Bullet")
            if q["more"]:
                document.add_paragraph(q["more"])


def _claims_and_learning_docx(document: DocxDocument, data: dict) -> None:
    document.add_heading("Impact claims", level=1)
    if not data["claims"]:
        document.add_paragraph("No claims of impact recorded.")
    for claim in data["claims"]:
        document.add_heading(claim["title"], level=2)
        _facts(document, claim["facts"])
        document.add_paragraph().add_run("Corroborating evidence").bold = True
        for item in claim["evidence"] or ["None recorded yet."]:
            document.add_paragraph(item, style="List Bullet")

    document.add_heading("Learning log", level=1)
    if not data["learning"]:
        document.add_paragraph("Nothing in the learning log.")
    for entry in data["learning"]:
        document.add_heading(entry["date"], level=2)
        _facts(document, entry["facts"])


def docx(data: dict) -> bytes:
    data = clean_data(data)  # what was stored before text was cleaned at the boundary
    document = a4_document()
    document.core_properties.title = data["title"]
    document.core_properties.subject = data["project"]
    document.add_paragraph(data["project"])
    document.add_heading(data["title"], level=0)
    document.add_paragraph(data["produced"])
    _logic_model_docx(document, data["logic_model"])
    _engagement_docx(document, data)
    _questions_and_indicators_docx(document, data)
    _feedback_docx(document, data)
    _claims_and_learning_docx(document, data)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
