from django.apps import AppConfig


class SupportConfig(AppConfig):
    name = "mobilise.support"
    label = "support"
    verbose_name = "Support"
