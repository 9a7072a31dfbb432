from django.apps import AppConfig


class PlanningConfig(AppConfig):
    name = "mobilise.planning"
    label = "planning"
    verbose_name = "Planning for impact"

    def ready(self):
        from mobilise.projects.jobs import JOBS, Job

        from .status import status

        JOBS.register(
            Job(
                key="plan",
                name="Logic model",
                url_name="planning:model",
                purpose="The theory of change, from inputs to impact",
                status=status,
                namespaces=("planning",),
            )
        )
