"""Importing an indicator's values from a spreadsheet: checked row by row, then saved all or nothing."""

from django.db import transaction

from mobilise.core.tables import Problem, TableError

from . import progress
from .models import (
    Actual,
    Indicator,
    Period,
)

IMPORT_COLUMNS = ["period", "breakdown", "category", "value"]
MAX_IMPORT_PROBLEMS = 100


def _import_index(headers: list[str]) -> dict[str, int]:
    index = {h.strip().casefold(): i for i, h in enumerate(headers)}
    missing = [c for c in ("period", "value") if c not in index]
    if missing:
        raise TableError(
            _problems_message(len(missing)),
            [
                Problem(
                    1, f"The file has no “{c.title()}” column. The columns are Period, Breakdown, Category and Value."
                )
                for c in missing
            ],
        )
    return index


def _problems_message(count: int, more: bool = False) -> str:
    if more:
        return (
            f"The file has more than {MAX_IMPORT_PROBLEMS} problems (the first are listed); nothing was imported. "
            "Correct them and upload it again."
        )
    return (
        f"The file has {count} problem{'s' if count != 1 else ''}; nothing was imported. "
        "Correct them and upload it again."
    )


class _ActualsCheck:
    """Cleans one row of an actuals import at a time: the period, the breakdown and category, the value."""

    def __init__(self, indicator: Indicator):
        self.indicator = indicator
        self.periods = {p.label.casefold(): p for p in indicator.periods.all()}
        self.breakdowns = {
            d.casefold(): (d, {c.casefold(): c for c in cats}) for d, cats in (indicator.breakdowns or {}).items()
        }
        self.seen: dict[tuple, int] = {}

    def period(self, label: str, problems: list[str]) -> Period | None:
        if not label:
            problems.append("the period is blank")
            return None
        period = self.periods.get(label.casefold())
        if period is None:
            known = ", ".join(p.label for p in self.indicator.periods.all()) or "none yet"
            problems.append(f"“{label[:40]}” is not one of this indicator's periods ({known})")
        return period

    def breakdown(self, dimension: str, category: str, problems: list[str]) -> tuple[str, str]:
        if not (dimension or category):
            return dimension, category
        known = self.breakdowns.get(dimension.casefold())
        if known is None:
            problems.append(f"“{dimension[:40]}” is not one of this indicator's breakdowns")
        elif category.casefold() not in known[1]:
            problems.append(f"“{category[:40]}” is not a category of {known[0]}")
        else:
            return known[0], known[1][category.casefold()]
        return dimension, category

    def value(self, raw: str, problems: list[str]):
        if not raw:
            problems.append("the value is blank")
            return None
        try:
            return progress.parse_value(raw, self.indicator.unit)
        except ValueError as error:
            problems.append(str(error))
            return None

    def row(self, number: int, cells: list[str]) -> tuple[tuple | None, list[str]]:
        """((period, dimension, category, value) or None, the row's problems)."""
        label, dimension, category, raw = cells
        problems: list[str] = []
        period = self.period(label, problems)
        dimension, category = self.breakdown(dimension, category, problems)
        value = self.value(raw, problems)
        key = (label.casefold(), dimension, category)
        if not problems and key in self.seen:
            problems.append(f"it repeats row {self.seen[key]}")
        self.seen.setdefault(key, number)
        return (None if problems else (period, dimension, category, value)), problems


def check_import(indicator: Indicator, headers: list[str], rows: list[list[str]]) -> list[tuple]:
    """[(period, dimension, category, value)] from a table read by core.tables; TableError with every problem.

    Columns: Period, Breakdown, Category, Value (breakdown and category blank for the total)."""
    index = _import_index(headers)
    checker = _ActualsCheck(indicator)
    problems: list[Problem] = []
    found = []
    for number, row in enumerate(rows, start=2):
        if not any(str(c).strip() for c in row):
            continue
        cells = [(row[i] if i is not None and i < len(row) else "").strip() for i in map(index.get, IMPORT_COLUMNS)]
        item, messages = checker.row(number, cells)
        problems.extend(Problem(number, m) for m in messages)
        if item:
            found.append(item)
        if len(problems) >= MAX_IMPORT_PROBLEMS:
            raise TableError(_problems_message(len(problems), more=True), problems[:MAX_IMPORT_PROBLEMS])
    if problems:
        raise TableError(_problems_message(len(problems)), problems)
    if not found:
        raise TableError("The file holds no values")
    return found


@transaction.atomic
def import_actuals(*, indicator, headers, rows):
    """All or nothing: every row is checked first (TableError lists the problems); the count of values saved."""
    found = check_import(indicator, headers, rows)
    for period, dimension, category, value in found:
        Actual.objects.update_or_create(
            period=period, dimension=dimension, category=category, defaults={"value": value}
        )
    return len(found)


# -- Feedback forms ----------------------------------------------------------------------------------------------
