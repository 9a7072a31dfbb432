from django.apps import AppConfig


class OutputsConfig(AppConfig):
    name = "mobilise.outputs"
    label = "outputs"
    verbose_name = "Tailored outputs"

    def ready(self):
        from mobilise.core import reviews
        from mobilise.projects.jobs import JOBS, Job
        from mobilise.stakeholders.timeline import TIMELINE

        from .access import timeline_entries
        from .models import Output
        from .reviewing import OutputReview
        from .status import status

        JOBS.register(
            Job(
                key="outputs",
                name="Outputs",
                url_name="outputs:home",
                purpose="Findings turned into briefs, summaries and case studies for each audience",
                status=status,
                namespaces=("outputs",),
            )
        )
        TIMELINE.register(timeline_entries)
        reviews.register(Output, OutputReview())
