from django.apps import AppConfig

from mobilise.projects.apps import JobApp, JobFacts


class StakeholdersConfig(JobApp, AppConfig):
    name = "mobilise.stakeholders"
    label = "stakeholders"
    verbose_name = "Stakeholders"
    job = JobFacts(
        key="stakeholders",
        name="Stakeholders",
        url_name="stakeholders:register",
        purpose="Who benefits, who decides, who must be engaged",
    )
