from django.apps import AppConfig


class OutputsConfig(AppConfig):
    name = "mobilise.outputs"
    label = "outputs"
    verbose_name = "Tailored outputs"

    def ready(self):
        from mobilise.core import reviews
        from mobilise.stakeholders.timeline import TIMELINE

        from .access import timeline_entries
        from .models import Output
        from .reviewing import OutputReview

        TIMELINE.register(timeline_entries)
        reviews.register(Output, OutputReview())
