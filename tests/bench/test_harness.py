"""A smoke run of `make bench` at a small scale: the harness builds its data, measures every page and export, the
import and the read and write loads against gunicorn, and writes its results. Timings are not asserted (that is what
the benchmark itself is for); query budgets, the loads' errors and the write load's missing writes are."""

import json
import os
import subprocess
import sys
from pathlib import Path

from bench import exports, profile
from bench.exports import FORMATS
from bench.fixes import FIXES
from bench.load import READ_WORKERS
from bench.measure import FLOOR, PAGES, chosen
from bench.report import (
    FLOOD,
    HEARING,
    MEMORY,
    RUSH,
    WRITE_LOAD,
    WRITES_DURING_IMPORT,
    markdown,
    max_queries,
    missed,
    over_page_targets,
    read_load,
)
from bench.write_load import FEEDBACK, INTERACTIONS, REGISTRATIONS, SCORES
from mobilise.support.views.public import REQUEST

ROOT = Path(__file__).resolve().parents[2]
# The exports are timed on a model of this size here: the smoke run checks that every export is measured, and
# `make bench` times the largest model the app accepts (a minute or more of this run when exports were slow).
EXPORT_ELEMENTS = 140
FLOOD_POSTS = 30
# The webinar rush at a small scale: more people than places, so that the waiting list fills too.
RUSH_PEOPLE, RUSH_SEATS = 30, 5


def test_smoke_run_writes_a_record_per_measurement(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    postgres = os.environ.get("DATABASE_URL", "").startswith("postgres")
    # The exports read no database (a fresh process draws a generated model): timed on the SQLite pass only.
    export_elements = 0 if postgres else EXPORT_ELEMENTS
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "bench",
            "--scales",
            "smoke",
            "--repeat",
            "2",
            "--load-seconds",
            "2",
            "--read-users",
            "3",
            "--load-users",
            "3",
            "--workers",
            "2",
            "--export-elements",
            str(export_elements),
            "--flood-posts",
            str(FLOOD_POSTS),
            "--flood-registrations",
            str(RUSH_PEOPLE),
            "--flood-seats",
            str(RUSH_SEATS),
            "--flood-threads",
            "8",
            "--no-labelled-set",  # tests/outputs/test_hearing.py measures it on the demo
            "--out",
            str(tmp_path),
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    # 3 means a timing target was missed, which a shared test machine may do; anything else is a failure.
    assert run.returncode in (0, 3), run.stdout + run.stderr
    results = json.loads((tmp_path / "results.json").read_text())
    ((vendor, result),) = results["runs"].items()
    assert vendor == ("postgresql" if postgres else "sqlite")
    assert result["datasets"]["smoke"]["rows"]["engagement.Interaction"] == 2000
    records = {r["name"]: r for r in result["records"]}
    for name, _, _ in PAGES:
        record = records[name]
        assert 0 < record["median_ms"] <= record["p95_ms"] <= record["p99_ms"]
        assert 0 < record["queries"] <= max_queries(name), name
        assert record["ratio_to_floor"] > 0
    assert records["stakeholder CSV import (500 rows)"]["median_ms"] > 0
    for fmt in FORMATS if not postgres else []:
        export = records[exports.name(fmt, EXPORT_ELEMENTS)]
        assert 0 < export["median_ms"] <= export["p95_ms"] and export["peak_mb"] > 0, export
    assert result["datasets"]["smoke"]["rows"]["support.AdviceEntry"] == 300
    assert result["datasets"]["smoke"]["rows"]["events.Registration"] == 800
    # The flood: one browser's allowance from one address, the rest refused with the message; everyone kept.
    flood = records[FLOOD]
    assert (
        flood["kept"] == flood["sent"] == REQUEST.throttle.per_browser
        and flood["refused"] == FLOOD_POSTS - flood["sent"]
    )
    assert flood["distinct_kept"] == FLOOD_POSTS and flood["duplicates"] == flood["errors"] == 0, flood
    # The rush: exactly the places confirmed, everyone else waiting in order, nobody over-booked, nothing failed.
    rush = records[RUSH]
    assert rush["confirmed"] == rush["seats_taken"] == RUSH_SEATS, rush
    assert rush["waiting"] == RUSH_PEOPLE - RUSH_SEATS and rush["refused"] == 0 and rush["waiting_in_order"], rush
    assert rush["errors"] == 0 and 0 < rush["median_ms"] <= rush["p95_ms"], rush
    assert "Webinar registration rush (smoke dataset)" in (tmp_path / "RESULTS.md").read_text()
    read = records[read_load(3)]
    assert read["requests"] > 0 and read["floor_requests"] > 0 and read["errors"] == 0, read["error_samples"]
    assert read["workers"] == READ_WORKERS and read["share_of_floor"] > 0
    memory = records[MEMORY]
    assert memory["workers"] == READ_WORKERS == len(memory["each_mb"]) and memory["max_mb"] == max(memory["each_mb"])
    # The write load: every kind of write made, none failed, every acknowledged one found afterwards.
    written = records[WRITE_LOAD]
    assert written["errors"] == 0 and written["missing"] == 0, written
    assert all(written["by_kind"].get(kind, 0) > 0 for kind in (INTERACTIONS, SCORES, REGISTRATIONS, FEEDBACK)), written
    assert written["writes"] == sum(written["by_kind"].values())
    # Other users' saves while the import runs as its task: none fails (the import never holds the database long).
    during = records[f"{WRITES_DURING_IMPORT} (500 rows)"]
    assert during["requests"] > 0 and during["errors"] == 0, during["error_samples"]
    assert during["import_seconds"] > 0 and 0 < during["median_ms"] <= during["p95_ms"]
    assert "| stakeholder grid |" in (tmp_path / "RESULTS.md").read_text()
    assert "smoke p95 ms | smoke p99 ms |" in (tmp_path / "RESULTS.md").read_text()
    for paragraph in ("Import under load", "Read load", "Memory", "Write load"):
        assert f"{paragraph} (smoke dataset)" in (tmp_path / "RESULTS.md").read_text()
    assert ("Peak memory of each largest-model export" in (tmp_path / "RESULTS.md").read_text()) is not postgres


def test_the_labelled_set_is_reported_and_a_ranker_that_does_not_lead_by_enough_misses():
    def record(ranker, baseline):
        figures = {"precision_at_5": ranker, "recall_at_10": 0.7}, {"precision_at_5": baseline, "recall_at_10": 0.4}
        half = {"findings": 12, "ranker": figures[0], "baseline": figures[1]}
        return {
            "scale": "demo",
            "name": HEARING,
            "median_ms": None,
            "p95_ms": None,
            "queries": None,
            "ratio_to_floor": None,
            "tune": half,
            "held back": half,
        }

    assert missed([record(0.6, 0.4)]) == []
    assert missed([record(0.5, 0.4)]) == [f"{HEARING}: precision at 5 under the baseline's plus 0.15"]
    results = {
        "runs": {
            "sqlite": {
                "date": "2026-11-29",
                "records": [record(0.6, 0.4)],
                "datasets": {},
                "machine": {
                    "database": "SQLite",
                    "cpu": "x",
                    "cores": 2,
                    "memory_gib": 24,
                    "os": "Linux",
                    "python": "3.11",
                },
            }
        }
    }
    assert "the ranker has precision at 5 of 0.6 and recall at 10 of 0.7, against 0.4 and 0.4" in markdown(results)


def test_a_quick_look_measures_the_floor_and_the_pages_named():
    assert [name for name, _, _ in chosen(["webinar", "reports"])] == [
        FLOOR[0],
        "webinar programme (visitor)",
        "webinar page (visitor, the busiest)",
        "support reports",
        "support reports, cold (figures worked out again)",
    ]
    assert chosen() == [FLOOR, *PAGES]


def test_queries_that_grow_with_the_data_miss_and_fewer_at_full_scale_do_not():
    def record(scale, queries):
        return {"scale": scale, "name": "API findings", "median_ms": 1.0, "p95_ms": 1.0, "queries": queries}

    assert missed([record("smoke", 9), record("full", 8)]) == []
    assert missed([record("smoke", 8), record("full", 9)]) == [
        "API findings: queries grow with the data ({'smoke': 8, 'full': 9})"
    ]


def test_the_read_load_misses_on_a_low_share_of_the_floor_and_a_large_worker():
    base = {"scale": "full", "median_ms": None, "p95_ms": None, "queries": None, "ratio_to_floor": None}
    read = {**base, "name": read_load(32), "errors": 0, "error_samples": [], "throughput_rps": 90.0, "floor_rps": 180.0}
    memory = {**base, "name": MEMORY, "workers": 4, "max_mb": 249.0, "each_mb": [200.0, 249.0]}
    assert missed([{**read, "share_of_floor": 0.5}, memory]) == []
    assert missed([{**read, "share_of_floor": 0.49}, {**memory, "max_mb": 250.0}]) == [
        "read load, 32 users: 90.0 requests a second, 49% of the floor page's 180.0, target 50% or more",
        "worker memory after the read load: a worker holds 250.0 MB, target under 250 MB",
    ]


def test_the_write_load_misses_on_an_error_or_an_acknowledged_write_missing():
    record = {"scale": "full", "name": WRITE_LOAD, "median_ms": None, "p95_ms": None, "queries": None}
    record |= {"errors": 0, "error_samples": [], "missing": 0, "missing_samples": []}
    assert missed([record]) == []
    assert missed([{**record, "errors": 1, "error_samples": ["/feedback/x/: 429"], "missing": 1}]) == [
        "write load: 1 errors, for example ['/feedback/x/: 429']",
        "write load: 1 acknowledged writes missing afterwards, for example []",
    ]


def test_a_page_misses_over_50_ms_at_p95_or_over_ten_times_the_floor_at_full_scale_and_an_export_does_not():
    def record(name, median, p95, scale="full"):
        return {
            "scale": scale,
            "name": name,
            "median_ms": median,
            "p95_ms": p95,
            "queries": 5,
            "ratio_to_floor": median,
        }

    assert missed([record("outputs", 10.0, 49.9), record("impact report PDF export", 400.0, 900.0)]) == []
    assert missed([record("outputs", 10.1, 12.0), record("evaluation", 5.0, 50.0)]) == [
        "outputs (full): median 10.1 times the floor page's, target 10 at most",
        "evaluation (full): 50.0 ms, target under 50 ms",
    ]
    assert missed([record("outputs", 10.1, 60.0, scale="smoke")]) == []  # page times are for the full dataset
    assert over_page_targets(record("outputs", 10.1, 12.0)) and not over_page_targets(record("outputs", 3.0, 12.0))


def test_a_profile_names_where_a_page_spends_its_time(admin_client):
    path = "/directory/"
    admin_client.get(path)
    found = profile.request(admin_client, path)
    assert found["queries"] > 0 and 0 < found["database"] < 1 and 0 < found["templates"] < 1
    assert found["own"] and all(0 < share < 0.9 and ":" in where for where, share in found["own"]), found["own"]
    assert found["itself"] and found["profiled_ms"] > 0
    rows = profile.table([{"name": "directory: organisations", "scale": "full", "profile": found}], {})
    assert rows[-1].startswith("| directory: organisations (full) | ") and f"({found['queries']}; " in rows[-1]
    assert profile.table([{"name": "outputs", "scale": "full"}], {}) == []


def test_each_fix_named_is_for_a_page_the_bench_measures():
    assert set(FIXES) <= {name for name, _, _ in PAGES}
