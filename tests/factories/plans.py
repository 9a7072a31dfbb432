import factory

from mobilise.plans.models import Cost, Plan, PlanSection, PlanTemplate

from .projects import ProjectFactory


class PlanTemplateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PlanTemplate

    name = factory.Sequence(lambda n: f"Regional impact plan {n}")
    sections = factory.LazyFunction(
        lambda: [
            {"key": "reach", "heading": "Reach", "guidance": "Who it reaches", "limit": 50, "unit": "words"},
            {"key": "summary", "heading": "Summary", "guidance": "", "limit": 280, "unit": "characters"},
        ]
    )


class PlanFactory(factory.django.DjangoModelFactory):
    """A plan in the NIHR shape with no sections; `services.create_plan` drafts them from the live data."""

    class Meta:
        model = Plan

    project = factory.SubFactory(ProjectFactory)
    template_key = "nihr"
    title = factory.Sequence(lambda n: f"NIHR dissemination plan {n}")


class PlanSectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PlanSection

    plan = factory.SubFactory(PlanFactory)
    key = "outputs"
    heading = "What outputs do you expect the research to produce?"
    text = "A policy brief for commissioners."


class CostFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Cost

    plan = factory.SubFactory(PlanFactory)
    item = "Public contributor time"
    cost = 1250
