"""The assumptions and external factors of a logic model, drawn as cards in a strip under the columns.

Each card says what it is about (an element or a link), so the diagram shows the conditions its arrows rely on.
"""

from __future__ import annotations

from dataclasses import dataclass

from .boxes import TextBox
from .metrics import wrap
from .model import LogicModel

CARDS_PER_ROW = 4
CARD_GAP = 12
CARD_PAD_X = 9
CARD_PAD_Y = 8
STRIP_GAP = 18  # between the bottom of the column bands and the strip's heading
HEADING = "Assumptions and external factors"
HEADING_HEIGHT = 26


@dataclass
class NoteGeometry(TextBox):
    kind: str


def place_notes(
    model: LogicModel, left: float, right: float, top: float, font_size: float, line_height: float
) -> tuple[list[NoteGeometry], float]:
    """Cards for the model's notes in rows from ``top`` (the heading first); returns them and the strip's bottom."""
    if not model.notes:
        return [], top
    width = (right - left - (CARDS_PER_ROW - 1) * CARD_GAP) / CARDS_PER_ROW
    y = top + STRIP_GAP + HEADING_HEIGHT
    cards: list[NoteGeometry] = []
    for start in range(0, len(model.notes), CARDS_PER_ROW):
        row = []
        for i, note in enumerate(model.notes[start : start + CARDS_PER_ROW]):
            lines = wrap(f"{note.kind}: {note.text}", width - 2 * CARD_PAD_X, font_size)
            if note.about:
                lines += wrap(f"About: {note.about}", width - 2 * CARD_PAD_X, font_size)
            height = len(lines) * line_height + 2 * CARD_PAD_Y
            row.append(
                NoteGeometry(
                    kind=note.kind, x=left + i * (width + CARD_GAP), y=y, width=width, height=height, lines=lines
                )
            )
        tallest = max(card.height for card in row)
        for card in row:
            card.height = tallest
        cards += row
        y += tallest + CARD_GAP
    return cards, y - CARD_GAP
