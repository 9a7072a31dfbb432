from importlib import import_module
from typing import TypedDict

from django.apps import AppConfig


class ProjectsConfig(AppConfig):
    name = "mobilise.projects"
    label = "projects"
    verbose_name = "Projects"

    def ready(self) -> None:
        from . import generations
        from .models import Project

        generations.watch(Project, "pk")


class JobFacts(TypedDict):
    """What the projects.jobs hook shows of a job (a Job in projects/jobs.py), but for its status."""

    key: str
    name: str
    url_name: str
    purpose: str


class JobApp:
    """Mixed into the AppConfig of an app that does one of a project's jobs (planning, stakeholders, outputs,
    engagement, evaluation). The app declares its job as data, `job`; ready() registers it in the projects.jobs hook
    with the `status(project, user)` of the app's status.py. An app that fills other hooks as well extends ready()
    and calls super().ready() first, so that the jobs keep the order their apps are installed in.

    A mixin, not an AppConfig: Django takes an app's config from its apps.py only when one AppConfig is found there.
    """

    name: str
    job: JobFacts
    # The app's models that hold a project's data, by name, with the path from a row to its project's id: a write
    # to any of them moves the project's data generation on (generations.py).
    project_data: dict[str, str] = {}

    def ready(self) -> None:
        from . import generations
        from .jobs import JOBS, Job

        status = import_module(f"{self.name}.status").status
        JOBS.register(Job(status=status, **self.job))
        for model, path in self.project_data.items():
            generations.watch(self.get_model(model), path)  # type: ignore[attr-defined]
