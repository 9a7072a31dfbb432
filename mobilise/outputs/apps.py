from django.apps import AppConfig


class OutputsConfig(AppConfig):
    name = "mobilise.outputs"
    label = "outputs"
    verbose_name = "Tailored outputs"

    def ready(self):
        from mobilise.stakeholders.timeline import TIMELINE

        from .access import timeline_entries

        TIMELINE.register(timeline_entries)
