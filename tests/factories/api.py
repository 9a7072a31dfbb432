import datetime
import uuid

import factory
from django.utils import timezone

from mobilise.api import services
from mobilise.api.models import ApiToken, Delivery, DeliveryAttempt, Scope, Webhook

from .core import UserFactory


class ApiTokenFactory(factory.django.DjangoModelFactory):
    """A live token; its secret is `token.raw` on the instance made (never stored: only the hash is)."""

    class Meta:
        model = ApiToken

    user = factory.SubFactory(UserFactory)
    name = factory.Sequence(lambda n: f"Pipeline {n}")
    scope = Scope.WRITE
    expires = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=30))
    raw = factory.Sequence(lambda n: f"{services.TOKEN_START}test-token-{n:06d}")
    prefix = factory.LazyAttribute(lambda o: o.raw[: services.PREFIX_LENGTH])
    token_hash = factory.LazyAttribute(lambda o: services.token_hash(o.raw))

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        raw = kwargs.pop("raw")
        token = super()._create(model_class, *args, **kwargs)
        token.raw = raw
        return token


class WebhookFactory(factory.django.DjangoModelFactory):
    """A webhook at a public address (tests point it at their own receiver with the loopback setting on)."""

    class Meta:
        model = Webhook

    owner = factory.SubFactory(UserFactory)
    name = factory.Sequence(lambda n: f"CRM sync {n}")
    url = "https://93.184.215.14/hooks/mobilise"
    events = factory.LazyFunction(lambda: ["output.published", "impact_claim.created"])
    secret = factory.Sequence(lambda n: f"whsec_test-secret-{n:06d}")


class DeliveryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Delivery

    webhook = factory.SubFactory(WebhookFactory)
    uuid = factory.LazyFunction(uuid.uuid4)
    event = "output.published"
    payload = factory.LazyAttribute(lambda o: {"id": str(o.uuid), "type": o.event, "data": {}})


class DeliveryAttemptFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DeliveryAttempt

    delivery = factory.SubFactory(DeliveryFactory)
    number = 1
    status_code = 200
    ok = True
    response = "ok"
