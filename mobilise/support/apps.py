from django.apps import AppConfig


class SupportConfig(AppConfig):
    name = "mobilise.support"
    label = "support"
    verbose_name = "Support"

    def ready(self):
        from mobilise.engagement.elsewhere import DUE
        from mobilise.projects.support import SUPPORT

        from . import providers

        SUPPORT.register(providers.project_support)
        DUE.register(providers.next_steps)
