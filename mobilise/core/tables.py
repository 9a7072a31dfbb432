"""The one reader of uploaded tables (CSV and XLSX), and the one way importers report problems.

`read_table` turns an upload into text headers and rows, or raises `TableError` with a message the user can act
on. Importers check rows themselves and report each problem as a `Problem(row, message)`, the row counted as in
the file (the headings are row 1); a `TableError` carries them when nothing can be imported. `safe_cell` and
`clean_text` make stored text safe to write into a spreadsheet, CSV or XML export.

Workbooks are hostile input: before openpyxl sees one, the zip's declared sizes are checked (Python's zipfile
never unpacks more than a member declares) and every XML part's prolog is read with entity declarations
refused, so neither a zip bomb nor an entity attack reaches a parser.
"""

import csv
import datetime
import io
import re
import zipfile
from collections.abc import Iterable, Sequence
from typing import IO, Any, NamedTuple
from xml.parsers import expat

from mobilise.documents.text import clean_text

MAX_BYTES = 20 * 1024 * 1024
MAX_ROWS = 100_000
MAX_TEXT = 50_000_000  # characters of cell text kept from one file, whatever it unpacks to
MAX_UNPACKED = 200 * 1024 * 1024  # bytes a workbook may unpack to, all parts together
MAX_RATIO = 100  # unpacked / packed size of one part; real workbooks stay under 30
RATIO_FLOOR = 1024 * 1024  # parts smaller than this unpack to little whatever their ratio
MAX_MEMBERS = 1000
SNIFF_BYTES = 4096

UNREADABLE_CSV = "The file's text could not be read. Save it as “CSV UTF-8” and upload it again."
NOT_CSV = "The file is not a CSV text file. Save it as CSV or as an Excel workbook (.xlsx)."
NOT_XLSX = "The file is not an Excel workbook that can be read. Save it again as .xlsx or as CSV and upload it again."
ZIP_BOMB = (
    "The workbook unpacks to far more data than a spreadsheet of its size holds, so it was not opened. "
    "Save it again from your spreadsheet program, or as CSV, and upload it again."
)
DECLARATIONS = (
    "The workbook holds XML declarations (a DOCTYPE) that spreadsheets never need, so for safety it was not "
    "opened. Save it again from your spreadsheet program, or as CSV, and upload it again."
)


class Problem(NamedTuple):
    """One problem with one row of an uploaded table; row 1 is the headings, so it also holds column problems."""

    row: int
    message: str

    def __str__(self) -> str:
        return f"Row {self.row}: {self.message}"


class TableError(Exception):
    """A table that cannot be imported: a message for the user, and the problems row by row if there are any."""

    def __init__(self, message: str, problems: Sequence[Problem] = ()):
        super().__init__(message)
        self.message = message
        self.problems = list(problems)


class Table(NamedTuple):
    headers: list[str]
    rows: list[list[str]]


def problem_rows(problems: Iterable[Problem]) -> int:
    """How many rows have at least one problem."""
    return len({p.row for p in problems})


# ---------------------------------------------------------------------------------------------------------------
# Text that is safe to keep and to export

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    """A value to write into a spreadsheet or CSV cell: clean text that a spreadsheet shows as text, since a leading
    = + - @ (or tab, carriage return) could start a formula. Other values pass unchanged."""
    if isinstance(value, str):
        value = clean_text(value)
        if value.startswith(_FORMULA_START):
            return "'" + value
    return value


def column_letter(index: int) -> str:
    """The spreadsheet letter of a column counted from 0: A, B, ..., Z, AA."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


# ---------------------------------------------------------------------------------------------------------------
# CSV


def decode_text(content: bytes) -> str:
    """The text of an uploaded text file: UTF-16 if it starts with a byte-order mark, else UTF-8 (with or without
    one) or Windows-1252. Raises TableError if it is not text in any of them."""
    if content.startswith((b"\xff\xfe", b"\xfe\xff")):
        encodings: tuple[str, ...] = ("utf-16",)  # Excel's "Unicode text"
    else:
        if b"\x00" in content[:SNIFF_BYTES]:
            raise TableError(NOT_CSV)
        encodings = ("utf-8-sig", "cp1252")
    for encoding in encodings:
        try:
            return content.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise TableError(UNREADABLE_CSV)


def _delimiter(text: str) -> str:
    """The delimiter of the header line: comma, semicolon or tab, whichever it holds most of outside quotes."""
    first = text.split("\n", 1)[0]
    first = re.sub(r'"[^"]*"', "", first)
    counts = {d: first.count(d) for d in (",", ";", "\t")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def text_rows(text: str, delimiter: str | None = None) -> list[list[str]]:
    """The rows of a decoded CSV text, every cell as clean, stripped text, blank rows kept, at most MAX_ROWS + 1 of
    them. The delimiter is the header line's (comma, semicolon or tab) unless given. Raises TableError if the text
    cannot be read as CSV."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter or _delimiter(text))
    rows = []
    try:
        for row in reader:
            rows.append([clean_text(c).strip() for c in row])
            if len(rows) > MAX_ROWS + 1:
                break
    except csv.Error as error:
        raise TableError(f"The CSV file could not be read near row {reader.line_num}: {error}") from error
    return rows


def _read_csv(content: bytes) -> list[list[str]]:
    return text_rows(decode_text(content))


# ---------------------------------------------------------------------------------------------------------------
# XLSX


class _RootReached(Exception):
    pass


class _Declaration(Exception):
    pass


def _refuse_declaration(*args: object) -> None:
    raise _Declaration


def _reach_root(*args: object) -> None:
    raise _RootReached


def _looks_like_xml(head: bytes) -> bool:
    return head.lstrip(b"\xef\xbb\xbf\xff\xfe\x00 \t\r\n").startswith(b"<")


def _check_prolog(stream: IO[bytes]) -> None:
    """Read an XML part up to its root element, refusing any DOCTYPE or entity declaration.

    Declarations can only come before the root element, so the rest of the part need not be read. The handlers
    stop the parser at the declaration's first token, before an entity chain could be expanded or even read.
    """
    head = stream.read(SNIFF_BYTES)
    if not _looks_like_xml(head):
        return  # an image or other binary part, which openpyxl does not parse as XML
    parser = expat.ParserCreate()
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    parser.StartDoctypeDeclHandler = _refuse_declaration
    parser.EntityDeclHandler = _refuse_declaration
    parser.StartElementHandler = _reach_root
    chunk = head
    try:
        while chunk:
            parser.Parse(chunk, False)
            chunk = stream.read(64 * 1024)
        parser.Parse(b"", True)
    except _RootReached:
        return
    except _Declaration:
        raise TableError(DECLARATIONS) from None
    except (expat.ExpatError, LookupError) as error:  # LookupError: an encoding Python does not know
        raise TableError(NOT_XLSX) from error


def _check_workbook(content: bytes) -> None:
    """Refuse a workbook whose parts would unpack to too much, or whose XML declares entities."""
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            members = archive.infolist()
            if len(members) > MAX_MEMBERS:
                raise TableError(NOT_XLSX)
            if sum(m.file_size for m in members) > MAX_UNPACKED:
                raise TableError(ZIP_BOMB)
            for m in members:
                if m.file_size > RATIO_FLOOR and m.file_size > MAX_RATIO * max(m.compress_size, 1):
                    raise TableError(ZIP_BOMB)
            for m in members:
                with archive.open(m) as stream:
                    _check_prolog(stream)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, EOFError, OSError, ValueError) as error:
        raise TableError(NOT_XLSX) from error


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()
    return clean_text(str(value)).strip()


def _sheet_rows(sheet: Any) -> list[list[str]]:
    rows: list[list[str]] = []
    width = None
    for values in sheet.iter_rows(values_only=True):
        row = [_cell_text(v) for v in values[:width]]
        if width is None:
            while row and not row[-1]:
                row.pop()
            width = max(len(row), 1)
        rows.append(row)
        if len(rows) > MAX_ROWS + 1:
            break
    return rows


def _read_xlsx(content: bytes) -> list[list[str]]:
    from openpyxl import load_workbook

    _check_workbook(content)
    try:
        wb = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        try:
            return _sheet_rows(wb.worksheets[0])
        finally:
            wb.close()
    except Exception as error:  # any failure of a parser fed a hostile file is the file's fault, never a 500
        raise TableError(NOT_XLSX) from error


# ---------------------------------------------------------------------------------------------------------------
# Either


def _headers(first: list[str]) -> list[str]:
    headers: list[str] = []
    seen: dict[str, int] = {}
    for i, header in enumerate(first):
        header = header or f"Column {column_letter(i)}"
        seen[header.casefold()] = seen.get(header.casefold(), 0) + 1
        if seen[header.casefold()] > 1:
            header = f"{header} ({seen[header.casefold()]})"
        headers.append(header)
    return headers


def _check_rows(rows: list[list[str]], noun: str) -> None:
    if not rows:
        raise TableError("The file is empty")
    if not any(rows[0]):
        raise TableError("The first row must hold the column headings, such as Name and Organisation")
    if len(rows) - 1 > MAX_ROWS:
        raise TableError(f"The file has more than {MAX_ROWS:,} rows. Split it into smaller files.")
    if len(rows) == 1:
        raise TableError(f"The file has column headings but no {noun} below them")
    if sum(len(cell) for row in rows for cell in row) > MAX_TEXT:
        raise TableError(f"The file holds more than {MAX_TEXT:,} characters of text. Split it into smaller files.")


def read_table(name: str, content: bytes, noun: str = "stakeholders") -> Table:
    """(headers, rows) of the first sheet of a .csv or .xlsx file, every cell as clean, stripped text.

    The headers are the first row, made unique and never blank. Rows keep their place in the file, blank ones
    included, so rows[i] is row i + 2 of the file. Raises TableError if the file cannot be imported.
    """
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if extension not in ("csv", "xlsx"):
        raise TableError("The file must be a CSV file (.csv) or an Excel workbook (.xlsx)")
    if len(content) > MAX_BYTES:
        raise TableError("The file must be smaller than 20 MB")
    if not content.strip():
        raise TableError("The file is empty")
    rows = _read_csv(content) if extension == "csv" else _read_xlsx(content)
    while rows and not any(rows[-1]):
        rows.pop()
    _check_rows(rows, noun)
    return Table(_headers(rows[0]), rows[1:])


def csv_text(rows: Iterable[Sequence[Any]]) -> str:
    """Rows as CSV (CRLF, as spreadsheets expect), every text cell formula-safe."""
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows([safe_cell(v) for v in row] for row in rows)
    return out.getvalue()


def xlsx_bytes(sheets: dict[str, Iterable[Sequence[Any]]]) -> bytes:
    """A workbook with one sheet for each (name, rows), every text cell formula-safe."""
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    for name, rows in sheets.items():
        sheet = workbook.create_sheet(name[:31])  # Excel's longest sheet name
        for row in rows:
            sheet.append([safe_cell(v) for v in row])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
