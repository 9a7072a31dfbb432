from django.apps import AppConfig


class SupportConfig(AppConfig):
    name = "mobilise.support"
    label = "support"
    verbose_name = "Support"

    def ready(self):
        from mobilise.core import retention
        from mobilise.engagement.elsewhere import DUE
        from mobilise.projects.support import SUPPORT

        from . import providers
        from . import retention as support_retention
        from .models import SupportRequest

        retention.register(
            SupportRequest,
            retention.Retained(
                noun="request", expired=support_retention.expired, anonymise=support_retention.anonymise
            ),
        )
        SUPPORT.register(providers.project_support)
        DUE.register(providers.next_steps)
