"""A plan section's fingerprint: what the live data was when its text was written, so the page can say what changed
since.

A fingerprint is {"noun": ..., "items": {row id: short digest}}: comparing two says how many rows were added,
removed or changed, without storing the rows. A kind too large to digest row by row keeps a tally instead
({"tallies": {prefix: {"count": ..., "last": ..., "latest": ...}}}), compared by count.
"""

import hashlib
from collections.abc import Iterable
from typing import Any

from mobilise.projects.jobs import plural


def digest(text: str) -> str:
    return hashlib.blake2s(text.encode(), digest_size=4).hexdigest()


def stamps(prefix: str, values: Iterable[tuple[Any, ...]]) -> dict[str, str]:
    """Digests of rows read as (pk, *what their text depends on) tuples in SQL: {"s12": "9f3a01c2"}."""
    return {f"{prefix}{pk}": digest("|".join(map(str, rest))) for pk, *rest in values}


def changes(basis: dict[str, Any] | None, live: dict[str, Any]) -> list[str]:
    """What changed in the live data since the fingerprint `basis`, as phrases: ["3 stakeholders added",
    "1 stakeholder changed"]; empty when nothing did (or nothing was recorded to compare with). Rows a kind holds
    too many of to digest one by one (`tallies`) are compared by count, so only the net change is told."""
    if not basis or "items" not in basis:
        return []
    tallied = tuple({**basis.get("tallies", {}), **live.get("tallies", {})})
    old = {k: v for k, v in basis["items"].items() if not k.startswith(tallied)} if tallied else basis["items"]
    new = {k: v for k, v in live["items"].items() if not k.startswith(tallied)} if tallied else live["items"]
    one, many = live["noun"]
    added = sum(1 for key in new if key not in old)
    removed = sum(1 for key in old if key not in new)
    changed = sum(1 for key, value in new.items() if key in old and old[key] != value)
    unnumbered = False
    for prefix in tallied:
        before, now = _tally(basis, prefix), _tally(live, prefix)
        net = now["count"] - before["count"]
        added, removed = added + max(net, 0), removed + max(-net, 0)
        unnumbered |= not net and (before.get("last"), before.get("latest")) != (now.get("last"), now.get("latest"))
    told = [
        f"{plural(n, one, many)} {what}"
        for n, what in ((added, "added"), (removed, "removed"), (changed, "changed"))
        if n
    ]
    return told + ([f"{many} changed"] if unnumbered and not changed else [])


def _tally(fingerprint: dict[str, Any], prefix: str) -> dict[str, Any]:
    """A kind's tally in a fingerprint, or one counted from its rows (a basis written before the kind grew)."""
    return fingerprint.get("tallies", {}).get(prefix) or {
        "count": sum(1 for key in fingerprint["items"] if key.startswith(prefix))
    }
