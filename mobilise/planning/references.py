"""What in other apps points at logic-model elements (indicators, impact claims, ...).

Planning sits below the apps that cite its elements, so it cannot import them: they fill the REFERENCES hook.
Planning asks it twice: before an element goes, to name on the confirmation page what will lose its link, and
when a restore or an import brings an element back (by its key), to link again what pointed at it.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from mobilise.core import hooks

from .models import Element

REFERENCES = hooks.declare(
    "planning.references",
    """What points at a logic model's elements from other apps.

    A provider is a ReferenceProvider: provider.name identifies it (up to 100 characters);
    provider.linked(element_pks) -> iterable of Reference for every row of the provider's app that points at one
    of those elements, in a fixed number of queries; provider.relink(ref, element) -> None: make the row named by
    ref (a Reference's ref) point at element again if the row still exists, belongs to the element's project and
    points at nothing. Every foreign key to planning.Element outside planning needs a provider.""",
)


@dataclass(frozen=True)
class Reference:
    element_pk: int
    kind: str  # what it is, as a user says it: "Indicator", "Impact claim"
    title: str
    ref: str  # the provider's own name for the row, up to 100 characters, e.g. "indicator:12"


@dataclass(frozen=True)
class ReferenceProvider:
    name: str
    linked: Callable[[list[int]], Iterable[Reference]]
    relink: Callable[[str, Element], None]


def linked(elements: Iterable[Element]) -> list[tuple[str, Reference]]:
    """(provider name, reference) for everything that points at these elements."""
    pks = [e.pk for e in elements]
    if not pks:
        return []
    return [(provider.name, ref) for provider in REFERENCES.providers for ref in provider.linked(pks)]


def losing(elements: Iterable[Element]) -> list[str]:
    """What would lose its link if these elements went, in words for a confirmation page."""
    by_pk = {e.pk: e for e in elements}
    found = sorted(linked(by_pk.values()), key=lambda item: (item[1].kind, item[1].title.casefold()))
    return [f"{ref.kind} “{ref.title}”, linked to “{by_pk[ref.element_pk].text}”" for _, ref in found]


def relink(name: str, ref: str, element: Element) -> None:
    for provider in REFERENCES.providers:
        if provider.name == name:
            provider.relink(ref, element)
