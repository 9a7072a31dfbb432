"""The one reader of uploaded tables: encodings, limits, clean text, formula-safe cells, and hostile workbooks."""

import io
import struct
import tracemalloc
import zipfile

import pytest
from openpyxl import Workbook

from mobilise.core import tables
from mobilise.core.tables import Problem, TableError, read_table, safe_cell
from mobilise.documents.text import clean_text


def xlsx(rows):
    wb = Workbook()
    for row in rows:
        wb.active.append(row)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def with_part(content, name, data):
    """The workbook with one part replaced (or added), written as the bytes given."""
    source = zipfile.ZipFile(io.BytesIO(content))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            if info.filename != name:
                target.writestr(info, source.read(info))
        target.writestr(name, data)
    return out.getvalue()


MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG = "http://schemas.openxmlformats.org/package/2006/relationships"
CT = "application/vnd.openxmlformats-officedocument.spreadsheetml"
SST = f'<sst xmlns="{MAIN}" count="2" uniqueCount="2">'


def excel_like(shared_strings=None):
    """A workbook laid out as Excel writes one: its text in xl/sharedStrings.xml, which the sheet refers to."""
    parts = {
        "[Content_Types].xml": '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        f'<Override PartName="/xl/workbook.xml" ContentType="{CT}.sheet.main+xml"/>'
        f'<Override PartName="/xl/worksheets/sheet1.xml" ContentType="{CT}.worksheet+xml"/>'
        f'<Override PartName="/xl/sharedStrings.xml" ContentType="{CT}.sharedStrings+xml"/></Types>',
        "_rels/.rels": f'<Relationships xmlns="{PKG}"><Relationship Id="rId1" '
        'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
        'Target="xl/workbook.xml"/></Relationships>',
        "xl/workbook.xml": f'<workbook xmlns="{MAIN}" xmlns:r="{REL}"><sheets>'
        '<sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>',
        "xl/_rels/workbook.xml.rels": f'<Relationships xmlns="{PKG}">'
        f'<Relationship Id="rId1" Type="{REL}/worksheet" Target="worksheets/sheet1.xml"/>'
        f'<Relationship Id="rId2" Type="{REL}/sharedStrings" Target="sharedStrings.xml"/></Relationships>',
        "xl/worksheets/sheet1.xml": f'<worksheet xmlns="{MAIN}"><sheetData>'
        '<row r="1"><c r="A1" t="s"><v>0</v></c></row><row r="2"><c r="A2" t="s"><v>1</v></c></row>'
        "</sheetData></worksheet>",
        "xl/sharedStrings.xml": shared_strings or f"{SST}<si><t>Name</t></si><si><t>hello</t></si></sst>",
    }
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return out.getvalue()


WORKBOOK = excel_like()


def refused(name, content):
    with pytest.raises(TableError) as caught:
        read_table(name, content)
    return caught.value.message


# --- encodings ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "content",
    [
        "Name,Town\r\nZoë,Llanelli\r\n".encode(),
        "\ufeffName,Town\r\nZoë,Llanelli\r\n".encode(),
        "Name,Town\r\nZoë,Llanelli\r\n".encode("cp1252"),
        "\ufeffName\tTown\r\nZoë\tLlanelli\r\n".encode("utf-16-le"),  # Excel's "Unicode text"
        "\ufeffName\tTown\r\nZoë\tLlanelli\r\n".encode("utf-16-be"),
    ],
    ids=["utf-8", "utf-8 with BOM", "cp1252", "utf-16-le", "utf-16-be"],
)
def test_encodings(content):
    assert read_table("a.csv", content) == (["Name", "Town"], [["Zoë", "Llanelli"]])


def test_text_that_is_no_known_encoding_is_explained():
    assert "could not be read" in refused("a.csv", b"Name\r\n\x81\x8d\x8f\r\n")


# --- limits ------------------------------------------------------------------------------------------------------


def test_size_rows_and_text_limits(monkeypatch):
    assert "smaller than 20 MB" in refused("a.csv", b"Name\n" + b"x" * tables.MAX_BYTES)
    monkeypatch.setattr(tables, "MAX_ROWS", 3)
    assert read_table("a.csv", b"Name\n1\n2\n3\n").rows == [["1"], ["2"], ["3"]]
    assert "more than 3 rows" in refused("a.csv", b"Name\n1\n2\n3\n4\n")
    assert "more than 3 rows" in refused("a.xlsx", xlsx([["Name"], [1], [2], [3], [4]]))
    monkeypatch.setattr(tables, "MAX_TEXT", 10)
    assert "more than 10 characters of text" in refused("a.csv", b"Name\n1234567\n")


def test_empty_and_headings_only():
    assert refused("a.csv", b"  \r\n") == "The file is empty"
    assert "no values below them" in str(pytest.raises(TableError, read_table, "a.csv", b"Period\n", "values").value)


# --- clean text --------------------------------------------------------------------------------------------------


def test_clean_text():
    assert clean_text("plain text, tabs\tand\r\nbreaks") == "plain text, tabs\tand\r\nbreaks"
    assert clean_text("Carers\x0bforum\x0cnotes") == "Carers\nforum\nnotes"  # Word's line and page breaks
    assert clean_text("a\x00b\x01c\x1fd\x7fe\ud800f\uffffg") == "abcdefg"


def test_nul_bytes_early_mean_a_binary_file_later_are_cleaned():
    assert "not a CSV text file" in refused("a.csv", b"Name\r\nx\x00y\r\n")
    padding = b"".join(b"Row %d\r\n" % i for i in range(1000))  # past the first 4 KB
    headers, rows = read_table("a.csv", b"Name\r\n" + padding + b"Carers\x00 forum\x0b\r\n")
    assert rows[-1] == ["Carers forum"]
    assert not any(c in cell for row in rows for cell in row for c in "\x00\x0b")


def test_control_characters_in_cells_are_cleaned():
    assert read_table("a.csv", b'Name,Notes\r\nA\x01B,"one\x0btwo"\r\n').rows == [["AB", "one\ntwo"]]
    assert read_table("a.xlsx", xlsx([["Name", "Notes"], ["A", 1.0]])).rows == [["A", "1"]]


# --- formula-safe cells ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("value", ["=1+1", "+44 1234", "-5", "@SUM(A1)", "\tx", "\rx", "\x00=HYPERLINK(1)"])
def test_safe_cell_neutralises_formulas(value):
    cell = safe_cell(value)
    assert cell.startswith("'") and "\x00" not in cell


def test_safe_cell_leaves_other_values():
    assert [safe_cell(v) for v in ("Jo Bloggs", 5, None, 2.5, "a=b")] == ["Jo Bloggs", 5, None, 2.5, "a=b"]
    assert safe_cell("line\x0bbreak") == "line\nbreak"


# --- problems ----------------------------------------------------------------------------------------------------


def test_problem_convention():
    problems = [Problem(3, "the period is blank"), Problem(3, "the value is blank"), Problem(7, "bad")]
    assert problems[0] == (3, "the period is blank")  # a pair, so it unpacks and compares as one
    assert str(problems[2]) == "Row 7: bad"
    assert tables.problem_rows(problems) == 2
    error = TableError("2 rows have problems", problems)
    assert (error.message, error.problems, str(error)) == ("2 rows have problems", problems, "2 rows have problems")
    assert TableError("The file is empty").problems == []


# --- hostile workbooks -------------------------------------------------------------------------------------------


def test_a_zip_bomb_is_refused_before_memory_grows():
    """A 300 KB workbook whose one shared string unpacks to 300 MB (the attack of issue 14)."""
    out = io.BytesIO()
    source = zipfile.ZipFile(io.BytesIO(WORKBOOK))
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as target:
        for info in source.infolist():
            if info.filename != "xl/sharedStrings.xml":
                target.writestr(info, source.read(info))
        with target.open("xl/sharedStrings.xml", "w") as part:
            part.write(f"{SST}<si><t>".encode())
            chunk = b"A" * (1024 * 1024)
            for _ in range(300):
                part.write(chunk)
            part.write(b"</t></si></sst>")
    content = out.getvalue()
    assert len(content) < 2 * 1024 * 1024
    tracemalloc.start()
    try:
        message = refused("bomb.xlsx", content)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert "unpacks to far more data" in message
    assert peak < 10 * 1024 * 1024


def test_a_workbook_too_big_unpacked_is_refused(monkeypatch):
    monkeypatch.setattr(tables, "MAX_UNPACKED", 1000)
    assert "unpacks to far more data" in refused("a.xlsx", WORKBOOK)


def test_a_workbook_that_lies_about_its_sizes_unpacks_no_more_than_it_declares():
    data = f"{SST}<si><t>{'A' * 5_000_000}</t></si></sst>".encode()
    content = bytearray(with_part(WORKBOOK, "xl/sharedStrings.xml", data))
    name = b"xl/sharedStrings.xml"  # declared 2,000 bytes in the local and the central header
    for signature, offset in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        start = 0
        while (start := content.find(signature, start)) != -1:
            name_at = start + (30 if signature == b"PK\x03\x04" else 46)
            if content[name_at : name_at + len(name)] == name:
                struct.pack_into("<I", content, start + offset, 2000)
            start += 4
    assert "not an Excel workbook that can be read" in refused("liar.xlsx", bytes(content))


BILLION_LAUGHS = (
    '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    + "".join(f'<!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10 if i else "&lol;" * 10}">' for i in range(10))
    + f"]>{SST}<si><t>&lol9;</t></si></sst>"
)
XXE = f'<?xml version="1.0"?><!DOCTYPE sst [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>{SST}<si><t>&xxe;</t></si></sst>'
NESTED = (
    '<?xml version="1.0"?><!DOCTYPE sst [<!ENTITY e0 "x">'
    + "".join(f'<!ENTITY e{i} "&e{i - 1};">' for i in range(1, 100_000))
    + f"]>{SST}<si><t>&e99999;</t></si></sst>"
)


@pytest.mark.parametrize(
    "part, data",
    [
        ("xl/sharedStrings.xml", BILLION_LAUGHS.encode()),
        ("xl/sharedStrings.xml", XXE.encode()),
        ("xl/sharedStrings.xml", NESTED.encode()),
        ("xl/sharedStrings.xml", XXE.replace('"1.0"', '"1.0" encoding="UTF-16"').encode("utf-16")),
        ("xl/workbook.xml", XXE.encode()),
        ("[Content_Types].xml", BILLION_LAUGHS.encode()),
        ("xl/worksheets/sheet1.xml", b'<!DOCTYPE x [<!ENTITY a "b">]><x/>'),
    ],
    ids=["billion laughs", "xxe", "nested chain", "utf-16 xxe", "workbook part", "content types", "sheet"],
)
def test_entity_declarations_are_refused_in_every_part(part, data):
    message = refused("attack.xlsx", with_part(WORKBOOK, part, data))
    assert "XML declarations (a DOCTYPE)" in message


@pytest.mark.parametrize(
    "part, data",
    [
        (  # breaks after the prolog, while openpyxl streams the rows
            "xl/worksheets/sheet1.xml",
            b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1">'
            b'<c r="A1" t="inlineStr"><is><t>unclosed',
        ),
        ("xl/workbook.xml", b"<?xml version='1.0' encoding='no-such-encoding'?><workbook/>"),
        ("xl/workbook.xml", b"<workbook>" + b"<a>" * 50_000),  # nesting deeper than the parser takes
    ],
)
def test_broken_xml_parts_are_explained_not_500(part, data):
    assert "not an Excel workbook that can be read" in refused("broken.xlsx", with_part(WORKBOOK, part, data))


def test_too_many_parts_are_refused(monkeypatch):
    monkeypatch.setattr(tables, "MAX_MEMBERS", 3)
    assert "not an Excel workbook that can be read" in refused("many.xlsx", WORKBOOK)


def test_images_and_other_binary_parts_are_left_to_openpyxl():
    content = with_part(WORKBOOK, "xl/media/image1.png", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 10)
    assert read_table("pictures.xlsx", content) == (["Name"], [["hello"]])
