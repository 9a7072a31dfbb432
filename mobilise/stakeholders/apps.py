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
    project_data = {"Stakeholder": "project_id", "ImportRun": "project_id"}

    def ready(self):
        super().ready()
        from mobilise.directory.models import Organisation, Person
        from mobilise.projects import generations

        from .models import Stakeholder

        # A stakeholder is shown by its person's or organisation's name, which the directory keeps for every project.
        generations.watch_shared(Person, Stakeholder, "person", fields=("full_name",))
        generations.watch_shared(Organisation, Stakeholder, "organisation", fields=("name",))
