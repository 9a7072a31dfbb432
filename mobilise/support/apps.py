from django.apps import AppConfig


class SupportConfig(AppConfig):
    name = "mobilise.support"
    label = "support"
    verbose_name = "Support"

    def ready(self):
        from mobilise.core import retention
        from mobilise.directory.record import RECORD
        from mobilise.engagement.elsewhere import DUE
        from mobilise.projects.support import SUPPORT

        from . import providers
        from . import retention as support_retention
        from .models import Idea, SupportRequest

        retention.register(
            SupportRequest,
            retention.Retained(
                noun="request", expired=support_retention.expired, anonymise=support_retention.anonymise
            ),
        )
        retention.register(
            Idea,
            retention.Retained(
                noun="idea", expired=support_retention.ideas_expired, anonymise=support_retention.anonymise_idea
            ),
        )
        SUPPORT.register(providers.project_support)
        DUE.register(providers.next_steps)
        RECORD.register(providers.introductions)
