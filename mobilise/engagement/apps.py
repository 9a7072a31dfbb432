from django.apps import AppConfig


class EngagementConfig(AppConfig):
    name = "mobilise.engagement"
    label = "engagement"
    verbose_name = "Engagement"

    def ready(self):
        from mobilise.stakeholders.timeline import TIMELINE

        from . import providers

        for provider in (providers.interactions, providers.actions, providers.workshops):
            TIMELINE.register(provider)
