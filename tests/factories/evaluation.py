import datetime
from decimal import Decimal

import factory
from django.utils import timezone

from mobilise.evaluation.models import (
    Actual,
    CaseStudy,
    ClaimType,
    Evidence,
    EvidenceKind,
    FeedbackForm,
    FeedbackQuestion,
    FeedbackResponse,
    Focus,
    ImpactClaim,
    Indicator,
    Learning,
    Period,
    Question,
    QuestionKind,
)

from .projects import ProjectFactory


class QuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Question

    project = factory.SubFactory(ProjectFactory)
    focus = Focus.WHAT
    text = factory.Sequence(lambda n: f"Did uptake rise in the pilot practices? ({n})")
    position = factory.Sequence(int)


class IndicatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Indicator

    project = factory.SubFactory(ProjectFactory)
    name = factory.Sequence(lambda n: f"Screening uptake {n}")
    unit = "%"


class PeriodFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Period

    indicator = factory.SubFactory(IndicatorFactory)
    label = factory.Sequence(lambda n: f"{2000 + n}-{(n + 1) % 100:02d}")
    ends = factory.Sequence(lambda n: datetime.date(2001 + n, 3, 31))
    target = Decimal("62")


class ActualFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Actual

    period = factory.SubFactory(PeriodFactory)
    value = Decimal("61")


class FeedbackFormFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FeedbackForm

    project = factory.SubFactory(ProjectFactory)
    title = factory.Sequence(lambda n: f"Workshop feedback {n}")


class FeedbackQuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FeedbackQuestion

    form = factory.SubFactory(FeedbackFormFactory)
    kind = QuestionKind.RATING
    text = factory.Sequence(lambda n: f"How useful was part {n}?")
    position = factory.Sequence(int)


class FeedbackResponseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FeedbackResponse

    form = factory.SubFactory(FeedbackFormFactory)
    answers = factory.LazyFunction(dict)


class ImpactClaimFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ImpactClaim

    project = factory.SubFactory(ProjectFactory)
    kind = ClaimType.COMMISSIONING
    title = factory.Sequence(lambda n: f"The ICB funded champions in {n} practices")
    date = factory.LazyFunction(timezone.localdate)


class EvidenceFactory(factory.django.DjangoModelFactory):
    """A link by default; kind=EvidenceKind.FILE with file= for a kept file (MEDIA_ROOT in a temporary folder)."""

    class Meta:
        model = Evidence

    claim = factory.SubFactory(ImpactClaimFactory)
    kind = EvidenceKind.LINK
    title = "Board minutes"
    url = "https://example.org/minutes"


class LearningFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Learning

    project = factory.SubFactory(ProjectFactory)
    date = factory.LazyFunction(timezone.localdate)
    tried = "Daytime sessions"
    learned = "Working women could not come"


class CaseStudyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CaseStudy
        django_get_or_create = ("project",)

    project = factory.SubFactory(ProjectFactory)
    title = "Champions in community settings"
    summary = "Uptake rose."
