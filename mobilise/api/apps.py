from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "mobilise.api"
    label = "api"
    verbose_name = "API"

    def ready(self):
        from mobilise.core.account import ACCOUNT

        from . import account, schema  # noqa: F401  (schema registers the token's security scheme)

        ACCOUNT.register(account.tokens_section)
