"""The shared shape of the API's reads (api/base.py): a list and an item read by an access function of what the view is
scoped to, the user or the URL's project."""

from django.http import Http404
from drf_spectacular.plumbing import get_doc
from rest_framework import serializers
from rest_framework.test import APIRequestFactory, force_authenticate

from mobilise.api.base import InProject, ScopedItem, ScopedList
from mobilise.api.views import jobs, staff
from mobilise.projects.models import Project


class IdOnly(serializers.Serializer):
    id = serializers.IntegerField()


def read(view, user, **kwargs):
    request = APIRequestFactory().get("/")
    force_authenticate(request, user=user)
    return view.as_view()(request, **kwargs)


def test_a_list_is_what_its_access_function_gives_for_the_user(adviser, project):
    asked = []

    def rows_for(scope):
        asked.append(scope)
        return Project.objects.all()

    class Projects(ScopedList):
        serializer_class = IdOnly
        listed = staticmethod(rows_for)

    response = read(Projects, adviser)
    assert asked == [adviser]
    assert [row["id"] for row in response.data["results"]] == [project.pk]


def test_an_item_is_what_its_access_function_gives_for_the_id_under_its_url_name(adviser, project):
    asked = []

    def row_of(scope, pk):
        asked.append((scope, pk))
        return Project.objects.get(pk=pk)

    class OneProject(ScopedItem):
        serializer_class = IdOnly
        fetched = staticmethod(row_of)
        lookup_url_kwarg = "thing_pk"

    assert read(OneProject, adviser, thing_pk=project.pk).data == {"id": project.pk}
    assert asked == [(adviser, project.pk)]


def test_in_a_project_the_reads_are_of_the_urls_project_and_an_outsider_gets_404(lead, outsider, project):
    asked = []

    def rows_for(scope):
        asked.append(scope)
        return Project.objects.filter(pk=scope.pk)

    def row_of(scope, pk):
        asked.append((scope, pk))
        if pk != 7:
            raise Http404
        return scope

    class ProjectRows(InProject, ScopedList):
        serializer_class = IdOnly
        listed = staticmethod(rows_for)

    class ProjectRow(InProject, ScopedItem):
        serializer_class = IdOnly
        fetched = staticmethod(row_of)
        lookup_url_kwarg = "row_pk"

    assert read(ProjectRows, lead, pk=project.pk).status_code == 200
    assert read(ProjectRow, lead, pk=project.pk, row_pk=7).data == {"id": project.pk}
    assert asked == [project, (project, 7)]
    assert read(ProjectRow, lead, pk=project.pk, row_pk=8).status_code == 404
    assert read(ProjectRows, outsider, pk=project.pk).status_code == 404
    assert read(ProjectRow, outsider, pk=project.pk, row_pk=7).status_code == 404
    assert len(asked) == 3  # the outsider's reads never reached the access functions


def test_an_endpoint_is_described_by_its_own_docstring_only():
    # The schema looks for a description up the classes; the bases must not give one to an endpoint without its own.
    assert (
        get_doc(staff.PriorityList)
        == "The register of the health and care system's priorities and challenges (staff only)."
    )
    assert get_doc(staff.PriorityDetail) == ""
    assert get_doc(jobs.FindingDetail) == ""
