from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "mobilise.api"
    label = "api"
    verbose_name = "API"

    def ready(self):
        from mobilise.core.account import ACCOUNT
        from mobilise.core.happenings import HAPPENED

        from . import account, schema, services_webhooks  # noqa: F401  (schema registers the token's security scheme)

        ACCOUNT.register(account.tokens_section)
        ACCOUNT.register(account.webhooks_section)
        HAPPENED.register(services_webhooks.on_happened)
