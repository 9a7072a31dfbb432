"""Which logic-model elements have an indicator (for the model review) or evidence of impact (for the diagram).

Planning sits below the evaluation app, so it cannot import it: evaluation fills the INDICATORS hook instead.
With no provider registered, element_keys returns None and the review does not report outcomes without an
indicator.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from mobilise.core import hooks
from mobilise.projects.models import Project

from .models import Element, LogicModel

INDICATORS = hooks.declare(
    "planning.indicators",
    """What measures a logic model's elements.

    A provider is an IndicatorProvider: provider.element_keys(model) -> iterable of the keys (as text) of the
    model's elements that have an indicator, in a fixed number of queries; provider.add_url(project, element)
    -> where to add an indicator for the element, without a query; provider.evidenced_keys(model) -> iterable of
    the keys of the model's elements shown by an impact claim that has evidence, in one query;
    provider.chain_url(project) -> the page of each outcome's chain, without a query.""",
)


@dataclass(frozen=True)
class IndicatorProvider:
    element_keys: Callable[..., Iterable[str]]
    add_url: Callable[..., str]
    evidenced_keys: Callable[..., Iterable[str]]
    chain_url: Callable[..., str]


def fix_url(project: Project, element: Element) -> str | None:
    """Where to add an indicator for the element (the first provider's page), or None with no provider."""
    providers = INDICATORS.providers
    return providers[0].add_url(project, element) if providers else None


def element_keys(model: LogicModel) -> set[str] | None:
    providers = INDICATORS.providers
    if not providers:
        return None
    if model.pk is None:
        return set()
    keys = set()
    for provider in providers:
        keys |= set(provider.element_keys(model))
    return keys


def evidenced(project: Project, model: LogicModel) -> tuple[set[str], str | None]:
    """(keys of the elements with evidence of impact, the page of each outcome's chain); (empty, None) with no
    provider."""
    providers = INDICATORS.providers
    if not providers or model.pk is None:
        return set(), None
    keys = {str(key) for provider in providers for key in provider.evidenced_keys(model)}
    return keys, providers[0].chain_url(project)
