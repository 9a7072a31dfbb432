"""The directory through the API: what its pages show, to whom they show it, with the pages' filters."""

from django.urls import reverse

from ..factories import ApiTokenFactory, PersonFactory
from .conftest import bearer


def test_a_person_with_their_contact_details_and_do_not_contact(objects):
    person = objects["person"]
    person.do_not_contact = True
    person.save()
    body = bearer(objects["token"]).get(reverse("api:person", args=[person.pk])).json()
    assert body["email"] == "pat@example.org" and body["do_not_contact"] is True
    assert body["organisation"] == {"id": person.organisation_id, "name": person.organisation.name}


def test_people_and_organisations_filter_as_on_the_pages(objects):
    other = PersonFactory(full_name="Priya Okafor")
    client = bearer(objects["token"])
    found = client.get(reverse("api:people"), {"q": "okafor"}).json()["results"]
    assert [p["id"] for p in found] == [other.pk]
    by_email = client.get(reverse("api:people"), {"q": "PAT@example.org"}).json()["results"]
    assert [p["id"] for p in by_email] == [objects["person"].pk]
    sector = other.organisation.sector
    organisations = client.get(reverse("api:organisations"), {"sector": sector}).json()["results"]
    assert other.organisation_id in {o["id"] for o in organisations}
    assert all(o["sector"] == sector for o in organisations)


def test_someone_who_only_views_a_project_does_not_reach_the_directory(objects, viewer):
    client = bearer(ApiTokenFactory(user=viewer))
    assert client.get(reverse("api:people")).status_code == 404
    assert client.get(reverse("api:person", args=[objects["person"].pk])).status_code == 404
