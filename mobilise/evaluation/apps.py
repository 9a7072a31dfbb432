from django.apps import AppConfig


class EvaluationConfig(AppConfig):
    name = "mobilise.evaluation"
    label = "evaluation"
    verbose_name = "Evaluation and learning"

    def ready(self):
        from mobilise.planning.indicators import INDICATORS, IndicatorProvider
        from mobilise.planning.references import REFERENCES, ReferenceProvider

        from .access import add_indicator_url, element_references, indicator_element_keys
        from .services import relink_element

        INDICATORS.register(IndicatorProvider(element_keys=indicator_element_keys, add_url=add_indicator_url))
        REFERENCES.register(ReferenceProvider(name="evaluation", linked=element_references, relink=relink_element))

        from mobilise.engagement.feedback import FEEDBACK, FeedbackProvider

        from .access import add_workshop_form_url, workshop_forms

        FEEDBACK.register(FeedbackProvider(forms=workshop_forms, add_url=add_workshop_form_url))
