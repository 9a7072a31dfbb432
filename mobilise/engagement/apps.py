from django.apps import AppConfig

from mobilise.projects.apps import JobApp, JobFacts


class EngagementConfig(JobApp, AppConfig):
    name = "mobilise.engagement"
    label = "engagement"
    verbose_name = "Engagement"
    job = JobFacts(
        key="engagement",
        name="Engagement",
        url_name="engagement:due",
        purpose="Who is due for contact, the interaction log, actions, workshops and evidence gaps",
    )

    def ready(self):
        super().ready()
        from mobilise.projects.origins import ORIGINS
        from mobilise.stakeholders.timeline import TIMELINE

        from . import access, providers

        for provider in (providers.interactions, providers.actions, providers.workshops):
            TIMELINE.register(provider)
        ORIGINS.register(access.gap_origins)
