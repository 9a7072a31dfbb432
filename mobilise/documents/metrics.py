"""Text measurement and wrapping for server-side SVG.

The diagram is drawn in "DejaVu Sans" (the first family of its font stack). So that
wrapped text never overflows its box, lines are measured with the advance widths of
that typeface, which we measured ourselves (in units of 1/1000 em) by typesetting each
character with typst. DejaVu Sans is one of the widest common sans-serif faces, so the
fallback families in the stack (Liberation Sans, Arial, Helvetica) come out narrower and
still fit. Characters outside the table get a generous default width.
"""

import unicodedata

from .text import clean_text

# Advance widths in 1/1000 em of DejaVu Sans (Book and Bold) for the characters of _CHARS, in order.
# fmt: off
_CHARS = (
    ' !"#$%&\'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNO'
    "PQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~\xa0"
    "¡¢£¤¥¦§¨©ª«¬\xad®¯°±²³´µ¶·¸¹º»¼½¾¿ÀÁÂÃÄÅÆÇÈÉÊËÌÍÎÏÐ"
    "ÑÒÓÔÕÖ×ØÙÚÛÜÝÞßàáâãäåæçèéêëìíîïðñòóôõö÷øùúûüýþÿ–"
    "—‘’“”•…€→≤≥"
)

_REGULAR = (
    318, 401, 460, 838, 636, 950, 780, 275, 390, 390, 500, 838, 318, 361, 318, 337, 636, 636, 636, 636, 636,
    636, 636, 636, 636, 636, 337, 337, 838, 838, 838, 531, 1000, 684, 686, 698, 770, 632, 575, 775, 752, 295,
    295, 656, 557, 863, 748, 787, 603, 787, 695, 635, 611, 732, 684, 989, 685, 611, 685, 390, 337, 390, 838,
    500, 500, 613, 635, 550, 635, 615, 352, 635, 634, 278, 278, 579, 278, 974, 634, 612, 635, 635, 411, 521,
    392, 634, 592, 818, 592, 592, 525, 636, 337, 636, 838, 318, 401, 636, 636, 636, 636, 337, 500, 500, 1000,
    471, 612, 838, 361, 1000, 500, 500, 838, 401, 401, 500, 636, 636, 318, 500, 401, 471, 612, 969, 969, 969,
    531, 684, 684, 684, 684, 684, 684, 974, 698, 632, 632, 632, 632, 295, 295, 295, 295, 775, 748, 787, 787,
    787, 787, 787, 838, 787, 732, 732, 732, 732, 611, 605, 630, 613, 613, 613, 613, 613, 613, 982, 550, 615,
    615, 615, 615, 278, 278, 278, 278, 612, 634, 612, 612, 612, 612, 612, 838, 612, 634, 634, 634, 634, 592,
    635, 592, 500, 1000, 318, 318, 518, 518, 590, 1000, 636, 838, 838, 838,
)

_BOLD = (
    348, 456, 521, 838, 696, 1002, 872, 306, 457, 457, 523, 838, 380, 415, 380, 365, 696, 696, 696, 696, 696,
    696, 696, 696, 696, 696, 400, 400, 838, 838, 838, 580, 1000, 774, 762, 734, 830, 683, 683, 821, 837, 372,
    372, 775, 637, 995, 837, 850, 733, 850, 770, 720, 682, 812, 774, 1103, 771, 724, 725, 457, 365, 457, 838,
    500, 500, 675, 716, 593, 716, 678, 435, 716, 712, 343, 343, 665, 343, 1042, 712, 687, 716, 716, 493, 595,
    478, 712, 652, 924, 645, 652, 582, 712, 365, 712, 838, 348, 456, 696, 696, 636, 696, 365, 500, 500, 1000,
    564, 646, 838, 415, 1000, 500, 500, 838, 438, 438, 500, 736, 636, 380, 500, 438, 564, 646, 1035, 1035,
    1035, 580, 774, 774, 774, 774, 774, 774, 1085, 734, 683, 683, 683, 683, 372, 372, 372, 372, 838, 837, 850,
    850, 850, 850, 850, 838, 850, 812, 812, 812, 812, 724, 738, 719, 675, 675, 675, 675, 675, 675, 1048, 593,
    678, 678, 678, 678, 343, 343, 343, 343, 687, 712, 687, 687, 687, 687, 687, 838, 687, 712, 712, 712, 712,
    652, 716, 652, 500, 1000, 380, 380, 657, 657, 639, 1000, 696, 838, 838, 838,
)
# fmt: on

SAFETY = 1.04  # a little room for rendering differences (hinting, kerning off)
_DEFAULT_WIDTH = 720
_WIDE_WIDTH = 1000

_WIDTHS = {
    False: dict(zip(_CHARS, _REGULAR, strict=True)),
    True: dict(zip(_CHARS, _BOLD, strict=True)),
}

# Characters that XML 1.0 (and therefore SVG and DOCX) cannot hold: C0 controls other than
# tab/newline/carriage return, lone surrogates and the two non-characters U+FFFE/U+FFFF.
_BREAK_AFTER = "-/_.,;:\u2013\u2014)]}"


def char_width(char: str, bold: bool = False) -> int:
    """Advance width of one character in 1/1000 em."""
    width = _WIDTHS[bold].get(char)
    if width is not None:
        return width
    if unicodedata.combining(char) or unicodedata.category(char) in ("Mn", "Me", "Cf"):
        return 0
    if unicodedata.east_asian_width(char) in ("W", "F"):
        return _WIDE_WIDTH
    return _DEFAULT_WIDTH + (60 if bold else 0)


def text_width(text: str, size: float, bold: bool = False) -> float:
    """Width of ``text`` set at ``size`` (px or pt; the result is in the same unit), with a safety margin."""
    table = _WIDTHS[bold]
    total = 0
    for char in text:
        width = table.get(char)
        total += width if width is not None else char_width(char, bold)
    return total * size / 1000 * SAFETY


def _split_long_word(word: str, max_width: float, size: float, bold: bool) -> list[str]:
    """Break a word that is wider than a line into pieces that fit, preferring to break after punctuation."""
    pieces = []
    current = ""
    for char in word:
        if current and text_width(current + char, size, bold) > max_width and not unicodedata.combining(char):
            cut = max((current.rfind(p) for p in _BREAK_AFTER), default=-1)
            if cut >= len(current) // 2 and cut < len(current) - 1:
                pieces.append(current[: cut + 1])
                current = current[cut + 1 :]
            else:
                pieces.append(current)
                current = ""
        current += char
    if current:
        pieces.append(current)
    return pieces


def wrap(text: str, max_width: float, size: float, bold: bool = False) -> list[str]:
    """Greedy word wrap of ``text`` to lines no wider than ``max_width``.

    Explicit line breaks in the text are kept; runs of white space collapse to one space; a word
    longer than a whole line is broken across lines. Returns at least one line.
    """
    lines: list[str] = []
    for paragraph in clean_text(text).replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        current = ""
        for word in paragraph.split():
            candidate = f"{current} {word}" if current else word
            if text_width(candidate, size, bold) <= max_width:
                current = candidate
                continue
            if current:
                lines.append(current)
            if text_width(word, size, bold) <= max_width:
                current = word
            else:
                *full, current = _split_long_word(word, max_width, size, bold)
                lines.extend(full)
        if current:
            lines.append(current)
    return lines or [""]
