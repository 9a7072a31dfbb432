from django.apps import AppConfig


class PlansConfig(AppConfig):
    name = "mobilise.plans"
    label = "plans"
    verbose_name = "Knowledge mobilisation plans"

    def ready(self):
        from mobilise.core import reviews
        from mobilise.projects import generations
        from mobilise.projects.planhealth import PLAN_HEALTH

        from .health import checks_for
        from .models import Cost, Plan, PlanSection
        from .reviewing import PlanReview

        reviews.register(Plan, PlanReview())
        generations.watch(Plan)
        generations.watch(PlanSection, "plan__project_id")
        generations.watch(Cost, "plan__project_id")
        # The project's home shows the plan health check; projects sits below plans, so plans fills its hook.
        PLAN_HEALTH.register(checks_for)
