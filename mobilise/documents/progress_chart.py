"""Evaluation charts as standalone SVG, from plain data: an indicator's progress and a bar chart of counts.

Every text is escaped; each chart is an image with a title and a description, and the page shows the same
numbers in a data table beside it.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from xml.sax.saxutils import escape, quoteattr

from .metrics import text_width, wrap

FONT = "'DejaVu Sans', 'Liberation Sans', Arial, sans-serif"
TEXT = "#212b32"
MUTED = "#4c6272"
ACTUAL = "#005eb8"
TARGET = "#d5281b"
BASELINE = "#768692"
GRID = "#d8dde0"
BAR = "#005eb8"


def _a(value):
    return quoteattr(str(value))


def _fmt(value):
    text = f"{float(value):,.2f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def _scale(values):
    """(low, high, ticks) covering values with a little room, on round steps."""
    low, high = min(values), max(values)
    if low > 0 and low < high * 0.5:
        low = 0
    if low == high:
        low, high = low - 1, high + 1
    span = high - low
    raw = span / 5
    magnitude = 10 ** len(str(int(raw))) / 10 if raw >= 1 else 0.1
    while raw < magnitude:
        magnitude /= 10
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    start = (low // step) * step
    stop = -((-high) // step) * step
    ticks = []
    value = start
    while value <= stop + step / 1000:
        ticks.append(round(value, 6))
        value += step
    return start, stop, ticks


Number = int | float | Decimal


@dataclass(frozen=True)
class _Plot:
    """Where the plot area sits in the picture and how values map onto it."""

    left: int
    top: int
    width: int
    height: int
    count: int
    low: float
    high: float

    def x(self, i: int) -> float:
        return self.left + (self.width * (i + 0.5) / self.count)

    def y(self, v: Number) -> float:
        return self.top + self.height - (float(v) - self.low) / ((self.high - self.low) or 1) * self.height


def progress_svg(
    *,
    title: str,
    unit: str,
    labels: Sequence[str],
    actuals: Sequence[Number | None],
    targets: Sequence[Number | None],
    baseline: Number | None = None,
    width: int = 720,
    height: int = 340,
) -> str:
    """Actuals (a line with points) and targets (a dashed line) by period, with the baseline as a grey rule.

    labels are the period names; actuals and targets are numbers or None, one per label."""
    left, right, top, bottom = 72, 24, 48, 64
    values = [float(v) for v in (*actuals, *targets) if v is not None]
    if baseline is not None:
        values.append(float(baseline))
    low, high, ticks = _scale(values or [0, 1])
    plot = _Plot(left, top, width - left - right, height - top - bottom, max(len(labels), 1), low, high)
    desc = "; ".join(
        f"{label}: actual {_fmt(a) if a is not None else 'not measured'}"
        f"{', target ' + _fmt(t) if t is not None else ''}"
        for label, a, t in zip(labels, actuals, targets, strict=True)
    )
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        f'role="img" aria-labelledby="chart-title chart-desc" font-family={_a(FONT)} class="app-chart">',
        f'<title id="chart-title">{escape(title)}</title>',
        f'<desc id="chart-desc">{escape(desc)}</desc>',
        f'<rect width="{width}" height="{height}" fill="#ffffff"/>',
        *_axes(plot, ticks, unit, labels),
    ]
    if baseline is not None:
        out.append(
            f'<line x1="{left}" x2="{left + plot.width}" y1="{plot.y(baseline):.1f}" y2="{plot.y(baseline):.1f}" '
            f'stroke="{BASELINE}" stroke-width="2" stroke-dasharray="2 4"/>'
        )
    out += _line(plot, targets, TARGET, 'stroke-dasharray="8 6"')
    out += [
        f'<rect x="{plot.x(i) - 5:.1f}" y="{plot.y(v) - 5:.1f}" width="10" height="10" fill="#ffffff" '
        f'stroke="{TARGET}" stroke-width="2"/>'
        for i, v in enumerate(targets)
        if v is not None
    ]
    out += _line(plot, actuals, ACTUAL)
    out += [
        f'<circle cx="{plot.x(i):.1f}" cy="{plot.y(v):.1f}" r="6" fill="{ACTUAL}"/>'
        for i, v in enumerate(actuals)
        if v is not None
    ]
    out += _legend(left, height - 14, baseline)
    out.append("</svg>")
    return "\n".join(out)


def _axes(plot: _Plot, ticks: list[float], unit: str, labels: Sequence[str]) -> list[str]:
    """Grid lines with their values, the unit, and as many period labels as fit along the bottom."""
    out = []
    for t in ticks:
        out.append(
            f'<line x1="{plot.left}" x2="{plot.left + plot.width}" y1="{plot.y(t):.1f}" y2="{plot.y(t):.1f}" '
            f'stroke="{GRID}"/>'
        )
        out.append(
            f'<text x="{plot.left - 8}" y="{plot.y(t) + 5:.1f}" font-size="14" text-anchor="end" fill="{TEXT}">'
            f"{escape(_fmt(t))}</text>"
        )
    out.append(f'<text x="16" y="{plot.top - 20}" font-size="14" fill="{MUTED}">{escape(unit)}</text>')
    step = max(1, -(-sum(text_width(label, 14) + 12 for label in labels) // plot.width))
    for i, label in enumerate(labels):
        if i % int(step) == 0:
            out.append(
                f'<text x="{plot.x(i):.1f}" y="{plot.top + plot.height + 22}" font-size="14" text-anchor="middle" '
                f'fill="{TEXT}">{escape(label)}</text>'
            )
    return out


def _line(plot: _Plot, points: Sequence[Number | None], colour: str, dash: str = "") -> list[str]:
    """A polyline through the points, broken where a point is missing; single points get no line."""
    segments: list[list[str]] = []
    current: list[str] = []
    for i, v in enumerate(points):
        if v is None:
            if current:
                segments.append(current)
            current = []
        else:
            current.append(f"{plot.x(i):.1f},{plot.y(v):.1f}")
    if current:
        segments.append(current)
    return [
        f'<polyline points="{" ".join(seg)}" fill="none" stroke="{colour}" stroke-width="3" {dash}/>'
        for seg in segments
        if len(seg) > 1
    ]


def _legend(left: int, ly: int, baseline: Number | None) -> list[str]:
    """The legend below the axis."""
    out = [
        f'<circle cx="{left + 6}" cy="{ly - 5}" r="6" fill="{ACTUAL}"/>'
        f'<text x="{left + 18}" y="{ly}" font-size="14" fill="{TEXT}">Actual</text>',
        f'<rect x="{left + 90}" y="{ly - 10}" width="10" height="10" fill="#ffffff" stroke="{TARGET}" '
        f'stroke-width="2"/><text x="{left + 108}" y="{ly}" font-size="14" fill="{TEXT}">Target</text>',
    ]
    if baseline is not None:
        out.append(
            f'<line x1="{left + 180}" x2="{left + 210}" y1="{ly - 5}" y2="{ly - 5}" stroke="{BASELINE}" '
            f'stroke-width="2" stroke-dasharray="2 4"/><text x="{left + 218}" y="{ly}" font-size="14" '
            f'fill="{TEXT}">Baseline {escape(_fmt(baseline))}</text>'
        )
    return out


def bar_svg(*, title: str, items: Sequence[tuple[str, int]], width: int = 520, label_width: int = 220) -> str:
    """Horizontal bars, one for each (label, count), with the count at the end of each bar."""
    size, bar_h, gap = 18, 26, 12
    rows = [(wrap(str(label), label_width - 12, size)[:2], count) for label, count in items]
    heights = [max(bar_h, 22 * len(lines)) for lines, _ in rows]
    height = sum(h + gap for h in heights) + gap
    most = max([c for _, c in items] + [1])
    plot = width - label_width - 56
    desc = "; ".join(f"{label}: {count}" for label, count in items)
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        f'role="img" aria-label={_a(title + ". " + desc)} font-family={_a(FONT)} class="app-chart">',
        f"<title>{escape(title)}</title>",
    ]
    top = gap
    for (lines, count), h in zip(rows, heights, strict=True):
        for j, line in enumerate(lines):
            out.append(
                f'<text x="{label_width - 10}" y="{top + 19 + j * 22}" font-size="{size}" text-anchor="end" '
                f'fill="{TEXT}">{escape(line)}</text>'
            )
        w = plot * count / most
        out.append(f'<rect x="{label_width}" y="{top}" width="{w:.1f}" height="{bar_h}" fill="{BAR}"/>')
        out.append(
            f'<text x="{label_width + w + 6:.1f}" y="{top + 19}" font-size="{size}" fill="{TEXT}">{count}</text>'
        )
        top += h + gap
    out.append("</svg>")
    return "\n".join(out)
