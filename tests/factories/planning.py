import factory

from mobilise.planning import services
from mobilise.planning.models import Column, Element, Link, LogicModel, Snapshot

from .projects import ProjectFactory


class LogicModelFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LogicModel
        django_get_or_create = ("project",)

    project = factory.SubFactory(ProjectFactory)


class ElementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Element

    model = factory.SubFactory(LogicModelFactory)
    column = Column.ACTIVITIES
    text = factory.Sequence(lambda n: f"Community champion session {n}")
    position = factory.Sequence(int)


class LinkFactory(factory.django.DjangoModelFactory):
    """An activity leading to an output of the same model."""

    class Meta:
        model = Link

    model = factory.SubFactory(LogicModelFactory)
    source = factory.SubFactory(ElementFactory, model=factory.SelfAttribute("..model"), column=Column.ACTIVITIES)
    target = factory.SubFactory(ElementFactory, model=factory.SelfAttribute("..model"), column=Column.OUTPUTS)
    rationale = "Sessions reach women the letters miss"


class SnapshotFactory(factory.django.DjangoModelFactory):
    """A snapshot of the model as it stands, taken the way the app takes one so its data can be restored."""

    class Meta:
        model = Snapshot

    model = factory.SubFactory(LogicModelFactory)
    name = factory.Sequence(lambda n: f"Snapshot {n}")
    created_by = None

    @classmethod
    def _create(cls, model_class, *, model, name, created_by):
        return services.take_snapshot(project=model.project, name=name, by=created_by)
