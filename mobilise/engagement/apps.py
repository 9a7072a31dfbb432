from django.apps import AppConfig


class EngagementConfig(AppConfig):
    name = "mobilise.engagement"
    label = "engagement"
    verbose_name = "Engagement"

    def ready(self):
        from mobilise.projects.jobs import JOBS, Job
        from mobilise.projects.origins import ORIGINS
        from mobilise.stakeholders.timeline import TIMELINE

        from . import access, providers
        from .status import status

        JOBS.register(
            Job(
                key="engagement",
                name="Engagement",
                url_name="engagement:due",
                purpose="Who is due for contact, the interaction log, actions, workshops and evidence gaps",
                status=status,
                namespaces=("engagement",),
            )
        )

        for provider in (providers.interactions, providers.actions, providers.workshops):
            TIMELINE.register(provider)
        ORIGINS.register(access.gap_origins)
