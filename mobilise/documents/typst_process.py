"""Compile one typst document in a process of its own: typst_render.compile_document runs this file.

typst keeps what it works out (its memoisation cache) for as long as its process lives, and the Python bindings
cannot empty it: a web worker that compiled every export itself grew by 10 to 70 MB with each new document. This
process ends with its document, and what typst kept goes with it.

    python typst_process.py OPTIONS PAGES    (OPTIONS: JSON of root, format, ppi, pdf_standards)

It compiles ROOT/main.typ and writes each page of the result to PAGES/1, PAGES/2, ... A typst error is written to
stderr as JSON, with exit status ERROR. It stops itself after CPU_SECONDS of work, even if the process that started
it is gone.
"""

import json
import resource
import sys
from pathlib import Path

import typst

ERROR = 3
CPU_SECONDS = 120


def main() -> int:
    resource.setrlimit(resource.RLIMIT_CPU, (CPU_SECONDS, CPU_SECONDS))
    options, pages = json.loads(sys.argv[1]), Path(sys.argv[2])
    root = Path(options["root"])
    try:
        result = typst.compile(str(root / "main.typ"), **options)
    except typst.TypstError as error:
        found = {"message": error.message, "diagnostic": error.diagnostic, "hints": error.hints, "trace": error.trace}
        sys.stderr.write(json.dumps(found))
        return ERROR
    for number, page in enumerate(result if isinstance(result, list) else [result], 1):
        (pages / str(number)).write_bytes(page)
    return 0


if __name__ == "__main__":
    sys.exit(main())
