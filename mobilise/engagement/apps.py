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
    project_data = {"Workshop": "project_id", "Action": "project_id", "Interaction": "project_id"}

    def ready(self):
        super().ready()
        from django.contrib.auth import get_user_model

        from mobilise.projects import generations
        from mobilise.projects.origins import ORIGINS
        from mobilise.stakeholders.timeline import TIMELINE

        from . import access, providers
        from .models import Action

        for provider in (providers.interactions, providers.actions, providers.workshops):
            TIMELINE.register(provider)
        ORIGINS.register(access.gap_origins)
        # An action is shown with its owner's name.
        generations.watch_shared(get_user_model(), Action, "owner", fields=("full_name",))
