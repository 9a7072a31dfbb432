import datetime

import factory
from django.utils import timezone

from mobilise.engagement.models import Action, AgendaItem, Attachment, Insight, Interaction, Invitation, Kind, Workshop

from .projects import ProjectFactory
from .stakeholders import StakeholderFactory


class InteractionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Interaction

    project = factory.SubFactory(ProjectFactory)
    date = factory.LazyFunction(timezone.localdate)
    kind = Kind.MEETING
    subject = factory.Sequence(lambda n: f"Commissioning intentions {n}")


class ActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Action

    project = factory.SubFactory(ProjectFactory)
    description = factory.Sequence(lambda n: f"Send the interim findings {n}")


class WorkshopFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Workshop

    project = factory.SubFactory(ProjectFactory)
    title = factory.Sequence(lambda n: f"Commissioning workshop {n}")
    purpose = "Agree what the ICB will fund next year"
    starts = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=14))
    ends = factory.LazyAttribute(lambda o: o.starts + datetime.timedelta(hours=2))


class AgendaItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AgendaItem

    workshop = factory.SubFactory(WorkshopFactory)
    order = factory.Sequence(int)
    title = factory.Sequence(lambda n: f"Agenda item {n}")


class InvitationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Invitation

    workshop = factory.SubFactory(WorkshopFactory)
    stakeholder = factory.SubFactory(StakeholderFactory, project=factory.SelfAttribute("..workshop.project"))


class AttachmentFactory(factory.django.DjangoModelFactory):
    """A file kept with an interaction (set MEDIA_ROOT to a temporary folder in the test)."""

    class Meta:
        model = Attachment

    project = factory.SubFactory(ProjectFactory)
    file = factory.django.FileField(filename="notes.txt", data=b"Notes of the meeting")
    name = "notes.txt"
    content_type = "text/plain"
    size = 20


class InsightFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Insight

    project = factory.SubFactory(ProjectFactory)
    question = factory.Sequence(lambda n: f"Would evening clinics raise uptake? ({n})")
