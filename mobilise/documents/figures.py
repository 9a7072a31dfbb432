"""Figures as plain tables, for a page, a CSV and a workbook alike: the apps build the rows (the webinar
programme's figures, the support report) and the page shows each table with a bar chart of its last column beside
it (`charted`, then the `figure_tables` macro in core/macros.html)."""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from .progress_chart import bar_svg


@dataclass(frozen=True)
class Table:
    title: str
    header: list[str]
    rows: list[list[Any]]
    chart: bool = True  # a bar chart of the last column beside the table


# A chart of more bars than this is unreadable (and slow to draw): its table says it all.
MAX_BARS = 40


def charted(tables: Sequence[Table]) -> list[tuple[Table, str | None]]:
    """Each table with its chart (SVG), or None where it has no chart, no rows or too many to chart."""
    return [
        (
            t,
            bar_svg(title=t.title, items=[(str(row[0]), row[-1]) for row in t.rows])
            if t.chart and 0 < len(t.rows) <= MAX_BARS
            else None,
        )
        for t in tables
    ]


def sheets(tables: Sequence[Table]) -> dict[str, Iterable[Sequence[Any]]]:
    """The tables as a workbook's sheets, each named after its table, its header first."""
    return {t.title: [t.header, *t.rows] for t in tables}
