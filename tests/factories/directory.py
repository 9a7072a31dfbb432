import factory

from mobilise.directory.models import Organisation, Person, Sector


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Organisation {n} NHS Trust")
    sector = Sector.NHS_PROVIDER


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    full_name = factory.Sequence(lambda n: f"Person Number{n}")
    organisation = factory.SubFactory(OrganisationFactory)
