"""Hostile values and files, and the posts built from a form: a plausible baseline, then one post per variant."""

import io
import json
import os
import zipfile
from collections.abc import Iterator
from urllib.parse import quote

from .pages import Form

HUGE = "99999999999999999999999"
# A digit to str.isdigit(), but not to int(): an id checked with isdigit() and then converted fails.
SUPERSCRIPT = "²"
LONG = "x" * 20_000
# "\ud800" cannot be encoded by the client, so the raw bytes of a lone surrogate go on the wire (see encode()).
SURROGATE = "\ud800"
CONTROL = f"a\x00b\x0bc\x1fd{SURROGATE}e"

# One post per form per class: every field gets the value at once.
EVERY_FIELD = {
    "long text with control characters": CONTROL + LONG,
    "huge": HUGE,
    "json": '{"column": ["x"], "pk": [1]}',
    "superscript": SUPERSCRIPT,
}
# Values for the choice, hidden and number fields only, the others kept plausible, so that the value gets past the
# text fields' checks to the code that looks it up or counts with it.
CHOICES = {"huge": HUGE, "superscript": SUPERSCRIPT}
NUMBERS = {"overflow": "1e309", "nan": "NaN"}
FAR_DATES = {"far-future": ("31", "12", "9999"), "year-one": ("1", "1", "0001"), "zeros": ("00", "00", "00")}
DATE_PARTS = ("[day]", "[month]", "[year]")
# FUZZ=full (not in make test: it takes several times as long) also tries these one field at a time.
FULL = os.environ.get("FUZZ") == "full"
ONE_FIELD = {
    "huge": HUGE,
    "negative": "-1",
    "overflow": "1e309",
    "nan": "NaN",
    "empty": "",
    "control": CONTROL,
    "far-date-text": "9999-12-31T23:59:59-14:00",
}

Pairs = list[tuple[str, str]]


def baseline(form: Form) -> dict[str, list[str]]:
    """What a careful user would post: defaults kept, blanks filled with something each field plausibly takes."""
    data: dict[str, list[str]] = {}
    for name, values in form.fields.items():
        if values and any(values):
            data[name] = values
        elif name in form.options:
            offered = [v for v in form.options[name] if v]
            # Unticked checkboxes stay unticked; a choice takes its first real option.
            if offered and not (len(set(form.options[name])) == 1 and values == []):
                data[name] = offered[:1]
        else:
            data[name] = [_plausible(name, form)]
    return data


def _plausible(name: str, form: Form) -> str:
    if name.endswith("[day]") or name.endswith("[month]"):
        return "1"
    if name.endswith("[year]"):
        return "2026"
    if name in form.numeric:
        return "1"
    if "email" in name:
        return "fuzz@example.org"
    if "url" in name or "link" in name or "website" in name:
        return "https://example.org"
    return "Fuzz"


def pairs(data: dict[str, list[str]]) -> Pairs:
    return [(name, value) for name, values in data.items() for value in values]


def variants(form: Form) -> Iterator[tuple[str, str, Pairs]]:
    """(field, variant, posted pairs) for every hostile post made to the form."""
    base = baseline(form)
    names = list(form.fields)
    yield "-", "baseline", pairs(base)
    for name, value in form.buttons:
        yield name, f"button={value}", pairs(base) + [(name, value)]
    for name in sorted({name for name, _ in form.buttons}):
        yield name, "button=huge", pairs(base) + [(name, HUGE)]
        yield name, "button=superscript", pairs(base) + [(name, SUPERSCRIPT)]
    for variant, value in EVERY_FIELD.items():
        yield "*", variant, [(name, value) for name in names]
    yield "*", "missing", []
    yield "*", "twice", pairs(base) + [(name, HUGE) for name in names]
    choices = [n for n in names if n in form.options or n in form.numeric or n not in form.textual]
    numbers = [n for n in names if n in form.numeric]
    for group, values in ((choices, CHOICES), (numbers, NUMBERS)):
        for variant, value in values.items():
            if group:
                yield "+".join(group), variant, pairs({**base, **{name: [value] for name in group}})
    dates = sorted({n[: -len(p)] for n in names for p in DATE_PARTS if n.endswith(p)})
    for variant, parts in FAR_DATES.items():
        if dates:
            far = {prefix + p: [v] for prefix in dates for p, v in zip(DATE_PARTS, parts, strict=True)}
            yield "+".join(dates), variant, pairs({**base, **far})
    for name in names if FULL else []:
        for variant, value in ONE_FIELD.items():
            yield name, variant, pairs({**base, name: [value]})


def encode(posted: Pairs) -> bytes:
    """A form-urlencoded body; a lone surrogate is sent as the invalid UTF-8 bytes a hostile client would send."""
    return "&".join(
        f"{quote(k, safe='')}={quote(v.encode('utf-8', 'surrogatepass'), safe='')}" for k, v in posted
    ).encode()


def _zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def _csv_with_late_nul() -> bytes:
    rows = ["name,email,organisation"] + [f"Person {i},p{i}@example.org,Org {i}" for i in range(150)]
    text = "\n".join(rows).encode()
    return text[:4200] + b"\x00" + text[4200:]


UPLOADS: dict[str, tuple[str, bytes]] = {
    "empty file": ("empty.csv", b""),
    "0-byte xlsx": ("empty.xlsx", b""),
    "text named xlsx": ("table.xlsx", b"name,email\nAda,ada@example.org\n"),
    "zip named docx": ("notes.docx", _zip({"hello.txt": b"hello"})),
    "far-dated eml": (
        "far.eml",
        b"From: a@example.org\r\nTo: b@example.org\r\nDate: Fri, 31 Dec 9999 23:59:59 -2359\r\n"
        + b"Subject: "
        + b"S" * 100_000
        + b"\r\nX-Huge: "
        + b"h" * 200_000
        + b"\r\n\r\nBody\r\n",
    ),
    "csv with NUL after 4 KB": ("people.csv", _csv_with_late_nul()),
    "json with wrong types": (
        "model.json",
        json.dumps(
            {
                "problem": ["x"],
                "elements": [{"key": 5, "column": ["x"], "title": {"a": 1}}, "oops"],
                "links": [{"source": None, "target": [1]}],
            }
        ).encode(),
    ),
}
