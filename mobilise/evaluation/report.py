"""The impact report and the impact case study as plain data for the documents app, read through access."""

from typing import Any

from django.utils import timezone
from django.utils.formats import date_format

from mobilise.engagement import access as engagement_access
from mobilise.outputs import access as outputs_access
from mobilise.planning import access as planning_access

from . import access, activities, casestudy, progress

MOST_DRAWN = 150  # elements of a logic model the report draws; past it the diagram is too small to read
MOST_ANSWERS = 30  # free-text answers listed for each question


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


def _feedback(form, answers):
    out = []
    for item in access.summarise(form, list(form.questions.all()), answers):
        answered = f"({item['answered']} of {item['total']} answered"
        answered += f"; average {item['mean']} out of 5)" if item.get("mean") else ")"
        texts = item.get("texts", [])
        out.append(
            {
                "text": item["question"].text,
                "answered": answered,
                "counts": [{"option": o, "count": str(n), "share": f"{s}%"} for o, n, s in item.get("counts", [])],
                "texts": [str(t) for t in texts[:MOST_ANSWERS]],
                "more": f"And {len(texts) - MOST_ANSWERS} more." if len(texts) > MOST_ANSWERS else "",
            }
        )
    n = len(answers)
    return {
        "title": form.title,
        "questions": out,
        "responses": f"{n} response{'' if n == 1 else 's'}{'' if form.is_open else '; closed'}.",
    }


def _logic_model(project) -> dict[str, Any]:
    """The model to draw (None when there is nothing to draw, or too much), the keys of the outcomes with evidence
    of impact (marked on it), and the sentence that stands in for a diagram left out."""
    model = planning_access.model_of(project)
    data = planning_access.data(model)
    count = len(data["elements"])
    drawn = 0 < count <= MOST_DRAWN
    if count > MOST_DRAWN:
        note = f"The logic model has {count:,} elements: too many to draw legibly here; see the logic model export."
    else:
        note = "" if drawn else "No logic model yet."
    return {
        "model": planning_access.document(project, data) if drawn else None,
        "marked": sorted(access.evidenced_element_keys(model)) if drawn else [],
        "note": note,
    }


def _sending(sending) -> dict[str, str]:
    to = ", ".join(sending.recipients)
    others = sending.recipient_count - len(sending.recipients)
    if others:
        to += f" and {others:,} other{'s' if others > 1 else ''}"
    return {
        "output": sending.output.title,
        "kind": sending.output.get_kind_display(),
        "date": _date(sending.sent_on),
        "channel": sending.channel or "Not recorded",
        "to": to or "No one recorded",
    }


def _workshop(workshop) -> dict[str, Any]:
    attended = str(workshop.came) if workshop.recorded else "Not recorded"
    return {
        "title": workshop.title,
        "date": _date(timezone.localtime(workshop.starts)),
        "invited": str(workshop.invited),
        "accepted": str(workshop.accepted),
        "attended": attended if workshop.held else "Not held yet",
        "decisions": workshop.decision_list,
    }


def _engagement(project) -> dict[str, Any]:
    summary = engagement_access.engagement_summary(project)
    return {
        "facts": [
            ("Interactions logged", f"{summary.interactions:,}"),
            ("Stakeholders engaged", f"{summary.stakeholders:,}"),
            ("First interaction", _date(summary.first) or "None yet"),
            ("Latest interaction", _date(summary.last) or "None yet"),
        ],
        "by_kind": [{"kind": kind, "count": f"{n:,}"} for kind, n in summary.by_kind],
    }


def _produced(activity: activities.Activity) -> str:
    return f"{activity.kind}: {activity.title}, {_date(activity.date)} ({activity.reached})"


def impact_report(project) -> dict[str, Any]:
    """The report's data, in a fixed number of queries however much the project holds."""
    claims = list(access.claims(project))
    produced = activities.linked([c.pk for c in claims])
    forms = list(access.report_feedback_forms(project))
    answers = access.answer_sets(forms)
    return {
        "title": f"Impact report: {project.short_title}",
        "project": _project_name(project),
        "footer": f"{project.short_title} impact report",
        "produced": f"Produced by Mobilise on {_date(timezone.localdate())}.",
        "logic_model": _logic_model(project),
        "engagement": _engagement(project),
        "workshops": [_workshop(w) for w in engagement_access.workshops(project)],
        "sendings": [_sending(s) for s in outputs_access.sendings(project)],
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
        "feedback": [_feedback(form, answers[form.pk]) for form in forms],
        "claims": [
            {
                "title": c.title,
                "facts": [
                    ("Type", c.get_kind_display()),
                    ("Date", _date(c.date)),
                    ("Outcome it shows", c.outcome.text if c.outcome else "Not linked"),
                    ("Reach", c.reach or "Not described"),
                    ("Significance", c.significance or "Not described"),
                    ("What produced it", "; ".join(map(_produced, produced.get(c.pk, []))) or "Not recorded"),
                ],
                "evidence": [casestudy.source_line(e) for e in c.evidence.all()],
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
