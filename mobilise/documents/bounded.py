"""Render a logic-model export in a child process with a time and a memory limit, so that no export runs unbounded.

typst works in native code that a Python signal cannot stop, so the limit is a process's: the child gets the model
as JSON on its standard input, writes the file to its standard output, and is killed when it passes ``seconds``;
its address space is capped at ``memory_mb``. The child loads no project settings, only what rendering needs.

    python -m mobilise.documents.bounded FORMAT TIME_ZONE < model.json > file
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
from pathlib import Path

FORMATS = ("svg", "png", "pdf", "docx")
ROOT = Path(__file__).resolve().parents[2]


class ExportFailed(Exception):
    """The export passed its time or memory limit, or failed."""


def render(fmt: str, data: dict, *, seconds: float, memory_mb: int, time_zone: str = "Europe/London") -> bytes:
    """The export ``fmt`` of the model ``data`` (the documents' shape), or ExportFailed past the limits."""
    if fmt not in FORMATS:
        raise ValueError(fmt)

    def limit() -> None:  # in the child, before it starts
        size = memory_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (size, size))

    try:
        child = subprocess.run(
            [sys.executable, "-m", "mobilise.documents.bounded", fmt, time_zone],
            input=json.dumps(data, ensure_ascii=False).encode(),
            capture_output=True,
            timeout=seconds,
            cwd=ROOT,
            preexec_fn=limit,  # noqa: PLW1509 (no threads are started between fork and exec here)
            check=False,
        )
    except subprocess.TimeoutExpired as timeout:
        raise ExportFailed(f"took longer than {seconds:g} seconds") from timeout
    if child.returncode != 0:
        detail = child.stderr.decode(errors="replace")
        if "alloc" in detail or "MemoryError" in detail or "recursion" in detail:
            raise ExportFailed(f"needed more than {memory_mb:,} MB of memory")
        raise ExportFailed((detail.strip().splitlines() or [f"exit status {child.returncode}"])[-1][:300])
    return child.stdout


def _main(fmt: str, time_zone: str) -> None:
    from django.conf import settings

    settings.configure(USE_TZ=True, TIME_ZONE=time_zone)
    from . import logic_model, typst_render

    typst_render.APART = False  # this process ends with its one export, under the limits render() set

    render_to = {
        "svg": lambda doc: logic_model.diagram_svg(doc).encode(),
        "png": logic_model.diagram_png,
        "pdf": logic_model.model_pdf,
        "docx": logic_model.model_docx,
    }[fmt]
    sys.stdout.buffer.write(render_to(json.loads(sys.stdin.buffer.read())))


if __name__ == "__main__":
    _main(sys.argv[1], sys.argv[2])
