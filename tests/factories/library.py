import datetime

import factory
from django.utils import timezone

from mobilise.library.models import CaseStudy, ChangeNote, Region, Status, Support, SupportGiven


class LibraryCaseStudyFactory(factory.django.DjangoModelFactory):
    """A draft library entry; `published=True` makes it public, first published a month ago."""

    class Meta:
        model = CaseStudy
        skip_postgeneration_save = True

    class Params:
        published = factory.Trait(
            status=Status.PUBLISHED,
            first_published=factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=30)),
            last_reviewed=factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=30)),
        )

    title = factory.Sequence(lambda n: f"Community pharmacies and diabetes checks {n}")
    slug = factory.Sequence(lambda n: f"community-pharmacies-and-diabetes-checks-{n}")
    summary = "Pharmacists in Mereshire now offer diabetes checks after a pilot we helped plan."
    what_we_did = "We built a logic model with the team and ran a commissioning workshop."
    outcome = "The integrated care board funded checks in twelve pharmacies."
    region = Region.EAST
    organisation_types = factory.LazyFunction(lambda: ["commissioner", "nhs_provider"])
    owner = factory.SubFactory("tests.factories.core.UserFactory", is_adviser=True)

    @factory.post_generation
    def support_given(obj, create, extracted, **kwargs):  # noqa: N805
        """The codes of the support given (rows of SupportGiven): `support_given=[...]`, by default two."""
        if create:
            codes = [Support.LOGIC_MODEL, Support.WORKSHOP] if extracted is None else extracted
            SupportGiven.objects.bulk_create(SupportGiven(case_study=obj, support=c) for c in codes)


class ChangeNoteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ChangeNote

    case_study = factory.SubFactory(LibraryCaseStudyFactory, published=True)
    date = factory.LazyFunction(timezone.now)
    note = "First published."
