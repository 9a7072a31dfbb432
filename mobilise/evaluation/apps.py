from django.apps import AppConfig

from mobilise.projects.apps import JobApp, JobFacts


class EvaluationConfig(JobApp, AppConfig):
    name = "mobilise.evaluation"
    label = "evaluation"
    verbose_name = "Evaluation and learning"
    job = JobFacts(
        key="evaluation",
        name="Evaluation",
        url_name="evaluation:home",
        purpose="Evaluation questions, indicators against targets, feedback, impact and learning",
    )
    project_data = {
        "Question": "project_id",
        "Indicator": "project_id",
        "Period": "indicator__project_id",
        "Actual": "period__indicator__project_id",
        "ImpactClaim": "project_id",
        "Evidence": "claim__project_id",
    }

    def ready(self):
        super().ready()
        from mobilise.engagement.feedback import FEEDBACK, FeedbackProvider
        from mobilise.planning.indicators import INDICATORS, IndicatorProvider
        from mobilise.planning.references import REFERENCES, ReferenceProvider

        from .access import (
            add_indicator_url,
            add_workshop_form_url,
            chain_url,
            element_references,
            evidenced_element_keys,
            indicator_element_keys,
            workshop_forms,
        )
        from .services import relink_element

        INDICATORS.register(
            IndicatorProvider(
                element_keys=indicator_element_keys,
                add_url=add_indicator_url,
                evidenced_keys=evidenced_element_keys,
                chain_url=chain_url,
            )
        )
        REFERENCES.register(ReferenceProvider(name="evaluation", linked=element_references, relink=relink_element))
        FEEDBACK.register(FeedbackProvider(forms=workshop_forms, add_url=add_workshop_form_url))
