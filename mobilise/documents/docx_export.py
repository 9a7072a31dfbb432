"""Word (DOCX) export of a logic model with python-docx: plain tables that paste cleanly into grant forms."""

from __future__ import annotations

import copy
import datetime
import re
from collections.abc import Sequence
from typing import Any

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Mm, Pt, RGBColor
from docx.table import Table, _Cell

from .model import LogicModel

HEADING_COLOUR = RGBColor(0x00, 0x30, 0x87)
HEADER_SHADE = "E8EDEE"
_BREAKS = re.compile(r"(\t|\r\n|\n|\r)")


def _set_language(document: DocxDocument, language: str) -> None:
    """Mark the default text language (spell checking, screen readers) in the document's styles."""
    styles = document.styles.element
    targets = [document.styles["Normal"].element.get_or_add_rPr()]
    defaults = styles.find(qn("w:docDefaults"))
    if defaults is not None:
        run_defaults = defaults.find(qn("w:rPrDefault"))
        if run_defaults is not None and run_defaults.find(qn("w:rPr")) is not None:
            targets.append(run_defaults.find(qn("w:rPr")))
    for r_pr in targets:
        lang = r_pr.find(qn("w:lang"))
        if lang is None:
            lang = OxmlElement("w:lang")
            r_pr.append(lang)
        lang.set(qn("w:val"), language)
        lang.set(qn("w:eastAsia"), language)


def a4_document(language: str = "en-GB") -> DocxDocument:
    """A new portrait A4 document with 20 mm side margins and its text language set."""
    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    for side in ("left_margin", "right_margin"):
        setattr(section, side, Mm(20))
    _set_language(document, language)
    return document


def _describe_table(table: Table, caption: str) -> None:
    """Give a table alternative text (caption) and repeat its first row as a header on every page."""
    tbl_pr = table._tbl.tblPr
    element = OxmlElement("w:tblCaption")
    element.set(qn("w:val"), caption)
    tbl_pr.append(element)
    header = table.rows[0]._tr
    tr_pr = header.get_or_add_trPr()
    repeat = OxmlElement("w:tblHeader")
    repeat.set(qn("w:val"), "true")
    tr_pr.append(repeat)


def _shade(cell: _Cell, colour: str) -> None:
    tc_pr = cell._tc.get_or_add_tcPr()
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), colour)
    tc_pr.append(shading)


def _fill(paragraph: BaseOxmlElement, value: str) -> None:
    """Put ``value`` in an empty paragraph as one run, tabs and line breaks included, as python-docx's
    ``cell.text`` does."""
    if not value:
        return
    run = OxmlElement("w:r")
    for piece in _BREAKS.split(value):
        if piece == "\t":
            run.append(OxmlElement("w:tab"))
        elif piece in ("\n", "\r", "\r\n"):
            run.append(OxmlElement("w:br"))
        elif piece:
            text = OxmlElement("w:t")
            text.text = piece
            if piece != piece.strip():
                text.set(qn("xml:space"), "preserve")
            run.append(text)
    paragraph.append(run)


def _table(
    document: DocxDocument, caption: str, headings: list[str], rows: list[list[str]], widths_mm: Sequence[float]
) -> Table:
    table = document.add_table(rows=1, cols=len(headings))
    table.style = "Table Grid"
    table.autofit = False
    for cell, heading, width in zip(table.rows[0].cells, headings, widths_mm, strict=True):
        cell.width = Mm(width)
        run = cell.paragraphs[0].add_run(heading)
        run.bold = True
        _shade(cell, HEADER_SHADE)
    if rows:
        # One row is made through python-docx and copied for the rest: its cell-by-cell API took seconds for the
        # few thousand rows of the largest model.
        template = table.add_row()
        for cell, width in zip(template.cells, widths_mm, strict=True):
            cell.width = Mm(width)
        blank = template._tr
        table._tbl.remove(blank)
        for values in rows:
            tr = copy.deepcopy(blank)
            for tc, value in zip(tr.iterchildren(qn("w:tc")), values, strict=True):
                _fill(tc.find(qn("w:p")), value)
            table._tbl.append(tr)
    _describe_table(table, caption)
    document.add_paragraph()
    return table


def headed_table(
    document: DocxDocument,
    heading: str,
    caption: str,
    headings: list[str],
    rows: list[list[Any]],
    widths_mm: Sequence[float],
    *,
    empty: str,
    level: int = 1,
) -> None:
    """A section of a report: its heading, then its table, or the sentence `empty` when there are no rows."""
    document.add_heading(heading, level=level)
    if rows:
        _table(document, caption, headings, rows, widths_mm)
    else:
        document.add_paragraph(empty)


def build_docx(model: LogicModel, *, language: str, subtitle: str) -> DocxDocument:
    """A python-docx Document for ``model``."""
    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.orientation = WD_ORIENT.PORTRAIT
    for side in ("left_margin", "right_margin"):
        setattr(section, side, Mm(20))
    usable = 170

    properties = document.core_properties
    properties.title = model.title
    properties.subject = subtitle
    properties.language = language
    properties.keywords = "logic model; theory of change"
    properties.author = properties.last_modified_by = "Mobilise"
    properties.comments = ""
    properties.created = properties.modified = datetime.datetime.now(datetime.UTC).replace(microsecond=0)
    properties.revision = 1
    _set_language(document, language)
    normal = document.styles["Normal"]
    normal.font.name = "Arial"
    normal.font.size = Pt(11)
    for level in (1, 2, 3):
        document.styles[f"Heading {level}"].font.color.rgb = HEADING_COLOUR
    document.styles["Title"].font.color.rgb = HEADING_COLOUR

    document.add_heading(model.title, level=0)
    document.add_paragraph(subtitle)

    for label, text in (("Problem", model.problem), ("Context", model.context), ("Population", model.population)):
        blocks = [" ".join(b.split()) for b in text.split("\n\n") if b.strip()]
        if not blocks:
            continue
        document.add_heading(label, level=1)
        for block in blocks:
            document.add_paragraph(block)

    document.add_heading("Elements by column", level=1)
    for column in model.columns:
        headed_table(
            document,
            column.label,
            f"{column.label}: elements and descriptions",
            ["Element", "Description"],
            [[model.label(key), model.elements[key].description] for key in model.by_column[column.key]],
            [usable * 0.4, usable * 0.6],
            empty="No elements in this column.",
            level=2,
        )

    headed_table(
        document,
        "Assumptions and external factors",
        "Assumptions and external factors",
        ["Kind", "Statement", "About"],
        [[note.kind, note.text, note.about] for note in model.notes],
        [usable * 0.2, usable * 0.5, usable * 0.3],
        empty="None recorded.",
    )

    links = [
        [
            f"{model.label(link.source)} ({model.column_label(model.elements[link.source].column)})",
            f"{model.label(link.target)} ({model.column_label(model.elements[link.target].column)})",
            link.rationale,
        ]
        for link in model.links_in_reading_order()
    ]
    headed_table(
        document,
        "Links and their rationale",
        "Causal links and their rationale",
        ["From", "To", "Rationale"],
        links,
        [usable * 0.3, usable * 0.3, usable * 0.4],
        empty="No links recorded.",
    )
    return document
