"""Announcing that something happened (a support request arrived, an output was published), for whatever a higher
app does with it (the API's webhooks), without the announcing app importing it: the `core.happened` hook.

A service announces in one line, inside its transaction, once the change is saved:

    happenings.announce("output.published", output, project=output.project)

Providers run at once, in the same transaction, so what they store is rolled back with the change; anything slow
or outside (a delivery) they queue with `core.tasks.enqueue_on_commit`. The names are the catalogue below: an
unknown name is a mistake, refused at once.
"""

from dataclasses import dataclass
from typing import Any

from django.db import models

from . import hooks

HAPPENED = hooks.declare(
    "core.happened",
    """provider(name, obj, *, project) -> None: `name` is one of happenings.CATALOGUE, `obj` the saved object it is
    about, `project` the project it belongs to or None. Called inside the announcing service's transaction; a
    provider queues slow work on commit and may use a few queries (it runs on public journeys too).""",
)


@dataclass(frozen=True)
class Happening:
    description: str
    advisers_only: bool  # about the support organisation's own service (requests, registrations), not a project


CATALOGUE: dict[str, Happening] = {
    "support_request.created": Happening("A support request is received", advisers_only=True),
    "support_request.changed": Happening("A support request changes status", advisers_only=True),
    "registration.created": Happening("Someone registers for a webinar", advisers_only=True),
    "registration.cancelled": Happening("A webinar registration is cancelled", advisers_only=True),
    "output.published": Happening("An output is published", advisers_only=False),
    "impact_claim.created": Happening("An impact claim is added", advisers_only=False),
}


def announce(name: str, obj: models.Model, *, project: Any = None) -> None:
    if name not in CATALOGUE:
        raise ValueError(f"Unknown happening {name!r}: add it to core/happenings.py")
    for provider in HAPPENED.providers:
        provider(name, obj, project=project)
