"""Compile typst documents with the `typst` Python bindings (no typst binary, no system libraries).

User text never becomes typst source: callers pass it as data, written to ``data.json`` beside the
template and read there with ``json(...)``; typst shows strings as text, never as markup.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from importlib import resources
from pathlib import Path
from typing import Any, Literal, overload

import typst

from . import typst_process

TEMPLATES = resources.files(__package__) / "templates"
# Each document is compiled in a process of its own (typst_process.py says why), but in a process that ends with
# its one document anyway: documents/bounded.py's child, whose time and memory limits then hold for typst too.
PROCESS = Path(typst_process.__file__)
APART = True


def template(name: str) -> str:
    return (TEMPLATES / name).read_text(encoding="utf-8")


@overload
def compile_document(
    source: str,
    *,
    data: dict | None = None,
    files: dict[str, str | bytes] | None = None,
    format: Literal["pdf"] = "pdf",
    ppi: float | None = None,
    pdf_standards: list[str] | None = None,
) -> bytes: ...


@overload
def compile_document(
    source: str,
    *,
    data: dict | None = None,
    files: dict[str, str | bytes] | None = None,
    format: str,
    ppi: float | None = None,
    pdf_standards: list[str] | None = None,
) -> bytes | list[bytes]: ...


def compile_document(
    source: str,
    *,
    data: dict | None = None,
    files: dict[str, str | bytes] | None = None,
    format: str = "pdf",
    ppi: float | None = None,
    pdf_standards: list[str] | None = None,
) -> bytes | list[bytes]:
    """Compile typst ``source`` in a fresh temporary directory.

    ``data`` is written to ``data.json`` and ``files`` (name -> text or bytes) beside the source;
    the directory is the typst root, so the document can read nothing else from disk.
    Returns PDF bytes, or PNG bytes (a list of them when there are several pages); raises typst.TypstError
    for a document typst refuses.
    """
    with tempfile.TemporaryDirectory(prefix="mobilise-typst-") as tmp:
        root = Path(tmp) / "document"
        root.mkdir()
        if data is not None:
            (root / "data.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        for name, content in (files or {}).items():
            path = root / name
            if isinstance(content, bytes):
                path.write_bytes(content)
            else:
                path.write_text(content, encoding="utf-8")
        (root / "main.typ").write_text(source, encoding="utf-8")
        options: dict[str, Any] = {"format": format, "root": str(root)}
        if ppi is not None:
            options["ppi"] = ppi
        if pdf_standards:
            options["pdf_standards"] = pdf_standards
        if not APART:
            return typst.compile(str(root / "main.typ"), **options)
        return _apart(options, Path(tmp) / "pages")


def _apart(options: dict[str, Any], pages: Path) -> bytes | list[bytes]:
    """Compile in a process of its own (typst_process.py), which writes each page to the folder `pages`."""
    pages.mkdir()
    try:
        done = subprocess.run(
            [sys.executable, "-P", str(PROCESS), json.dumps(options), str(pages)],
            capture_output=True,
            timeout=typst_process.CPU_SECONDS + 10,
        )
    except subprocess.TimeoutExpired as timeout:
        raise TimeoutError(f"typst took longer than {typst_process.CPU_SECONDS} seconds") from timeout
    if done.returncode == typst_process.ERROR:
        raise _refused(json.loads(done.stderr))
    if done.returncode:
        detail = done.stderr.decode(errors="replace").strip().splitlines()
        raise RuntimeError(f"typst stopped (exit status {done.returncode}): {detail[-1] if detail else ''}"[:300])
    found = [path.read_bytes() for path in sorted(pages.iterdir(), key=lambda path: int(path.name))]
    return found[0] if len(found) == 1 else found


def _refused(found: dict) -> typst.TypstError:
    """typst's error as the bindings raise it in process, from what the compiling process wrote."""
    error = typst.TypstError(found["message"], found["diagnostic"], found["hints"], found["trace"])
    error.args = (found["message"],)  # its text is the message alone, as in process
    for name, value in found.items():  # the constructor keeps none of them
        setattr(error, name, value)
    return error


def svg_to_png(svg: str, width: float, height: float, scale: float = 2.0) -> bytes:
    """Rasterise an SVG ``width`` x ``height`` user units big to PNG at ``scale`` pixels per unit."""
    source = (
        f"#set page(width: {width:.2f}pt, height: {height:.2f}pt, margin: 0pt, fill: white)\n"
        '#image("diagram.svg", width: 100%, height: 100%)\n'
    )
    result = compile_document(source, files={"diagram.svg": svg}, format="png", ppi=72 * scale)
    return result[0] if isinstance(result, list) else result
