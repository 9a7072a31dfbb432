"""The logic model as plain data: the JSON export format, also used for snapshots, templates and imports.

One shape serves every reader (review, diff, diagram, documents), so a snapshot can be shown, checked and
compared exactly like the live model.
"""

import json
import uuid

from .models import CAUSAL, NOTES, OUTCOMES, RANK, Column

FORMAT = "mobilise-logic-model"
MAX_BYTES = 2 * 1024 * 1024
# A logic model is read as one picture: the largest real ones hold a few hundred boxes (the bench's flagship, 300).
# Past these limits no export (PDF, PNG) can be drawn in the 2 seconds and 300 MB `make bench` holds them to.
MAX_ELEMENTS = 400
MAX_LINKS = 800
LABELS = dict(Column.choices)


def serialise(model, elements, links):
    """The model's data, from elements and links already loaded (ordered by column position)."""
    by_pk = {e.pk: e for e in elements}
    link_pairs = {link.pk: link for link in links}
    return {
        "format": FORMAT,
        "version": 1,
        "problem": model.problem,
        "context": model.context,
        "population": model.population,
        # Guidance from a template, kept so a snapshot or a file brings it back; never part of the content.
        **({"hints": dict(model.hints)} if model.hints else {}),
        "elements": [
            {
                "key": str(e.key),
                "column": e.column,
                "text": e.text,
                "description": e.description,
                "position": e.position,
                "about": str(by_pk[e.about_element_id].key) if e.about_element_id in by_pk else None,
                "about_link": [
                    str(by_pk[link_pairs[e.about_link_id].source_id].key),
                    str(by_pk[link_pairs[e.about_link_id].target_id].key),
                ]
                if e.about_link_id in link_pairs
                else None,
            }
            for e in sorted(elements, key=lambda e: (e.column, e.position, e.pk))
        ],
        "links": [
            {
                "source": str(by_pk[link.source_id].key),
                "target": str(by_pk[link.target_id].key),
                "rationale": link.rationale,
            }
            for link in sorted(links, key=lambda link: (link.source_id, link.target_id))
        ],
    }


class InvalidModelFile(Exception):
    def __init__(self, problems):
        super().__init__("; ".join(problems))
        self.problems = problems


def _text(value: object, limit: int | None = None) -> bool:
    # A NUL character cannot be stored in PostgreSQL text, so it is refused like any other non-text.
    return isinstance(value, str) and "\x00" not in value and (limit is None or len(value) <= limit)


def _key(value: object) -> str | None:
    """A canonical element key, or None when value is not one."""
    try:
        return str(uuid.UUID(str(value)))
    except ValueError:
        return None


def parse(raw: bytes) -> dict:
    """Checked model data from an uploaded JSON file, or InvalidModelFile listing every problem found.

    Any value of the wrong type (a list where text belongs, a number, null) is one more problem in the list."""
    data = _load(raw)
    problems = [
        f"The {field} must be text of up to 20,000 characters"
        for field in ("problem", "context", "population")
        if not _text(data.get(field, ""), 20000)
    ]
    problems += _check_hints(data.get("hints", {}))
    elements, links = data.get("elements"), data.get("links", [])
    if not isinstance(elements, list) or not isinstance(links, list):
        raise InvalidModelFile(problems + ["The file must list elements and links"])
    if len(elements) > MAX_ELEMENTS or len(links) > MAX_LINKS:
        raise InvalidModelFile(problems + [f"A model can have up to {MAX_ELEMENTS} elements and {MAX_LINKS} links"])
    columns: dict[str, str | None] = {}
    for n, element in enumerate(elements, start=1):
        problems += _check_element(f"Element {n}", element, columns)
    pairs: set[tuple[str, str]] = set()
    for n, link in enumerate(links, start=1):
        problems += _check_link(f"Link {n}", link, columns, pairs)
    for n, element in enumerate(elements, start=1):
        if isinstance(element, dict):
            problems += _check_attachment(f"Element {n}", element, columns, pairs)
    if problems:
        raise InvalidModelFile(problems)
    return data


def _check_hints(hints: object) -> list[str]:
    if not isinstance(hints, dict) or any(
        name not in ("problem", "context", "population") or not _text(text, 1000) for name, text in hints.items()
    ):
        return ["The hints must be text of up to 1,000 characters for the problem, context or population"]
    return []


def _load(raw: bytes) -> dict:
    """The file's JSON object, if it is a Mobilise logic model of an acceptable size."""
    if len(raw) > MAX_BYTES:
        raise InvalidModelFile([f"The file is larger than {MAX_BYTES // (1024 * 1024)} MB"])
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise InvalidModelFile(["The file is not a JSON file exported from a logic model"]) from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise InvalidModelFile(["The file is not a logic model exported from Mobilise"])
    return data


def _check_element(where: str, element: object, columns: dict[str, str | None]) -> list[str]:
    """Problems with one element; records its key and column (None when not text) in columns."""
    if not isinstance(element, dict):
        return [f"{where} is not a set of fields"]
    key = _key(element.get("key"))
    if key is None:
        return [f"{where} has no valid key"]
    problems = []
    if key in columns:
        problems.append(f"{where} repeats the key of another element")
    element["key"] = key
    column = element.get("column")
    if not isinstance(column, str) or column not in LABELS:
        problems.append(f"{where} has an unknown column {str(column)[:40]!r}")
    columns[key] = column if isinstance(column, str) else None
    if not _text(element.get("text"), 300) or not element["text"].strip():
        problems.append(f"{where} needs text of up to 300 characters")
    if not _text(element.get("description", ""), 20000):
        problems.append(f"{where} has a description that is not text")
    position = element.get("position", 0)
    if not isinstance(position, int) or isinstance(position, bool) or not 0 <= position < 2**31:
        problems.append(f"{where} has a position that is not a whole number")
    return problems


def _check_link(where: str, link: object, columns: dict[str, str | None], pairs: set[tuple[str, str]]) -> list[str]:
    """Problems with one link; records its (source, target) in pairs."""
    if not isinstance(link, dict):
        return [f"{where} is not a set of fields"]
    source, target = _key(link.get("source")), _key(link.get("target"))
    if source is None or target is None or source not in columns or target not in columns:
        return [f"{where} points at an element that is not in the file"]
    link["source"], link["target"] = source, target
    problems = []
    # A link that goes backwards is kept (the review reports it), as the model it came from had it.
    if columns[source] not in RANK or columns[target] not in RANK:
        problems.append(f"{where} connects an assumption or external factor; attach those instead")
    elif source == target:
        problems.append(f"{where} links an element to itself")
    if (source, target) in pairs:
        problems.append(f"{where} repeats another link")
    pairs.add((source, target))
    if not _text(link.get("rationale", ""), 20000):
        problems.append(f"{where} has a rationale that is not text")
    return problems


def _check_attachment(
    where: str, element: dict, columns: dict[str, str | None], pairs: set[tuple[str, str]]
) -> list[str]:
    """Problems with what an assumption or external factor is attached to (an element or a link)."""
    problems = []
    about, about_link = element.get("about"), element.get("about_link")
    if about is not None:
        element["about"] = _key(about)
        if element["about"] not in columns:
            problems.append(f"{where} is attached to an element that is not in the file")
    if about_link is not None:
        element["about_link"] = [_key(k) for k in about_link] if isinstance(about_link, list) else None
        if not element["about_link"] or tuple(element["about_link"]) not in pairs:
            problems.append(f"{where} is attached to a link that is not in the file")
    return problems


def _reach(starts, edges):
    seen, stack = set(starts), list(starts)
    while stack:
        for nxt in edges.get(stack.pop(), ()):
            if nxt not in seen:
                seen.add(nxt)
                stack.append(nxt)
    return seen


def review(data, indicator_keys=None):
    """Findings that make a model weaker, each {kind, message, key}; key names the element to fix.

    indicator_keys, when given, is the set of element keys that have an indicator, so outcomes without
    one are reported too.
    """
    elements = {e["key"]: e for e in data["elements"]}
    forward, linked = {}, set()
    findings = []
    for link in data["links"]:
        forward.setdefault(link["source"], []).append(link["target"])
        linked.update((link["source"], link["target"]))
        source, target = elements[link["source"]], elements[link["target"]]
        if RANK.get(source["column"], 99) >= RANK.get(target["column"], -1):
            findings.append(
                {
                    "kind": "backwards",
                    "key": link["source"],
                    "message": f"The link from “{source['text']}” to “{target['text']}” goes backwards",
                }
            )
    activities = [k for k, e in elements.items() if e["column"] == Column.ACTIVITIES]
    reached = _reach(activities, forward)
    for key, e in elements.items():
        column, text = e["column"], e["text"]
        if column in NOTES:
            if not e.get("about") and not e.get("about_link"):
                findings.append(
                    {
                        "kind": "unattached",
                        "key": key,
                        "message": f"The {LABELS[column].lower()[:-1]} “{text}” is attached to nothing",
                    }
                )
            continue
        if key not in linked:
            findings.append({"kind": "unlinked", "key": key, "message": f"“{text}” has no links"})
        if column in OUTCOMES and key not in reached:
            findings.append({"kind": "unreached", "key": key, "message": f"No activity leads to “{text}”"})
        if column == Column.ACTIVITIES and not any(elements[k]["column"] in OUTCOMES for k in _reach([key], forward)):
            findings.append(
                {"kind": "dead_end", "key": key, "message": f"The activity “{text}” leads to no outcome or impact"}
            )
        if indicator_keys is not None and column in OUTCOMES[:3] and key not in indicator_keys:
            findings.append({"kind": "no_indicator", "key": key, "message": f"The outcome “{text}” has no indicator"})
    return findings


def diff(old, new):
    """What changed between two model data sets: header fields, and elements and links added, removed, changed."""
    old_el = {e["key"]: e for e in old["elements"]}
    new_el = {e["key"]: e for e in new["elements"]}
    changed = []
    for key in old_el.keys() & new_el.keys():
        a, b = old_el[key], new_el[key]
        fields = [f for f in ("text", "column", "description") if a.get(f, "") != b.get(f, "")]
        if fields:
            changed.append({"old": a, "new": b, "fields": fields})
    text = {**{k: e["text"] for k, e in old_el.items()}, **{k: e["text"] for k, e in new_el.items()}}

    def pairs(data):
        return {(link["source"], link["target"]): link for link in data["links"]}

    old_links, new_links = pairs(old), pairs(new)

    def named(pair_set, source):
        return [
            {"source": text[s], "target": text[t], "rationale": source[(s, t)].get("rationale", "")}
            for s, t in sorted(pair_set, key=lambda p: (text[p[0]], text[p[1]]))
        ]

    def by_column(items):
        return sorted(items, key=lambda e: (RANK.get(e["column"], 99), e["text"]))

    return {
        "header": [f for f in ("problem", "context", "population") if old.get(f, "") != new.get(f, "")],
        "added": by_column([new_el[k] for k in new_el.keys() - old_el.keys()]),
        "removed": by_column([old_el[k] for k in old_el.keys() - new_el.keys()]),
        "changed": sorted(changed, key=lambda c: c["new"]["text"]),
        "links_added": named(new_links.keys() - old_links.keys(), new_links),
        "links_removed": named(old_links.keys() - new_links.keys(), old_links),
        "links_changed": named(
            {
                p
                for p in old_links.keys() & new_links.keys()
                if old_links[p].get("rationale", "") != new_links[p].get("rationale", "")
            },
            new_links,
        ),
    }


def for_documents(data, title):
    """The shape the documents package draws and typesets."""
    elements = {e["key"]: e for e in data["elements"]}
    link_text = {}
    for link in data["links"]:
        link_text[(link["source"], link["target"])] = (
            f"{elements[link['source']]['text']} → {elements[link['target']]['text']}"
        )

    def about(e):
        if e.get("about") in elements:
            return elements[e["about"]]["text"]
        if e.get("about_link"):
            return link_text.get(tuple(e["about_link"]), "")
        return ""

    return {
        "title": title,
        "problem": data.get("problem", ""),
        "context": data.get("context", ""),
        "population": data.get("population", ""),
        "columns": [{"key": c.value, "label": c.label} for c in CAUSAL],
        "elements": [
            {k: e.get(k, "") for k in ("key", "column", "text", "description", "position")}
            for e in data["elements"]
            if e["column"] in RANK
        ],
        "notes": [
            {
                "kind": "Assumption" if e["column"] == Column.ASSUMPTIONS else "External factor",
                "text": e["text"],
                "about": about(e),
            }
            for e in data["elements"]
            if e["column"] in NOTES
        ],
        "links": [dict(link) for link in data["links"]],
    }
