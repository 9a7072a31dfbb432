"""Who should hear a finding, measured: the ranker (mobilise/outputs/hearing.py) against the labelled set in
bench/hearing.json, beside a baseline that ranks by influence times interest alone: precision at 5 and recall at 10,
on the half that tuned the weights and on the half held back.

    python -m bench.hearing    (builds the demo in a throwaway SQLite database and prints the figures as JSON)
"""

import contextlib
import json
import os
import sys
import tempfile
from pathlib import Path

LABELS = Path(__file__).resolve().parent / "hearing.json"
HALVES = ("tune", "held back")


def labelled():
    return json.loads(LABELS.read_text())["findings"]


def precision_at(ranked, chosen, k):
    return len(set(ranked[:k]) & set(chosen)) / k


def recall_at(ranked, chosen, k):
    return len(set(ranked[:k]) & set(chosen)) / len(chosen)


def evaluate(project, labels=None):
    """{half: {"findings", "ranker": {"precision_at_5", "recall_at_10"}, "baseline": {...}}} for the demo's project."""
    from mobilise.outputs import access, hearing

    findings = list(access.findings(project))
    base = [s.entry.name for s in hearing.baseline(project)]
    sums = {half: {"findings": 0, "ranker": [0.0, 0.0], "baseline": [0.0, 0.0]} for half in HALVES}
    for label in labels or labelled():
        finding = findings[label["finding"] - 1]
        if not finding.statement.startswith(label["starts"]):
            raise ValueError(f"finding {label['finding']} is not the one labelled: {label['starts']!r}")
        ranked = [s.entry.name for s in hearing.rank(project, access.finding_text(finding))[0]]
        half = sums[label["half"]]
        half["findings"] += 1
        for name, order in (("ranker", ranked), ("baseline", base)):
            half[name][0] += precision_at(order, label["chosen"], 5)
            half[name][1] += recall_at(order, label["chosen"], 10)
    return {
        half: {
            "findings": sums[half]["findings"],
            **{
                name: {
                    "precision_at_5": round(sums[half][name][0] / sums[half]["findings"], 3),
                    "recall_at_10": round(sums[half][name][1] / sums[half]["findings"], 3),
                }
                for name in ("ranker", "baseline")
            },
        }
        for half in HALVES
        if sums[half]["findings"]
    }


def main():
    with tempfile.TemporaryDirectory() as folder:
        os.environ["DATABASE_URL"] = f"sqlite:///{folder}/demo.sqlite3"
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mobilise.settings")
        os.environ["DATA_DIR"] = folder
        os.environ["TASK_BACKEND"] = "immediate"
        import django

        django.setup()
        from django.core.management import call_command

        from mobilise.projects.models import Project

        with contextlib.redirect_stdout(sys.stderr):  # the demo's emails, printed by the console backend
            call_command("migrate", verbosity=0)
            call_command("demo", verbosity=0)
        project = Project.objects.get(short_title="TOGETHER-Screen")
        json.dump(evaluate(project), sys.stdout, indent=1)
        print()


if __name__ == "__main__":
    main()
