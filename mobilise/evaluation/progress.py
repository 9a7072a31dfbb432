"""Indicator progress as plain data: the series by period, the status against target, and the breakdowns.

Works on rows already loaded (an indicator with its periods and their actuals prefetched), so an indicator page
costs the same number of queries however many years of data it holds.
"""

from decimal import Decimal, InvalidOperation

STATUS = {
    "met": ("Target met", "green"),
    "on_track": ("On track", "blue"),
    "behind": ("Behind", "red"),
    "no_target": ("No target set", "grey"),
    "no_data": ("Not measured yet", "grey"),
}
LIMIT = Decimal("10000000000")


def meets(direction, value, target):
    """True when value is as good as target or better, for the indicator's direction."""
    return value >= target if direction == "up" else value <= target


def series(periods):
    """[{label, ends, target, actual}] in period order; actual is the total (no breakdown) or None."""
    rows = []
    for p in periods:
        total = next((a.value for a in p.actuals.all() if not a.dimension), None)
        rows.append({"label": p.label, "ends": p.ends, "target": p.target, "actual": total, "pk": p.pk})
    return rows


def status(direction, rows, baseline=None):
    """(code, label, colour) of the latest measured period against the targets.

    Met: the latest actual reaches the final target. On track: it reaches the target for its period (or the
    latest target set before it; with none yet, the baseline). Behind: otherwise."""
    measured = [r for r in rows if r["actual"] is not None]
    targets = [r for r in rows if r["target"] is not None]
    if not measured:
        code = "no_data"
    elif not targets:
        code = "no_target"
    else:
        latest = measured[-1]
        final = targets[-1]
        if meets(direction, latest["actual"], final["target"]):
            code = "met"
        else:
            due = [r for r in targets if r["ends"] <= latest["ends"]]
            against = due[-1]["target"] if due else baseline
            code = "on_track" if against is None or meets(direction, latest["actual"], against) else "behind"
    label, colour = STATUS[code]
    return {"code": code, "label": label, "colour": colour}


def summarise(indicator):
    """The indicator with its periods, series, status and latest measured row."""
    periods = list(indicator.periods.all())
    rows = series(periods)
    return {
        "indicator": indicator,
        "periods": periods,
        "rows": rows,
        "status": status(indicator.direction, rows, indicator.baseline_value),
        "latest": next((r for r in reversed(rows) if r["actual"] is not None), None),
    }


def breakdown_tables(indicator, periods):
    """One table per breakdown dimension: categories down, periods across; with a sum row when additive.

    Each table is {dimension, categories: [{name, cells}], sums, totals, mismatch} where mismatch lists the
    periods whose categories do not add up to the total (additive indicators only)."""
    cells = {}
    for p in periods:
        for a in p.actuals.all():
            cells[(p.pk, a.dimension, a.category)] = a.value
    tables = []
    for dimension, categories in (indicator.breakdowns or {}).items():
        rows = [{"name": c, "cells": [cells.get((p.pk, dimension, c)) for p in periods]} for c in categories]
        totals = [cells.get((p.pk, "", "")) for p in periods]
        sums, mismatch = [], []
        for i, p in enumerate(periods):
            values = [r["cells"][i] for r in rows if r["cells"][i] is not None]
            total = sum(values) if values else None
            sums.append(total)
            if indicator.additive and total is not None and totals[i] is not None and total != totals[i]:
                mismatch.append(p.label)
        if any(v is not None for r in rows for v in r["cells"]):
            tables.append(
                {
                    "dimension": dimension,
                    "categories": rows,
                    "sums": sums if indicator.additive else None,
                    "totals": totals,
                    "mismatch": mismatch,
                }
            )
    return tables


def parse_value(text, unit=""):
    """A Decimal from what someone typed or a spreadsheet held; ValueError with a plain message otherwise."""
    cleaned = str(text).strip().replace(",", "")
    if cleaned.endswith("%"):
        cleaned = cleaned[:-1].strip()
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        raise ValueError(f"“{str(text)[:40]}” is not a number") from None
    if not value.is_finite():
        raise ValueError(f"“{str(text)[:40]}” is not a number")
    if unit.strip() == "%" and not 0 <= value <= 100:
        raise ValueError(f"{value} is not a percentage from 0 to 100")
    if abs(value) >= LIMIT:
        raise ValueError(f"{value} is too large")
    return value.quantize(Decimal("0.001"))


def number(value):
    """A value for display: no trailing zeros."""
    if value is None:
        return ""
    text = f"{value:,.3f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text
