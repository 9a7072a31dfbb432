"""The plan health check's shape, and the hook the project's home shows it through.

The check itself (`plans/health.py`) reads every job, so it lives in the plans app, above projects; projects
declares the shape and the PLAN_HEALTH hook, plans fills it. With no provider registered the home shows no check.
"""

from dataclasses import dataclass, field
from typing import Protocol

from mobilise.core import hooks
from mobilise.core.models import User

from .jobs import JobStatus
from .models import Project

PLAN_HEALTH = hooks.declare(
    "projects.plan_health",
    """The plan health check, for the project's home.

    A provider is called as provider(project, user) -> PlanHealth (below) for a user who may read the project (the
    view has checked), in a fixed number of queries however much the project holds. The first provider's answer
    is shown.""",
)


@dataclass(frozen=True)
class Check:
    """One of the plan's checks: `job` is the job it belongs to (a `projects.jobs` key), `url` where to act on it."""

    key: str
    label: str
    met: bool
    detail: str
    url: str
    job: str = ""


@dataclass(frozen=True)
class PlanHealth:
    """The plan's checks, and (for one project, not in the bulk form) each job's status from the JOBS hook."""

    checks: tuple[Check, ...]
    url: str = ""  # the project's plans page
    jobs: tuple[tuple[str, JobStatus], ...] = field(default=())  # (job name, status)

    @property
    def met(self) -> int:
        return sum(1 for check in self.checks if check.met)

    @property
    def total(self) -> int:
        return len(self.checks)


class HealthProvider(Protocol):
    def __call__(self, project: Project, user: User) -> PlanHealth: ...


def plan_health(project: Project, user: User) -> PlanHealth | None:
    providers = PLAN_HEALTH.providers
    return providers[0](project, user) if providers else None
