from django.apps import AppConfig


class PortfolioConfig(AppConfig):
    name = "mobilise.portfolio"
    label = "portfolio"
    verbose_name = "Programme"
