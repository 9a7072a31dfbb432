"""The feedback forms of a workshop, shown on its page with a QR code for the room.

Feedback forms belong to the evaluation app, which sits above engagement, so engagement cannot import it:
evaluation fills the FEEDBACK hook instead. With no provider registered the workshop page shows no feedback section.
"""

from collections.abc import Callable
from dataclasses import dataclass

from mobilise.core import hooks

FEEDBACK = hooks.declare(
    "engagement.workshop_feedback",
    """The feedback forms that belong to a workshop.

    A provider is a FeedbackProvider: provider.forms(workshop) -> list of WorkshopFeedback;
    provider.add_url(workshop) -> where to build a new feedback form for the workshop.
    Database queries: forms() makes one, add_url() none.""",
)


@dataclass(frozen=True)
class WorkshopFeedback:
    title: str
    url: str  # the team's page of the form
    public_path: str  # where people answer it, without signing in
    is_open: bool


@dataclass(frozen=True)
class FeedbackProvider:
    forms: Callable[..., list[WorkshopFeedback]]
    add_url: Callable[..., str]


def forms(workshop) -> list[WorkshopFeedback]:
    return [f for provider in FEEDBACK.providers for f in provider.forms(workshop)]


def add_url(workshop) -> str | None:
    providers = FEEDBACK.providers
    return providers[0].add_url(workshop) if providers else None
