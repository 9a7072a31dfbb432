"""The support a project has had from the support organisation (its cases and advice), for the project's home.

Support cases belong to the support app, which sits above projects, so projects cannot import it: support fills
the SUPPORT hook instead. With no provider registered the home shows no support section.
"""

import datetime
from dataclasses import dataclass

from mobilise.core import hooks
from mobilise.core.models import User

from .models import Project

SUPPORT = hooks.declare(
    "projects.support",
    """The support cases linked to a project, for its home's "Support from <organisation>" section.

    A provider is called as provider(project, user) -> list of SupportCase, newest first, for a user who may
    read the project (the view has checked). It runs in a fixed number of queries (at most two) however many
    cases and advice entries there are, and none when there is nothing to show. `url` is the case's page for
    those allowed to open it, else None: the project's readers see the history, not the staff-only pages.""",
)


@dataclass(frozen=True)
class SupportCase:
    organisation: str  # who gave the support
    opened: datetime.datetime
    closed: datetime.datetime | None
    lead: str  # the lead adviser's name, "" when none
    outcome: str  # the outcome's label once closed, else ""
    minutes: int  # time spent on all its advice
    entries: int  # how many advice entries
    url: str | None

    @property
    def hours(self) -> float:
        return round(self.minutes / 60, 1)


def history(project: Project, user: User) -> list[SupportCase]:
    return [case for provider in SUPPORT.providers for case in provider(project, user)]
