from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "mobilise.core"
    label = "core"
    verbose_name = "Core"
