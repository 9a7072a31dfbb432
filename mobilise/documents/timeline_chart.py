"""A timeline of dated activities as standalone SVG: one row an activity, a mark at its date on a shared axis of
months, and a line for today. The page shows the same activities in a table beside it (every chart has one)."""

import datetime
from collections.abc import Sequence
from xml.sax.saxutils import escape, quoteattr

from .metrics import wrap
from .progress_chart import FONT, GRID, MUTED, TEXT

MARKS = {"workshop": "#005eb8", "action": "#007f3b", "output": "#330072"}
TODAY = "#d5281b"


def _months(first: datetime.date, last: datetime.date) -> list[datetime.date]:
    """The first day of each month from first's to last's, thinned to at most twelve ticks."""
    months, day = [], first.replace(day=1)
    while day <= last:
        months.append(day)
        day = (day + datetime.timedelta(days=32)).replace(day=1)
    step = -(-len(months) // 12)
    return months[::step]


def timeline_svg(
    *,
    title: str,
    items: Sequence[tuple[datetime.date, str, str]],
    today: datetime.date,
    width: int = 960,
    label_width: int = 400,
) -> str:
    """Activities as (date, label, kind), kind one of MARKS, in date order: a row each, its mark at its date."""
    size, row_h, top, pad = 16, 28, 44, 16
    dates = [d for d, _, _ in items] + [today]
    first, last = min(dates), max(dates)
    span = max((last - first).days, 1)
    plot = width - label_width - 2 * pad

    def x(day: datetime.date) -> float:
        return label_width + pad + plot * (day - first).days / span

    height = top + row_h * len(items) + pad
    desc = "; ".join(f"{label}: {day:%-d %b %Y}" for day, label, _ in items)
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        f'role="img" aria-label={quoteattr(title + ". " + desc)} font-family={quoteattr(FONT)} class="app-chart">',
        f"<title>{escape(title)}</title>",
    ]
    for month in _months(first, last):
        mx = x(max(month, first))
        out.append(f'<line x1="{mx:.1f}" y1="{top - 8}" x2="{mx:.1f}" y2="{height - pad}" stroke="{GRID}"/>')
        out.append(f'<text x="{mx:.1f}" y="{top - 14}" font-size="14" fill="{MUTED}">{month:%b %Y}</text>')
    tx = x(today)
    out.append(f'<line x1="{tx:.1f}" y1="{top - 8}" x2="{tx:.1f}" y2="{height - pad}" stroke="{TODAY}"/>')
    for i, (day, label, kind) in enumerate(items):
        y = top + i * row_h + row_h / 2
        lines = wrap(label, label_width - 20, size)
        line = lines[0] + ("…" if len(lines) > 1 else "")  # in full in the table beside the chart
        out.append(
            f'<text x="{label_width - 8}" y="{y + 5:.1f}" font-size="{size}" text-anchor="end" '
            f'fill="{TEXT}">{escape(line)}</text>'
        )
        out.append(f'<circle cx="{x(day):.1f}" cy="{y:.1f}" r="6" fill="{MARKS.get(kind, TEXT)}"/>')
    out.append("</svg>")
    return "\n".join(out)
