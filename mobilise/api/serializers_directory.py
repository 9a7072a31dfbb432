"""The shared directory as its pages show it to those who may use it: organisations, and people with their contact
details, lawful basis and do-not-contact flag."""

from rest_framework import serializers

from mobilise.directory.forms import PersonForm
from mobilise.directory.models import Organisation, Person


class OrganisationSerializer(serializers.ModelSerializer):
    people_count = serializers.IntegerField()

    class Meta:
        model = Organisation
        fields = ["id", "name", "sector", "ror_id", "website", "region", "notes", "people_count", "updated"]


class OrganisationRefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()


class PersonSerializer(serializers.ModelSerializer):
    organisation = OrganisationRefSerializer(allow_null=True)

    class Meta:
        model = Person
        fields = ["id", *PersonForm.Meta.fields, "updated"]  # what the page's form asks, as on the page
