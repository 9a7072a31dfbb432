"""headed_table: the one way the DOCX exports (logic model, impact report, workshop) write a section of a table."""

import pytest

from mobilise.documents.docx_export import a4_document, headed_table

pytestmark = pytest.mark.engine_neutral


def body(document):
    """(style, text) of each paragraph, and ("table", first cells) of each table, in order."""
    out = []
    for block in document.element.body.iterchildren():
        tag = block.tag.rsplit("}", 1)[-1]
        if tag == "p":
            paragraph = next(p for p in document.paragraphs if p._p is block)
            out.append((paragraph.style.name, paragraph.text))
        elif tag == "tbl":
            table = next(t for t in document.tables if t._tbl is block)
            out.append(("table", [[cell.text for cell in row.cells] for row in table.rows]))
    return out


def test_rows_give_the_heading_then_the_table():
    document = a4_document()
    headed_table(
        document, "Actions", "Open actions", ["Action", "Due"], [["Call Ann", "1 May"]], [100, 70], empty="None."
    )
    blocks = body(document)
    assert blocks[0] == ("Heading 1", "Actions")
    assert blocks[1] == ("table", [["Action", "Due"], ["Call Ann", "1 May"]])
    assert document.tables[0]._tbl.tblPr.xpath("./w:tblCaption/@w:val") == ["Open actions"]
    assert ("Normal", "None.") not in blocks


def test_no_rows_give_the_heading_then_the_sentence_at_the_level_asked():
    document = a4_document()
    headed_table(document, "Actions", "Open actions", ["Action", "Due"], [], [100, 70], empty="None.", level=2)
    assert body(document) == [("Heading 2", "Actions"), ("Normal", "None.")]
    assert not document.tables
