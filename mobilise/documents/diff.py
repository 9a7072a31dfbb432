"""What changed between two versions of a text, word by word and paragraph by paragraph, for the pages that compare
versions (an output's, a plan section's) and the `diff_blocks` macro in core/macros.html that shows them."""

import difflib
from typing import Any

from .text import blocks as text_blocks


def words(old: str, new: str) -> list[tuple[str, str]]:
    """[(op, text)] with op in equal/insert/delete, word by word."""
    a, b = old.split(), new.split()
    out: list[tuple[str, str]] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if op in ("equal", "delete", "replace"):
            out.append(("equal" if op == "equal" else "delete", " ".join(a[i1:i2])))
        if op in ("insert", "replace"):
            out.append(("insert", " ".join(b[j1:j2])))
    return out


def _items(body: str) -> list[tuple[str, str]]:
    """A section's text as [("p" | "li", text)]: each paragraph and each bullet one item."""
    items: list[tuple[str, str]] = []
    for block in text_blocks(body):
        if block["type"] == "ul":
            items += [("li", item) for item in block["items"]]
        else:
            items.append(("p", block["text"]))
    return items


def blocks(old: str, new: str) -> list[dict[str, Any]]:
    """The change between two section texts, paragraph by paragraph and bullet by bullet, so that a list stays a
    list: [{"type": "p", "diff": [(op, text)]} | {"type": "ul", "items": [[(op, text)]]}]."""
    a, b = _items(old), _items(new)
    rows: list[tuple[str, list[tuple[str, str]]]] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if op == "equal":
            rows += [(kind, [("equal", text)]) for kind, text in a[i1:i2]]
        elif op == "replace" and i2 - i1 == j2 - j1:
            rows += [(after[0], words(before[1], after[1])) for before, after in zip(a[i1:i2], b[j1:j2], strict=True)]
        else:
            rows += [(kind, [("delete", text)]) for kind, text in a[i1:i2]]
            rows += [(kind, [("insert", text)]) for kind, text in b[j1:j2]]
    grouped: list[dict[str, Any]] = []
    for kind, diff in rows:
        if kind == "li" and grouped and grouped[-1]["type"] == "ul":
            grouped[-1]["items"].append(diff)
        elif kind == "li":
            grouped.append({"type": "ul", "items": [diff]})
        else:
            grouped.append({"type": "p", "diff": diff})
    return grouped
