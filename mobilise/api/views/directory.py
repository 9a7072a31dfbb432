"""The shared directory, read-only, through its access layer: for people who work on projects (anyone else gets
404, as on its pages), with the pages' own filters."""

from drf_spectacular.utils import extend_schema
from rest_framework import generics

from mobilise.directory import access as directory_access
from mobilise.directory.forms import OrganisationFilterForm, PersonFilterForm

from ..base import ApiView
from ..serializers_directory import OrganisationSerializer, PersonSerializer


@extend_schema(tags=["directory"])
class OrganisationList(ApiView, generics.ListAPIView):
    """The directory's organisations, with how many of their people it holds."""

    serializer_class = OrganisationSerializer
    filter_form = OrganisationFilterForm

    def get_queryset(self):
        return directory_access.organisations_for(self.request.user)


@extend_schema(tags=["directory"])
class OrganisationDetail(ApiView, generics.RetrieveAPIView):
    serializer_class = OrganisationSerializer

    def get_object(self):
        return directory_access.get_organisation(self.request.user, self.kwargs["organisation_pk"])


@extend_schema(tags=["directory"])
class PersonList(ApiView, generics.ListAPIView):
    """The directory's people: contact details are personal data; honour do_not_contact."""

    serializer_class = PersonSerializer
    filter_form = PersonFilterForm

    def get_queryset(self):
        return directory_access.people_for(self.request.user)


@extend_schema(tags=["directory"])
class PersonDetail(ApiView, generics.RetrieveAPIView):
    serializer_class = PersonSerializer

    def get_object(self):
        return directory_access.get_person(self.request.user, self.kwargs["person_pk"])
