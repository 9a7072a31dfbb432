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
    project_data = {"Stakeholder": "project_id", "Relationship": "project_id", "ImportRun": "project_id"}

    def ready(self):
        super().ready()
        from mobilise.directory.models import Organisation, Person
        from mobilise.projects import generations

        from .models import Stakeholder

        # A stakeholder is shown by what the directory keeps of its person or organisation for every project: the name,
        # the sector (a person's is their organisation's), a person's job and whether they may be contacted.
        person = ("full_name", "job_title", "organisation", "do_not_contact")
        generations.watch_shared(Person, Stakeholder, "person", fields=person)
        generations.watch_shared(Organisation, Stakeholder, "organisation", fields=("name", "sector"))
        generations.watch_shared(Organisation, Stakeholder, "person__organisation", fields=("name", "sector"))
