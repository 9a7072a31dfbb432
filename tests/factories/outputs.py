import factory

from mobilise.outputs.models import (
    Audience,
    AudienceKind,
    Certainty,
    Finding,
    GlossaryTerm,
    Kind,
    Output,
    Section,
)

from .core import UserFactory
from .projects import ProjectFactory


class FindingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Finding

    project = factory.SubFactory(ProjectFactory)
    statement = factory.Sequence(lambda n: f"Uptake rose by {n} points where champions ran sessions.")
    certainty = Certainty.MODERATE
    position = factory.Sequence(int)


class AudienceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Audience

    project = factory.SubFactory(ProjectFactory)
    kind = AudienceKind.COMMISSIONERS
    name = factory.Sequence(lambda n: f"ICB cancer board {n}")
    target_grade = 10


class OutputFactory(factory.django.DjangoModelFactory):
    """A draft product for an audience of the same project; sections come from SectionFactory."""

    class Meta:
        model = Output

    project = factory.SubFactory(ProjectFactory)
    kind = Kind.POLICY_BRIEF
    title = factory.Sequence(lambda n: f"Policy brief {n}")
    audience = factory.SubFactory(AudienceFactory, project=factory.SelfAttribute("..project"))
    created_by = factory.SubFactory(UserFactory)


class SectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Section

    output = factory.SubFactory(OutputFactory)
    heading = factory.Sequence(lambda n: f"Section {n}")
    body = "Community champions raised screening uptake."
    position = factory.Sequence(int)


class GlossaryTermFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = GlossaryTerm

    term = factory.Sequence(lambda n: f"jargon{n}")
    plain = "plain words"
