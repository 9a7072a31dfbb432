"""typst compiles each document in a process of its own (mobilise/documents/typst_process.py), so that what it
keeps does not stay in the web worker that asked for the document."""

import io

import pypdf
import pytest
import typst

from mobilise.documents import typst_render
from mobilise.documents.typst_render import compile_document

pytestmark = pytest.mark.engine_neutral


def _resident_mb():
    with open("/proc/self/status") as status:
        return next(int(line.split()[1]) / 1024 for line in status if line.startswith("VmRSS"))


def _long_document(number):
    return "\n\n".join(
        f"= Part {number}.{part}\n" + f"Words of document {number}, part {part}. " * 80 for part in range(40)
    )


def test_a_document_and_its_data_make_a_pdf():
    pdf = compile_document(
        '#let d = json("data.json")\n= #d.title\n#d.body', data={"title": "Hello", "body": "*not bold*"}
    )
    text = pypdf.PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
    assert "Hello" in text and "*not bold*" in text  # user data is text, never markup


def test_pages_come_back_in_order_as_png():
    pages = compile_document(
        "#set page(width: 50pt, height: 50pt)\nOne\n#pagebreak()\nTwo\n" + "#pagebreak()\nx\n" * 9, format="png"
    )
    assert len(pages) == 11 and all(page.startswith(b"\x89PNG") for page in pages)
    assert pages[0] != pages[1] and pages[2] == pages[10]


def test_a_document_typst_refuses_raises_its_error():
    with pytest.raises(typst.TypstError) as refused:
        compile_document("#let x = (1 + \n")
    assert str(refused.value) == refused.value.message == "unclosed delimiter"
    assert "main.typ" in refused.value.diagnostic and refused.value.hints == []


def test_new_documents_do_not_grow_the_process_that_asks_for_them():
    compile_document(_long_document(0))
    before = _resident_mb()
    for number in range(1, 6):
        compile_document(_long_document(number))
    # Compiled here, each of these grew the process by about 11 MB and none of it came back.
    assert _resident_mb() - before < 15


def test_a_file_beside_the_document_is_never_taken_for_a_page():
    pdf = compile_document('#read("1")', files={"1": "one", "out-2": "two"})
    assert isinstance(pdf, bytes) and pdf.startswith(b"%PDF")


def test_a_compiling_process_that_fails_says_so_without_its_command_line(monkeypatch, tmp_path):
    crash = tmp_path / "crash.py"
    crash.write_text("import sys\nsys.stderr.write('Traceback...\\nMemoryError\\n')\nsys.exit(1)\n")
    monkeypatch.setattr(typst_render, "PROCESS", crash)
    with pytest.raises(RuntimeError) as failed:
        compile_document("= Title")
    assert str(failed.value) == "typst stopped (exit status 1): MemoryError"


def test_a_process_that_ends_with_its_one_document_compiles_in_itself(monkeypatch, tmp_path):
    monkeypatch.setattr(typst_render, "PROCESS", tmp_path / "missing.py")  # a process started would fail
    monkeypatch.setattr(typst_render, "APART", False)
    assert compile_document("= Title").startswith(b"%PDF")
