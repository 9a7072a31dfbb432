"""Where a project came from (an evidence gap raised on another project), for its home's "About the project".

The evidence gaps belong to the engagement app, above projects, so projects cannot import it: engagement fills the
ORIGINS hook instead. With no provider registered the home says nothing about where the project came from.
"""

from dataclasses import dataclass

from mobilise.core import hooks
from mobilise.core.models import User

from .models import Project

ORIGINS = hooks.declare(
    "projects.origins",
    """Where a project came from, for its home.

    A provider is called as provider(project, user) -> list of Origin, for a user who may read the project (the
    view has checked), in at most two queries. `url` is where the origin is shown, for a user who may open it,
    else None.""",
)


@dataclass(frozen=True)
class Origin:
    text: str
    url: str | None


def origins(project: Project, user: User) -> list[Origin]:
    return [origin for provider in ORIGINS.providers for origin in provider(project, user)]
