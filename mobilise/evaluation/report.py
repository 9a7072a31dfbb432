"""The impact report and the impact case study as plain data for the documents app, read through access."""

from django.utils import timezone
from django.utils.formats import date_format

from . import access, casestudy, progress


def _date(value):
    return date_format(value, "j F Y") if value else ""


def _with_unit(value, unit):
    return f"{progress.number(value)} {unit}".strip() if value is not None else "–"


def _project_name(project):
    return f"{project.short_title}: {project.title}"


def _indicator(summary):
    indicator, rows = summary["indicator"], summary["rows"]
    unit, latest = indicator.unit, summary["latest"]
    targets = [r for r in rows if r["target"] is not None]
    measures = (
        f"{indicator.element.get_column_display()}: {indicator.element.text}"
        if indicator.element
        else "Not linked to the logic model"
    )
    baseline = _with_unit(indicator.baseline_value, unit)
    if indicator.baseline_value is not None and indicator.baseline_date:
        baseline += f" on {_date(indicator.baseline_date)}"
    facts = [
        ("Measures", measures),
        ("Definition", indicator.definition or "Not written yet"),
        ("Direction", indicator.get_direction_display()),
        ("Data source", indicator.data_source or "Not recorded"),
        ("Baseline", baseline),
        ("Status", summary["status"]["label"]),
    ]

    def floats(values):
        return [float(v) if v is not None else None for v in values]

    return {
        "name": indicator.name,
        "unit": unit,
        "facts": facts,
        "status": summary["status"]["label"],
        "baseline": _with_unit(indicator.baseline_value, unit),
        "final_target": f"{_with_unit(targets[-1]['target'], unit)} ({targets[-1]['label']})" if targets else "–",
        "latest": f"{_with_unit(latest['actual'], unit)} ({latest['label']})" if latest else "–",
        "rows": [
            {
                "label": r["label"],
                "target": progress.number(r["target"]) or "–",
                "actual": progress.number(r["actual"]) or "–",
            }
            for r in rows
        ],
        "chart": {
            "labels": [r["label"] for r in rows],
            "actuals": floats(r["actual"] for r in rows),
            "targets": floats(r["target"] for r in rows),
            "baseline": float(indicator.baseline_value) if indicator.baseline_value is not None else None,
        }
        if rows
        else None,
    }


def _feedback(form):
    questions, responses = list(form.questions.all()), list(form.responses.all())
    out = []
    for item in access.summarise(form, questions, responses):
        answered = f"({item['answered']} of {item['total']} answered"
        answered += f"; average {item['mean']} out of 5)" if item.get("mean") else ")"
        out.append(
            {
                "text": item["question"].text,
                "answered": answered,
                "counts": [{"option": o, "count": str(n), "share": f"{s}%"} for o, n, s in item.get("counts", [])],
            }
        )
    n = len(responses)
    return {
        "title": form.title,
        "questions": out,
        "responses": f"{n} response{'' if n == 1 else 's'}{'' if form.is_open else '; closed'}.",
    }


def _evidence(e):
    text = f"{e.get_kind_display()}: {e.title}"
    if e.source:
        text += f" ({e.source})"
    if e.url:
        text += f", {e.url}"
    return text


def impact_report(project):
    claims = access.claims(project)
    return {
        "title": f"Impact report: {project.short_title}",
        "project": _project_name(project),
        "footer": f"{project.short_title} impact report",
        "produced": f"Produced by Mobilise on {_date(timezone.localdate())}.",
        "questions": [
            {
                "focus": q.get_focus_display(),
                "text": q.text,
                "methods": q.methods,
                "data_sources": q.data_sources,
                "timing": q.timing,
            }
            for q in access.questions(project)
        ],
        "indicators": [_indicator(progress.summarise(i)) for i in access.indicator_totals(project)],
        "feedback": [_feedback(f) for f in access.report_feedback_forms(project)],
        "claims": [
            {
                "title": c.title,
                "facts": [
                    ("Type", c.get_kind_display()),
                    ("Date", _date(c.date)),
                    ("Outcome it shows", c.outcome.text if c.outcome else "Not linked"),
                    ("Reach", c.reach or "Not described"),
                    ("Significance", c.significance or "Not described"),
                ],
                "evidence": [_evidence(e) for e in c.evidence.all()],
            }
            for c in claims
        ],
        "learning": [
            {
                "date": _date(entry.date),
                "facts": [
                    ("We tried", entry.tried),
                    ("We learned", entry.learned),
                    ("We changed", entry.changed or "Nothing yet"),
                    ("Logic model", entry.snapshot.name if entry.snapshot else "No snapshot"),
                ],
            }
            for entry in access.learning(project)
        ],
    }


SECTIONS = [
    ("summary", "1. Summary of the impact"),
    ("research", "2. Underpinning research"),
    ("references", "3. References to the research"),
    ("details", "4. Details of the impact"),
    ("sources", "5. Sources to corroborate the impact"),
]


def case_study(project, study):
    """The case study in the shape documents.output_doc renders; references and sources become lists."""

    def body(name):
        text = getattr(study, name)
        if name in casestudy.ITEM_LIMITS:
            return "\n".join(f"- {item.removeprefix('- ')}" for item in casestudy.items(text))
        return text

    return {
        "title": study.title or f"Impact case study: {project.short_title}",
        "kind": "Impact case study",
        "audience": "research assessment",
        "project": _project_name(project),
        "date": _date(timezone.localdate()),
        "testimonial": None,
        "sections": [{"heading": heading, "body": body(name)} for name, heading in SECTIONS],
    }
