import datetime

import factory
from django.utils import timezone

from mobilise.api import services
from mobilise.api.models import ApiToken, Scope

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
