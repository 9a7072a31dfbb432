from django.apps import AppConfig

from mobilise.projects.apps import JobApp, JobFacts


class OutputsConfig(JobApp, AppConfig):
    name = "mobilise.outputs"
    label = "outputs"
    verbose_name = "Tailored outputs"
    job = JobFacts(
        key="outputs",
        name="Outputs",
        url_name="outputs:home",
        purpose="Findings turned into briefs, summaries and case studies for each audience",
    )
    project_data = {"Audience": "project_id", "Output": "project_id", "Finding": "project_id"}

    def ready(self):
        super().ready()
        from mobilise.core import reviews
        from mobilise.stakeholders.timeline import TIMELINE

        from .access import timeline_entries
        from .models import Output
        from .reviewing import OutputReview

        TIMELINE.register(timeline_entries)
        reviews.register(Output, OutputReview())
