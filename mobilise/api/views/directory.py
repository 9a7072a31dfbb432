"""The shared directory, read-only, through its access layer: for people who work on projects (anyone else gets
404, as on its pages), with the pages' own filters."""

from drf_spectacular.utils import extend_schema

from mobilise.directory import access as directory_access
from mobilise.directory.forms import OrganisationFilterForm, PersonFilterForm

from ..base import ScopedItem, ScopedList
from ..serializers_directory import OrganisationSerializer, PersonSerializer


@extend_schema(tags=["directory"])
class OrganisationList(ScopedList):
    """The directory's organisations, with how many of their people it holds."""

    serializer_class = OrganisationSerializer
    filter_form = OrganisationFilterForm
    listed = staticmethod(directory_access.organisations_for)


@extend_schema(tags=["directory"])
class OrganisationDetail(ScopedItem):
    serializer_class = OrganisationSerializer
    fetched = staticmethod(directory_access.get_organisation)
    lookup_url_kwarg = "organisation_pk"


@extend_schema(tags=["directory"])
class PersonList(ScopedList):
    """The directory's people: contact details are personal data; honour do_not_contact."""

    serializer_class = PersonSerializer
    filter_form = PersonFilterForm
    listed = staticmethod(directory_access.people_for)


@extend_schema(tags=["directory"])
class PersonDetail(ScopedItem):
    serializer_class = PersonSerializer
    fetched = staticmethod(directory_access.get_person)
    lookup_url_kwarg = "person_pk"
