"""The stakeholder power/interest grid as standalone SVG (the relationship network is in network.py).

It takes plain data and escapes every text, so the same picture serves the page and any document.
Its names are links, so the svg is a named group rather than an image: an image's children are presentational,
which hides its links from assistive technology (axe: nested-interactive). Each link carries its full name in
a title, as the drawn label may be shortened.
"""

from collections.abc import Callable, Mapping, Sequence
from xml.sax.saxutils import escape, quoteattr

from .metrics import text_width, wrap

FONT = "'DejaVu Sans', 'Liberation Sans', Arial, sans-serif"
TEXT = "#212b32"
MUTED = "#4c6272"
LINK = "#005eb8"
QUADRANT_FILLS = {
    "manage_closely": "#e8f1fa",
    "keep_satisfied": "#fff9c4",
    "keep_informed": "#e6f4ea",
    "monitor": "#f0f4f5",
}


def _a(value):
    return quoteattr(str(value))


def grid_svg(
    cells: Mapping[tuple[int, int], Sequence[tuple[str, str, bool]]],
    strategies: Mapping[str, str],
    *,
    title: str,
    more_href: Callable[[int, int], str],
    quadrant_of: Callable[[int, int], str],
    max_lines: int = 6,
) -> str:
    """A 5 by 5 grid of influence (up) against interest (across).

    cells maps (influence, interest) to [(name, href, flagged)]; each cell lists its names, so labels never
    overlap, and ends with a link to the rest when they do not fit. strategies maps a quadrant key to its label;
    quadrant_of(influence, interest) gives the key, so the caller's rule decides the colours.
    """
    # Names at 14 and the scale at 15 stay readable when the grid is scaled down to the width of the page.
    cell_w, cell_h, left, top, size, line = 200, 140, 64, 44, 14, 18
    width, height = left + 5 * cell_w + 16, top + 5 * cell_h + 84
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        f'role="group" aria-labelledby="grid-title" font-family={_a(FONT)}>',
        f'<title id="grid-title">{escape(title)}</title>',
    ]
    for influence in range(1, 6):
        for interest in range(1, 6):
            x, y = left + (interest - 1) * cell_w, top + (5 - influence) * cell_h
            out.append(
                f'<rect x="{x}" y="{y}" width="{cell_w}" height="{cell_h}" '
                f'fill="{QUADRANT_FILLS[quadrant_of(influence, interest)]}" stroke="#d8dde0"/>'
            )
            out.extend(
                _cell_names(
                    cells.get((influence, interest), []),
                    x,
                    y,
                    cell_w,
                    size,
                    line,
                    max_lines,
                    more_href(influence, interest),
                )
            )
    # Quadrant names above and below the grid, axes and scale.
    below = top + 5 * cell_h + 44
    right = left + 5 * cell_w - 8
    corners = {
        "keep_satisfied": (left + 8, top - 14, "start"),
        "manage_closely": (right, top - 14, "end"),
        "monitor": (left + 8, below, "start"),
        "keep_informed": (right, below, "end"),
    }
    for key, (x, y, anchor) in corners.items():
        out.append(
            f'<text x="{x}" y="{y}" font-size="15" font-weight="bold" fill="{TEXT}" '
            f'text-anchor="{anchor}">{escape(strategies[key])}</text>'
        )
    for n in range(1, 6):
        out.append(
            f'<text x="{left - 10}" y="{top + (5 - n) * cell_h + cell_h / 2 + 5}" font-size="15" '
            f'text-anchor="end" fill="{TEXT}">{n}</text>'
        )
        out.append(
            f'<text x="{left + (n - 1) * cell_w + cell_w / 2}" y="{top + 5 * cell_h + 20}" font-size="15" '
            f'text-anchor="middle" fill="{TEXT}">{n}</text>'
        )
    out.append(
        f'<text x="{left + 2.5 * cell_w}" y="{height - 8}" font-size="16" text-anchor="middle" '
        f'font-weight="bold" fill="{TEXT}">Interest →</text>'
    )
    out.append(
        f'<text transform="translate(18 {top + 2.5 * cell_h}) rotate(-90)" font-size="16" '
        f'text-anchor="middle" font-weight="bold" fill="{TEXT}">Influence →</text>'
    )
    out.append("</svg>")
    return "\n".join(out)


def _cell_names(names, x, y, cell_w, size, line, max_lines, more):
    """Links for the names in one cell: each on up to two lines while they all fit, else one line each,
    ending with a link to the rest when even that does not fit."""
    # Only the names that can be shown are measured: a cell of a large map may hold hundreds.
    fits = len(names) <= max_lines
    fulls = [
        (n + (" (do not contact)" if flagged else ""), href)
        for n, href, flagged in (names if fits else names[: max_lines - 1])
    ]
    shown = [(wrap(full, cell_w - 16, size), href, full) for full, href in fulls]
    two_lines = fits and sum(min(len(lines), 2) for lines, _, _ in shown) <= max_lines
    out, row, gap = [], 0, 0
    for lines, href, full in shown:
        keep = lines[:2] if two_lines else lines[:1]
        if len(keep) < len(lines):
            keep[-1] += "…"
        tspans = "".join(
            f'<tspan x="{x + 8}" y="{y + line + 2 + gap + (row + i) * line}">{escape(t)}</tspan>'
            for i, t in enumerate(keep)
        )
        # An unpainted box behind the name takes the click, so the gaps between its letters and lines do too.
        top_y, box_w = y + line + 2 + gap + row * line - size, max(text_width(t, size) for t in keep) + 8
        hit = (
            f'<rect x="{x + 4}" y="{top_y}" width="{box_w:.0f}" height="{len(keep) * line + 4}" fill="none" '
            f'pointer-events="all"/>'
        )
        out.append(
            f'<a href={_a(href)}><title>{escape(full)}</title>{hit}<text font-size="{size}" fill="{LINK}" '
            f'text-decoration="underline">{tspans}</text></a>'
        )
        row += len(keep)
        gap += 3  # a little space between names, so a two-line name reads as one
    if not fits:
        out.append(
            f'<a href={_a(more)}><text x="{x + 8}" y="{y + line + 2 + gap + row * line}" font-size="{size}" '
            f'fill="{LINK}" font-weight="bold">and {len(names) - len(shown)} more</text></a>'
        )
    return out
