from django.apps import AppConfig


class StakeholdersConfig(AppConfig):
    name = "mobilise.stakeholders"
    label = "stakeholders"
    verbose_name = "Stakeholders"
