from django.apps import AppConfig


class StakeholdersConfig(AppConfig):
    name = "mobilise.stakeholders"
    label = "stakeholders"
    verbose_name = "Stakeholders"

    def ready(self):
        from mobilise.projects.jobs import JOBS, Job

        from .status import status

        JOBS.register(
            Job(
                key="stakeholders",
                name="Stakeholders",
                url_name="stakeholders:register",
                purpose="Who benefits, who decides, who must be engaged",
                status=status,
                namespaces=("stakeholders",),
            )
        )
