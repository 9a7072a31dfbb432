from django.apps import AppConfig


class EvaluationConfig(AppConfig):
    name = "mobilise.evaluation"
    label = "evaluation"
    verbose_name = "Evaluation and learning"

    def ready(self):
        from mobilise.planning.indicators import INDICATORS, IndicatorProvider

        from .access import add_indicator_url, indicator_element_keys

        INDICATORS.register(IndicatorProvider(element_keys=indicator_element_keys, add_url=add_indicator_url))
