from django.apps import AppConfig


class EvaluationConfig(AppConfig):
    name = "mobilise.evaluation"
    label = "evaluation"
    verbose_name = "Evaluation and learning"

    def ready(self):
        from mobilise.planning.indicators import INDICATORS, IndicatorProvider
        from mobilise.projects.jobs import JOBS, Job

        from .access import add_indicator_url, indicator_element_keys
        from .status import status

        JOBS.register(
            Job(
                key="evaluation",
                name="Evaluation",
                url_name="evaluation:home",
                purpose="Evaluation questions, indicators against targets, feedback, impact and learning",
                status=status,
                namespaces=("evaluation",),
            )
        )

        INDICATORS.register(IndicatorProvider(element_keys=indicator_element_keys, add_url=add_indicator_url))
