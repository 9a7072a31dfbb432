"""Timelines gather dated entries from every app with something to show for a project or one stakeholder.

The stakeholder map sits below the job apps, so it cannot import them; instead each app registers a provider
in its AppConfig.ready(). A provider is called as provider(project, stakeholder=None, before=None, limit=50)
and returns up to `limit` Entry objects for the project (or only those involving the stakeholder), newest first,
all strictly older than `before` when it is given. Each provider must use a fixed number of queries.
"""

from dataclasses import dataclass, field
from datetime import datetime

_providers = []


@dataclass(frozen=True)
class Entry:
    when: datetime  # timezone-aware
    kind: str  # for example "interaction", "action", "workshop", "output"
    title: str
    url: str
    detail: str = ""
    people: tuple = field(default=())  # names of the stakeholders involved


def register(provider):
    if provider not in _providers:
        _providers.append(provider)
    return provider


def entries(project, *, stakeholder=None, kinds=None, before=None, limit=50):
    """The newest `limit` entries older than `before`, from every provider, merged newest first.

    Page on by passing the last entry's `when` as `before`: each page costs a fixed number of queries
    however long the timeline is."""
    merged = []
    for provider in _providers:
        merged.extend(provider(project, stakeholder=stakeholder, before=before, limit=limit))
    if kinds:
        merged = [e for e in merged if e.kind in kinds]
    merged.sort(key=lambda e: e.when, reverse=True)
    return merged[:limit]
