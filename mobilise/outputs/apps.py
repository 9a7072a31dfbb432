from django.apps import AppConfig


class OutputsConfig(AppConfig):
    name = "mobilise.outputs"
    label = "outputs"
    verbose_name = "Tailored outputs"

    def ready(self):
        from mobilise.stakeholders import timeline

        from .access import timeline_entries

        timeline.register(timeline_entries)
