"""What every box of wrapped text on a drawing has (an element's box, a note's card): where it stands, its size,
its lines, and its edges."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class TextBox:
    x: float
    y: float
    width: float
    height: float
    lines: list[str]

    @property
    def right(self) -> float:
        return self.x + self.width

    @property
    def bottom(self) -> float:
        return self.y + self.height
