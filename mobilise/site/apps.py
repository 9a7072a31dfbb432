from django.apps import AppConfig


class SiteConfig(AppConfig):
    name = "mobilise.site"
    label = "site"
    verbose_name = "Public site"
