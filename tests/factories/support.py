import factory
from django.utils import timezone

from mobilise.projects.models import Stage
from mobilise.support.models import (
    AdviceEntry,
    AdviceKind,
    Case,
    EventKind,
    Idea,
    IdeaEvent,
    IdeaEventKind,
    IdeaStage,
    Need,
    Priority,
    RequesterType,
    RequestEvent,
    Status,
    SupportRequest,
)


class SupportRequestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SupportRequest
        skip_postgeneration_save = True

    reference = factory.Sequence(lambda n: f"KMB-TEST-{n:04d}")
    name = factory.Sequence(lambda n: f"Requester {n}")
    email = factory.Sequence(lambda n: f"requester{n}@example.org")
    organisation_name = "Mereshire University"
    role = "Research fellow"
    requester_type = RequesterType.RESEARCHER
    needs = factory.LazyFunction(lambda: [Need.PLAN])
    project_title = factory.Sequence(lambda n: f"Project needing support {n}")
    stage = Stage.IDEA
    summary = "A study of how people use community pharmacies."
    consent_at = factory.LazyFunction(timezone.now)
    event = factory.RelatedFactory(
        "tests.factories.support.RequestEventFactory", factory_related_name="request", kind=EventKind.SUBMITTED
    )


class RequestEventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RequestEvent

    request = factory.SubFactory(SupportRequestFactory)
    kind = EventKind.INFORMATION


class CaseFactory(factory.django.DjangoModelFactory):
    """An accepted request's case, led by a new adviser (who is also one of its advisers)."""

    class Meta:
        model = Case
        skip_postgeneration_save = True

    request = factory.SubFactory(SupportRequestFactory, status=Status.ACCEPTED)
    lead = factory.SubFactory("tests.factories.core.UserFactory", is_adviser=True)

    @factory.post_generation
    def advisers(self, create, extracted, **kwargs):
        if create:
            self.advisers.set(extracted if extracted is not None else [self.lead])


class AdviceEntryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AdviceEntry

    case = factory.SubFactory(CaseFactory)
    by = factory.SubFactory("tests.factories.core.UserFactory", is_adviser=True)
    kind = AdviceKind.MEETING
    minutes = 60
    notes = "Talked through the plan."


class IdeaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Idea
        skip_postgeneration_save = True

    reference = factory.Sequence(lambda n: f"IDEA-TEST-{n:04d}")
    title = factory.Sequence(lambda n: f"Idea {n}")
    problem = "People miss appointments because the letters are hard to read."
    idea = "Send appointment reminders by text message in plain English."
    who_benefits = "Patients and clinic staff."
    stage = IdeaStage.IDEA
    name = factory.Sequence(lambda n: f"Sender {n}")
    email = factory.Sequence(lambda n: f"sender{n}@example.org")
    organisation_name = "Vale Patients Forum"
    consent_at = factory.LazyFunction(timezone.now)
    event = factory.RelatedFactory(
        "tests.factories.support.IdeaEventFactory", factory_related_name="idea", kind=IdeaEventKind.SUBMITTED
    )


class IdeaEventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = IdeaEvent

    idea = factory.SubFactory(IdeaFactory)
    kind = IdeaEventKind.INFORMATION


class PriorityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Priority

    title = factory.Sequence(lambda n: f"Fewer emergency admissions {n}")
    description = "Frailty services across the county."
    organisation = factory.SubFactory("tests.factories.directory.OrganisationFactory")
