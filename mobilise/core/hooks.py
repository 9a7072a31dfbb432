"""Hooks: how a lower app shows what a higher app adds, without importing it (apps depend downward only).

A lower app declares a named hook in the module that calls it, with a docstring that says how providers are
called, what they return and how many queries they may use:

    TIMELINE = hooks.declare("stakeholders.timeline", "provider(project, *, stakeholder, before, limit) -> ...")

A higher app registers its providers in its AppConfig.ready(), through the hook object it imports from below:

    def ready(self):
        from mobilise.stakeholders.timeline import TIMELINE

        TIMELINE.register(providers.interactions)

and the lower app reads `TIMELINE.providers`, in the order the apps were installed. Declared hooks are listed
by `declared()`; `Hook.temporarily()` swaps the providers for a test.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.core.exceptions import ImproperlyConfigured


class Hook:
    def __init__(self, name: str, doc: str) -> None:
        self.name = name
        self.__doc__ = doc
        self._providers: list[Any] = []

    def __repr__(self) -> str:
        return f"<Hook {self.name}: {len(self._providers)} providers>"

    def register(self, provider: Any) -> Any:
        """Add a provider (once, however often ready() runs); returns it, so this also works as a decorator."""
        if provider not in self._providers:
            self._providers.append(provider)
        return provider

    @property
    def providers(self) -> tuple[Any, ...]:
        return tuple(self._providers)

    @contextmanager
    def temporarily(self, *providers: Any) -> Iterator["Hook"]:
        """Only these providers until the block ends (for tests)."""
        saved, self._providers = self._providers, list(providers)
        try:
            yield self
        finally:
            self._providers = saved


_hooks: dict[str, Hook] = {}


def declare(name: str, doc: str) -> Hook:
    """A new hook. Each name is declared once, by the app that calls the hook, named "<app>.<what>"."""
    if name in _hooks:
        raise ImproperlyConfigured(f"The hook {name!r} is declared twice")
    _hooks[name] = Hook(name, doc)
    return _hooks[name]


def declared() -> dict[str, Hook]:
    return dict(_hooks)
