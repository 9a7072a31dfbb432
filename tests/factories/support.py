import factory
from django.utils import timezone

from mobilise.projects.models import Stage
from mobilise.support.models import EventKind, Need, RequesterType, RequestEvent, SupportRequest


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
