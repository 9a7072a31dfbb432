from django.apps import AppConfig

from mobilise.projects.apps import JobApp, JobFacts


class PlanningConfig(JobApp, AppConfig):
    name = "mobilise.planning"
    label = "planning"
    verbose_name = "Planning for impact"
    job = JobFacts(
        key="plan", name="Logic model", url_name="planning:model", purpose="The theory of change, from inputs to impact"
    )
    project_data = {"LogicModel": "project_id", "Element": "model__project_id", "Link": "model__project_id"}
