"""Indicator values pushed by a pipeline, checked exactly as the values form checks them (evaluation's
ActualsForm, one form a period) and saved through evaluation's service, all of them or none."""

from typing import Any

from django.db import transaction
from rest_framework.exceptions import ValidationError

from mobilise.evaluation import services as evaluation
from mobilise.evaluation.forms import ActualsForm
from mobilise.evaluation.models import Indicator


def _form(indicator: Indicator, entry: dict[str, Any]) -> tuple[ActualsForm | None, dict[str, list[str]]]:
    """The values form filled from one period's entry, or the entry's problems (by field of the entry)."""
    period = next((p for p in indicator.periods.all() if p.label == entry["period"]), None)
    if period is None:
        return None, {"period": [f"The indicator has no period “{entry['period']}”"]}
    probe = ActualsForm(indicator=indicator)
    names = {key: name for name, key in probe.cells.items()}
    data = {"period": str(period.pk), "total": entry.get("total", "")}
    problems: dict[str, list[str]] = {}
    where = {"total": "total", "period": "period"}
    for i, cell in enumerate(entry.get("breakdowns", [])):
        name = names.get((cell["dimension"], cell["category"]))
        if name is None or name == "total":
            problems[f"breakdowns/{i}"] = [f"The indicator has no breakdown “{cell['dimension']}: {cell['category']}”"]
        elif name in data:
            problems[f"breakdowns/{i}"] = ["This category is given twice"]
        else:
            data[name] = cell["value"]
            where[name] = f"breakdowns/{i}/value"
    if problems:
        return None, problems
    form = ActualsForm(data, indicator=indicator)
    if form.is_valid():
        return form, {}
    for field, messages in form.errors.items():
        problems.setdefault(where.get(field, ""), []).extend(str(m) for m in messages)  # "" for the entry as a whole
    return None, problems


def push(*, indicator: Indicator, periods: list[dict[str, Any]]) -> None:
    """Save the values of every period, or none of them: a ValidationError names each problem."""
    forms, problems = [], {}
    seen = set()
    for i, entry in enumerate(periods):
        if entry["period"] in seen:
            problems[f"periods/{i}/period"] = ["This period is given twice"]
            continue
        seen.add(entry["period"])
        form, found = _form(indicator, entry)
        problems.update({f"periods/{i}/{field}".rstrip("/"): messages for field, messages in found.items()})
        if form is not None:
            forms.append(form)
    if problems:
        raise ValidationError(problems)
    with transaction.atomic():
        for form in forms:
            evaluation.set_actuals(period=form.period(), values=form.cleaned_data["values"])
