"""What every page of the logic model shares: the board's URL, its presenters, the cached diagram, and the page
that asks before a change that removes elements."""

import hashlib
import json
from dataclasses import dataclass, field
from typing import Any

from django.core.cache import cache
from django.shortcuts import render
from django.urls import reverse

from mobilise.documents import logic_model as documents
from mobilise.projects.access import page_context

from .. import access, references
from ..models import CAUSAL, NOTES, Element, Link


def confirm_page(request, project, *, title, body, confirm_text, cancel, removed=(), unlinked=None, hidden=None):
    """Ask before a change: `removed` (elements) are named as going, and what in other apps points at `unlinked`
    (by default the removed) is named as losing its link. `hidden` fields are posted again with the confirmation."""
    context = page_context(
        request,
        project,
        title=title,
        body=body,
        losing=references.losing(removed if unlinked is None else unlinked),
        confirm_text=confirm_text,
        cancel=cancel,
    )
    if removed:
        context["removed"] = [e.text for e in removed]
    if hidden:
        context["hidden"] = hidden
    return render(request, "planning/confirm.html", context)


def board_url(project, anchor=""):
    return reverse("planning:model", args=[project.pk]) + (f"#{anchor}" if anchor else "")


@dataclass(slots=True)
class LinkRow:
    """A causal link with both its ends, as the board and the element page show it."""

    link: Link
    source_el: Element
    target_el: Element

    def __getattr__(self, name: str) -> Any:
        return getattr(self.link, name)


@dataclass(slots=True)
class Card:
    """An element on the board: what it leads to and comes from, the notes attached to it, and for a note, what it
    is attached to."""

    element: Element
    leads_to: list[LinkRow] = field(default_factory=list)
    comes_from: list[LinkRow] = field(default_factory=list)
    notes: list[Element] = field(default_factory=list)
    about_text: str = ""

    def __getattr__(self, name: str) -> Any:
        return getattr(self.element, name)


def link_rows(elements: list[Element], links: list[Link]) -> list[LinkRow]:
    by_pk = {e.pk: e for e in elements}
    return [LinkRow(link, by_pk[link.source_id], by_pk[link.target_id]) for link in links]


def columns(elements: list[Element], links: list[Link]) -> list[dict[str, Any]]:
    """Columns in order, each with its elements as cards."""
    cards = {e.pk: Card(e) for e in elements}
    rows = link_rows(elements, links)
    for row in rows:
        cards[row.link.source_id].leads_to.append(row)
        cards[row.link.target_id].comes_from.append(row)
    row_by_pk = {row.link.pk: row for row in rows}
    for card in cards.values():
        e = card.element
        if e.about_element_id in cards:
            card.about_text = cards[e.about_element_id].element.text
            cards[e.about_element_id].notes.append(e)
        elif e.about_link_id in row_by_pk:
            row = row_by_pk[e.about_link_id]
            card.about_text = f"{row.source_el} → {row.target_el}"
            cards[row.link.source_id].notes.append(e)
    return [
        {"column": c, "label": c.label, "elements": [card for card in cards.values() if card.element.column == c]}
        for c in CAUSAL + NOTES
    ]


def document_data(project, data):
    return access.document(project, data)


def diagram(doc, highlight=None, marked=()):
    """The diagram's SVG, kept by its content: laying out a 300-element model is most of the page's time, and
    the same model is drawn again and again until someone changes it. `marked`: the keys of the outcomes with
    evidence of impact."""
    content = json.dumps([doc, sorted(map(str, highlight or ())), sorted(marked)], sort_keys=True, default=str)
    key = f"logic-model-svg:{hashlib.sha256(content.encode()).hexdigest()}"
    return cache.get_or_set(
        key, lambda: documents.diagram_svg(doc, highlight=highlight, marked=marked), timeout=24 * 3600
    )


def stale_message(stale, what):
    fields = ", ".join(stale.fields) if stale.fields else "it"
    return (
        f"Someone changed {what} after you opened this page ({fields}). Your changes are not saved yet: "
        "check the current version shown on the model, then save again."
    )
