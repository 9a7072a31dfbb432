"""The largest logic model the app accepts (its limits: 400 elements, 800 links) exported in every format: the time
and the peak memory of each export, each run in a fresh process so that the peak is its own.

    python -m bench.exports FORMAT [ELEMENTS]  # one export of the largest model; prints {"ms": ..., "peak_mb": ...}
"""

import json
import os
import random
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FORMATS = ("svg", "png", "pdf", "docx")
EXPORT_MS = 2000
EXPORT_MB = 300
COLUMNS = [
    ("inputs", "Inputs"),
    ("activities", "Activities"),
    ("outputs", "Outputs"),
    ("short", "Short-term outcomes"),
    ("medium", "Medium-term outcomes"),
    ("long", "Long-term outcomes"),
    ("impact", "Impact"),
]
WORDS = [
    "improve",
    "community",
    "screening",
    "uptake",
    "trust",
    "in",
    "data",
    "commissioners",
    "of",
    "care",
    "practice",
    "patients",
    "evidence",
    "training",
    "partners",
    "health",
    "outcomes",
    "local",
    "services",
    "primary",
    "networks",
    "the",
    "and",
    "for",
    "with",
    "across",
    "people",
]


def largest():
    """The import limit (imported late: this module also runs in a process where Django is not yet set up)."""
    from mobilise.planning.modeldata import MAX_ELEMENTS

    return MAX_ELEMENTS


def name(fmt, elements=None):
    return f"logic model {fmt.upper()} export, largest model ({elements or largest():,} elements)"


def largest_model(seed=2026, elements=None):
    """A logic model of ``elements`` elements (the import limit by default) in the documents' shape: spread over
    the seven causal columns, each element but the impacts linked to up to three in the next column (as many links as
    the limit allows), with texts and descriptions of everyday length."""
    from mobilise.planning.modeldata import MAX_LINKS

    rnd = random.Random(seed)
    elements = elements or largest()

    def words(low, high):
        return " ".join(rnd.choice(WORDS) for _ in range(rnd.randint(low, high)))

    by_column = [[] for _ in COLUMNS]
    rows = []
    for n in range(elements):
        column = n % len(COLUMNS)
        key = f"element-{n}"
        by_column[column].append(key)
        rows.append(
            {
                "key": key,
                "column": COLUMNS[column][0],
                "text": words(3, 30)[:300],
                "description": words(0, 40),
                "position": len(by_column[column]),
            }
        )
    links, seen = [], set()
    for column, keys in enumerate(by_column[:-1]):
        for key in keys:
            for target in rnd.sample(by_column[column + 1], min(3, len(by_column[column + 1]))):
                if (key, target) not in seen and len(links) < MAX_LINKS:
                    seen.add((key, target))
                    links.append({"source": key, "target": target, "rationale": words(0, 15)})
    return {
        "title": "The largest logic model",
        "problem": words(40, 80),
        "context": words(40, 80),
        "population": words(10, 30),
        "columns": [{"key": key, "label": label} for key, label in COLUMNS],
        "elements": rows,
        "notes": [{"kind": "Assumption", "text": words(5, 20), "about": rows[0]["text"]} for _ in range(20)],
        "links": links,
    }


def peak_mb():
    """This process's peak resident memory in MB. Linux carries ru_maxrss over an exec from the process that forked
    this one (the bench, holding its dataset: every export read 570-620 MB); VmHWM is this program's own."""
    try:
        status = Path("/proc/self/status").read_text()
    except OSError:
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    (line,) = [line for line in status.splitlines() if line.startswith("VmHWM:")]
    return int(line.split()[1]) / 1024


def export_once(fmt, elements=None):
    """One export of the largest model (or one of ``elements``) in this process: (milliseconds, peak resident
    memory in MB)."""
    from mobilise.documents import logic_model, typst_render

    # As in documents/bounded.py's child, where the app draws the largest model's PDF and PNG: typst compiles in
    # this process, which ends with its one export.
    typst_render.APART = False
    render = {
        "svg": logic_model.diagram_svg,
        "png": logic_model.diagram_png,
        "pdf": logic_model.model_pdf,
        "docx": logic_model.model_docx,
    }[fmt]
    data = largest_model(elements=elements)
    start = time.perf_counter()
    render(data)
    ms = (time.perf_counter() - start) * 1000
    return ms, peak_mb()


def measure(repeat, scale, log, elements=None):
    """A record per format: median and p95 ms over three fresh processes (one in a short run), and the highest
    peak memory. The smoke run (tests/bench) exports a smaller model: it checks that the harness works, and the
    largest model's time is the benchmark's to measure."""
    from .measure import percentile

    records = []
    for fmt in FORMATS:
        runs = []
        for _ in range(3 if repeat >= 3 else 1):  # the smoke run only checks that it works
            child = subprocess.run(
                [sys.executable, "-m", "bench.exports", fmt, str(elements or largest())],
                cwd=ROOT,
                capture_output=True,
                text=True,
                check=True,
            )
            runs.append(json.loads(child.stdout.strip().splitlines()[-1]))
        times = [run["ms"] for run in runs]
        record = {
            "scale": scale,
            "name": name(fmt, elements),
            "median_ms": round(statistics.median(times), 1),
            "p95_ms": round(percentile(times, 0.95), 1),
            "queries": None,
            "ratio_to_floor": None,
            "peak_mb": round(max(run["peak_mb"] for run in runs)),
        }
        log(f"  {record['name']:<60} median {record['median_ms']:8.1f} ms  peak {record['peak_mb']} MB")
        records.append(record)
    return records


if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mobilise.settings")
    import django

    django.setup()
    ms, peak = export_once(sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else None)
    print(json.dumps({"ms": round(ms, 1), "peak_mb": round(peak, 1)}))
