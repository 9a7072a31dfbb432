import factory

from mobilise.stakeholders.models import (
    Attitude,
    ImportBatch,
    Relationship,
    RelationshipKind,
    ScoreChange,
    Stakeholder,
    StakeholderRole,
)

from .core import UserFactory
from .projects import ProjectFactory


class StakeholderFactory(factory.django.DjangoModelFactory):
    """A group or community on a project's map; pass organisation= or person= for a directory record."""

    class Meta:
        model = Stakeholder

    project = factory.SubFactory(ProjectFactory)
    group_name = factory.Sequence(lambda n: f"Patient forum {n}")
    # Scored by default, as most tests read a place on the grid; pass None for all three for one not yet scored.
    interest = 3
    influence = 3
    impact = 3


class StakeholderRoleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StakeholderRole

    stakeholder = factory.SubFactory(StakeholderFactory)
    role = "influencer"


class ScoreChangeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ScoreChange

    stakeholder = factory.SubFactory(StakeholderFactory)
    interest = 4
    influence = 4
    impact = 3
    attitude = Attitude.SUPPORTIVE
    reason = "Met at the commissioning board"


class RelationshipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Relationship

    project = factory.SubFactory(ProjectFactory)
    source = factory.SubFactory(StakeholderFactory, project=factory.SelfAttribute("..project"))
    target = factory.SubFactory(StakeholderFactory, project=factory.SelfAttribute("..project"))
    kind = RelationshipKind.WORKS_WITH


class ImportBatchFactory(factory.django.DjangoModelFactory):
    """An uploaded stakeholder table waiting for its columns to be mapped."""

    class Meta:
        model = ImportBatch

    project = factory.SubFactory(ProjectFactory)
    created_by = factory.SubFactory(UserFactory)
    filename = "map.csv"
    content = b"Name,Organisation\r\nRaj Patel,Kingsbridge ICB\r\n"
    mapping = factory.LazyFunction(dict)
