"""Text as documents need it: clean of what XML cannot hold, and plain text as blocks (paragraphs split by blank
lines; lines starting "- " are bullet lists)."""

import re
from typing import Any

# Characters XML 1.0 forbids (C0 controls other than tab, line feed and carriage return; surrogates; U+FFFE and
# U+FFFF), and DEL. A vertical tab or form feed (Word's manual line and page breaks) becomes a line break.
_ILLEGAL = re.compile("[\x00-\x08\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")
_BREAKS = re.compile("[\x0b\x0c]")
_DIRTY = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")


def clean_text(value: object) -> str:
    """value as text that any XML document (XLSX, DOCX, GraphML, PDF tags) can hold and nobody meant otherwise:
    None is empty, a vertical tab or form feed becomes a line break, other control characters are dropped. The
    one definition, used at the boundary (forms, imports) and again by every export for what was stored before."""
    if value is None:
        return ""
    text = str(value)
    if not _DIRTY.search(text):
        return text
    return _ILLEGAL.sub("", _BREAKS.sub("\n", text))


def counted(n: int, singular: str, plural: str = "") -> str:
    """A count with its noun in the right number: "1 place", "2 places", "0 people" (plural given where it is not
    the singular with an s)."""
    return f"{n} {singular if n == 1 else plural or singular + 's'}"


def lower_first(text: object) -> str:
    """A label as it reads inside a sentence: "Plain-English summary" becomes "plain-English summary" and
    "Community: Roma" becomes "community: Roma" (lowering the whole label would lose the names in it); a label
    that starts with an acronym ("GP practice") is left as it is."""
    text = str(text)
    if len(text) > 1 and text[1].isupper():
        return text
    return text[:1].lower() + text[1:]


def clean_data(value: Any) -> Any:
    """value with clean_text applied to every string in it, however deeply nested in dicts, lists and tuples."""
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, dict):
        return {key: clean_data(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        items = [clean_data(item) for item in value]
        return type(value)(*items) if hasattr(value, "_fields") else type(value)(items)
    return value


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
