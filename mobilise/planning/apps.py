from django.apps import AppConfig


class PlanningConfig(AppConfig):
    name = "mobilise.planning"
    label = "planning"
    verbose_name = "Planning for impact"
