from django.apps import AppConfig


class EvaluationConfig(AppConfig):
    name = "mobilise.evaluation"
    label = "evaluation"
    verbose_name = "Evaluation and learning"

    def ready(self):
        from mobilise.planning import indicators

        from .access import add_indicator_url, indicator_element_keys

        indicators.register(indicator_element_keys, fix_url=add_indicator_url)
