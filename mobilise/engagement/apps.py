from django.apps import AppConfig


class EngagementConfig(AppConfig):
    name = "mobilise.engagement"
    label = "engagement"
    verbose_name = "Engagement"

    def ready(self):
        from mobilise.stakeholders import timeline

        from . import providers

        for provider in (providers.interactions, providers.actions, providers.workshops):
            timeline.register(provider)
