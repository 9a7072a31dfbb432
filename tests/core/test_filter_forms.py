"""core.forms.FilterForm: a field narrows the list through its `filter_<name>` method, or through its lookup in
`lookups`; a missing or unclean value narrows nothing."""

import pytest
from django import forms

from mobilise.core.forms import FilterForm, IdField
from mobilise.core.models import User

from ..factories import UserFactory

pytestmark = pytest.mark.django_db


class PeopleFilter(FilterForm):
    name = forms.CharField(required=False)
    adviser = forms.BooleanField(required=False)
    since = forms.DateField(required=False)
    user = IdField()

    lookups = {"name": "full_name__icontains", "since": "date_joined__date__gte", "user": "pk"}

    def filter_adviser(self, queryset, value):
        return queryset.filter(is_adviser=True)


def names(data):
    return sorted(PeopleFilter(data).filter_qs(User.objects.all()).values_list("full_name", flat=True))


@pytest.fixture
def people():
    UserFactory(full_name="Ada Adviser", is_adviser=True)
    UserFactory(full_name="Rob Researcher")


def test_a_lookup_narrows_by_its_field_value(people):
    assert names({"name": "rob"}) == ["Rob Researcher"]
    ada = User.objects.get(full_name="Ada Adviser")
    assert names({"user": str(ada.pk)}) == ["Ada Adviser"]


def test_lookups_and_methods_narrow_together(people):
    assert names({"adviser": "on", "name": "a"}) == ["Ada Adviser"]
    assert names({"adviser": "on", "name": "rob"}) == []


def test_a_missing_or_unclean_value_narrows_nothing(people):
    assert names({}) == ["Ada Adviser", "Rob Researcher"]
    assert names({"name": "", "since": "not a date", "user": "99999999999999999999"}) == [
        "Ada Adviser",
        "Rob Researcher",
    ]


def test_a_method_wins_over_a_lookup_of_the_same_name(people):
    class Overridden(PeopleFilter):
        def filter_name(self, queryset, value):
            return queryset.filter(full_name__istartswith=value)

    users = Overridden({"name": "r"}).filter_qs(User.objects.all())
    assert list(users.values_list("full_name", flat=True)) == ["Rob Researcher"]
