"""Plain text as blocks: paragraphs split by blank lines; lines starting "- " are bullet lists."""

import re
from typing import Any


def blocks(body: str) -> list[dict[str, Any]]:
    """[{"type": "p", "text": str} | {"type": "ul", "items": [str]}] for a section's text."""
    out: list[dict[str, Any]] = []
    for chunk in re.split(r"\n\s*\n", body.replace("\r\n", "\n")):
        paragraph: list[str] = []
        items: list[str] = []
        for line in (line.strip() for line in chunk.split("\n")):
            if not line:
                continue
            if line.startswith("- "):
                if paragraph:
                    out.append({"type": "p", "text": " ".join(paragraph)})
                    paragraph = []
                items.append(line[2:].strip())
            else:
                if items:
                    out.append({"type": "ul", "items": items})
                    items = []
                paragraph.append(line)
        if paragraph:
            out.append({"type": "p", "text": " ".join(paragraph)})
        if items:
            out.append({"type": "ul", "items": items})
    return out
