"""A project's impact report as PDF (typst, PDF/UA-1) and DOCX (python-docx), from plain data.

``data`` holds strings and lists only: title, project, footer, produced,
questions [{focus, text, methods, data_sources, timing}],
indicators [{name, unit, baseline, final_target, latest, status, facts [(label, value)],
             rows [{label, target, actual}], chart {labels, actuals, targets, baseline} (numbers or None) or None}],
feedback [{title, responses, questions [{text, answered, counts [{option, count, share}]}]}],
claims [{title, facts [(label, value)], evidence [str]}], learning [{date, facts [(label, value)]}].
"""

from __future__ import annotations

import io

from docx.shared import Mm

from .docx_export import _table, a4_document
from .progress_chart import progress_svg
from .text import clean_data
from .typst_render import compile_document, svg_to_png, template

CHART_WIDTH, CHART_HEIGHT = 720, 340


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


def docx(data: dict) -> bytes:
    data = clean_data(data)  # what was stored before text was cleaned at the boundary
    document = a4_document()
    document.core_properties.title = data["title"]
    document.core_properties.subject = data["project"]
    document.add_paragraph(data["project"])
    document.add_heading(data["title"], level=0)
    document.add_paragraph(data["produced"])

    document.add_heading("Evaluation questions", level=1)
    if data["questions"]:
        _table(
            document,
            "Evaluation questions",
            ["Question", "Methods", "Data sources", "When"],
            [[f"{q['focus']}: {q['text']}", q["methods"], q["data_sources"], q["timing"]] for q in data["questions"]],
            [60, 40, 40, 30],
        )
    else:
        document.add_paragraph("No evaluation questions recorded.")

    document.add_heading("Indicators", level=1)
    if data["indicators"]:
        _table(
            document,
            "Indicators with their status",
            ["Indicator", "Baseline", "Final target", "Latest", "Status"],
            [[i["name"], i["baseline"], i["final_target"], i["latest"], i["status"]] for i in data["indicators"]],
            [60, 25, 30, 30, 25],
        )
    else:
        document.add_paragraph("No indicators defined.")
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
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
