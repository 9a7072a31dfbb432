"""The five jobs of a project (plan, stakeholders, outputs, engagement, evaluation): where each lives, and how it
stands.

The projects app sits below the job apps, so it cannot import them: each job app fills the JOBS hook instead,
and the project's home, the sub-navigation on every project page and (later) the plan health check read it.
"""

from dataclasses import dataclass, field
from typing import Any, Protocol

from django.http import HttpRequest
from django.urls import reverse

from mobilise.core import hooks
from mobilise.core.models import User

from .models import Project

JOBS = hooks.declare(
    "projects.jobs",
    """The five jobs of a project, for its sub-navigation, its home and the plan health check.

    A provider is a Job (below): its key ("plan", "stakeholders", "outputs", "engagement", "evaluation"), its
    name in the sub-navigation, `url_name` (a URL that takes the project's pk: the job's first page), the URL
    `namespaces` whose pages belong to the job (so the sub-navigation marks it current; by default the namespace
    of `url_name`), a sentence saying what the job is for, and `status(project, user) -> JobStatus`: how the job
    stands for this user and what to do next. `status` runs in a fixed number of queries (at most a handful)
    however much data the project holds: the project's home calls every job's, and its query-budget test holds
    them to it. A job app registers its Job through `projects.apps.JobApp`. Jobs are listed in the order their
    apps are installed.""",
)


@dataclass(frozen=True)
class Step:
    """Something to do, as a sentence that starts with what needs it ("2 overdue contacts"), and where."""

    text: str
    url: str


@dataclass(frozen=True)
class JobStatus:
    """How a job stands: `state` says where it is in one short sentence ("14 stakeholders, 9 scored"); `steps`
    are what needs doing, most pressing first (empty when nothing does; the first is the next step)."""

    state: str
    steps: tuple[Step, ...] = ()


class StatusReporter(Protocol):
    def __call__(self, project: Project, user: User) -> JobStatus: ...


@dataclass(frozen=True)
class Job:
    key: str
    name: str
    url_name: str
    purpose: str
    status: StatusReporter
    namespaces: tuple[str, ...] = field(default=())

    def __post_init__(self) -> None:
        if not self.namespaces:
            # The job's pages are those of its first page's namespace, unless it names them.
            namespace = self.url_name.rpartition(":")[0]
            object.__setattr__(self, "namespaces", (namespace,) if namespace else ())

    def url(self, project: Project) -> str:
        return reverse(self.url_name, args=[project.pk])


def jobs() -> tuple[Job, ...]:
    return JOBS.providers


def plural(n: int, one: str, many: str | None = None) -> str:
    """ "1 outcome", "2 outcomes": the count and the noun that agrees with it, for status sentences."""
    return f"{n:,} {one if n == 1 else (many or one + 's')}"


def statuses(project: Project, user: User) -> list[dict[str, Any]]:
    """Every job with its status, in order, for the project's home."""
    return [{"job": job, "url": job.url(project), "status": job.status(project, user)} for job in jobs()]


def subnav(request: HttpRequest, project: Project, *, can_manage: bool) -> dict[str, Any]:
    """The project's sub-navigation: {label, items}, the items its home, the five jobs and the team (for those
    who manage it), each {key, text, href, current}; the page's own section is current. Built without a query."""
    match = getattr(request, "resolver_match", None)
    namespace = match.namespace if match else ""
    url_name = match.url_name if match else ""
    items = [
        {
            "key": "home",
            "text": "Overview",
            "href": reverse("project", args=[project.pk]),
            "current": not namespace and url_name in ("project", "project-edit", "project-history"),
        }
    ]
    for job in jobs():
        items.append(
            {"key": job.key, "text": job.name, "href": job.url(project), "current": namespace in job.namespaces}
        )
    if can_manage:
        items.append(
            {
                "key": "team",
                "text": "Team",
                "href": reverse("project-team", args=[project.pk]),
                "current": not namespace and url_name.startswith(("project-team", "project-member", "project-inv")),
            }
        )
    return {"label": project.short_title, "items": items}
