"""Other things due for the signed-in user, shown on the due list across all projects (support's next steps).

The apps that keep such things sit above engagement, so engagement cannot import them: they fill the DUE hook.
With no provider registered (or nothing due for this user) the page shows nothing more.
"""

import datetime
from dataclasses import dataclass

from mobilise.core import hooks
from mobilise.core.models import User

DUE = hooks.declare(
    "engagement.due",
    """More sections for the due list across all projects, for the signed-in user.

    A provider is called as provider(user, today) -> DueSection or None (None when nothing is due for this user,
    or the user has no part in it). It runs in a fixed number of queries (at most one), and in none for a user it
    does not concern.""",
)


@dataclass(frozen=True)
class DueItem:
    text: str  # what is due ("Send the draft plan")
    context: str  # what it belongs to ("TOGETHER-Screen follow-on ...")
    url: str
    due: datetime.date
    overdue: bool


@dataclass(frozen=True)
class DueSection:
    key: str  # the section's id on the page
    heading: str
    items: tuple[DueItem, ...]  # overdue first, then by date


def sections(user: User, today: datetime.date) -> list[DueSection]:
    found = (provider(user, today) for provider in DUE.providers)
    return [section for section in found if section is not None and section.items]
