"""A support programme's report for a period as PDF (typst, PDF/UA-1) and DOCX (python-docx), from plain data.

``data`` holds strings, numbers and lists only: title, period, produced, footer,
sections [{heading, tables [{title, header [str], rows [[str | number | None]], chart (bool)}]}].
A table whose ``chart`` is true and that has rows gets a bar chart of its last column, with alt text, before it;
the table itself always follows, so every chart has its data beside it.
"""

from __future__ import annotations

import io
from typing import Any

from docx.shared import Mm

from .docx_export import _table, a4_document
from .progress_chart import bar_svg
from .text import clean_data
from .typst_render import compile_document, svg_to_png, template

CHART_WIDTH = 520
EMPTY = "Nothing in this period."


def _cell(value: Any) -> str:
    if value is None:
        return "–"
    if isinstance(value, float) and value.is_integer():
        return f"{int(value):,}"
    return f"{value:,}" if isinstance(value, int | float) else str(value)


def _chart(table: dict) -> tuple[str, str, int] | None:
    """(svg, alt, height) of a table's bar chart, or None when it has none."""
    if not table["chart"] or not table["rows"]:
        return None
    # Hours are decimals: the bars take any number, whatever bar_svg's hint says.
    items: list[tuple[str, Any]] = [(str(row[0]), row[-1]) for row in table["rows"] if isinstance(row[-1], int | float)]
    if not items:
        return None
    svg = bar_svg(title=table["title"], items=items, width=CHART_WIDTH)
    height = int(svg.split('height="', 1)[1].split('"', 1)[0])
    return svg, f"Bar chart of {table['title'].lower()}. The table that follows gives the same values.", height


def _shape(data: dict) -> tuple[dict, dict[str, str | bytes]]:
    files: dict[str, str | bytes] = {}
    sections = []
    for s, section in enumerate(data["sections"], start=1):
        tables = []
        for t, table in enumerate(section["tables"], start=1):
            drawn = _chart(table)
            item = {
                "title": table["title"],
                "header": table["header"],
                "rows": [[_cell(v) for v in row] for row in table["rows"]],
                "chart": None,
                "alt": "",
            }
            if drawn:
                item["chart"] = f"chart-{s}-{t}.svg"
                files[item["chart"]], item["alt"], _ = drawn
            tables.append(item)
        sections.append({"heading": section["heading"], "tables": tables})
    return {**data, "sections": sections, "empty": EMPTY}, files


def pdf(data: dict) -> bytes:
    """An A4 PDF, tagged to PDF/UA-1 with its title and language set; every chart has alt text and a table."""
    shaped, files = _shape(clean_data(data))
    return compile_document(template("programme_report.typ"), data=shaped, files=files, pdf_standards=["ua-1"])


def docx(data: dict) -> bytes:
    data = clean_data(data)
    document = a4_document()
    document.core_properties.title = data["title"]
    document.add_heading(data["title"], level=0)
    document.add_paragraph(data["period"])
    document.add_paragraph(data["produced"])
    for section in data["sections"]:
        document.add_heading(section["heading"], level=1)
        for table in section["tables"]:
            document.add_heading(table["title"], level=2)
            if not table["rows"]:
                document.add_paragraph(EMPTY)
                continue
            drawn = _chart(table)
            if drawn:
                svg, alt, height = drawn
                document.add_picture(io.BytesIO(svg_to_png(svg, CHART_WIDTH, height)), width=Mm(130))
                # Alternative text for screen readers lives on the drawing's docPr element.
                document.inline_shapes[-1]._inline.docPr.set("descr", alt)
            columns = len(table["header"])
            first = 170 - 30 * (columns - 1) if columns > 1 else 170
            _table(
                document,
                table["title"],
                table["header"],
                [[_cell(v) for v in row] for row in table["rows"]],
                [first, *[30] * (columns - 1)],
            )
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
