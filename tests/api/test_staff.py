"""The staff-only endpoints: the support organisation's requests, cases, events and registrations reach its staff
and no one else (the persona table checks each URL; here the personal data itself and the filters)."""

from django.urls import reverse
from django.utils import timezone

from mobilise.events.models import RegistrationStatus

from ..factories import CaseFactory, RegistrationFactory
from .conftest import bearer


def test_personal_data_reaches_staff_only(objects):
    request = objects["support_request"]
    url = reverse("api:support-request", args=[request.pk])
    assert bearer(objects["staff_token"]).get(url).json()["email"] == request.email
    refused = bearer(objects["token"]).get(url)  # the project lead's token: not staff
    assert refused.status_code == 404 and request.email not in refused.content.decode()
    listed = bearer(objects["token"]).get(reverse("api:support-requests"))
    assert listed.status_code == 404 and request.email not in listed.content.decode()


def test_a_request_names_its_case_and_a_case_its_advisers(objects):
    case = objects["case"]
    staff = bearer(objects["staff_token"])
    assert staff.get(reverse("api:support-request", args=[case.request.pk])).json()["case"] == case.pk
    body = staff.get(reverse("api:support-case", args=[case.pk])).json()
    assert body["advisers"] == [{"user": case.lead.pk, "name": case.lead.full_name}]


def test_cases_filter_to_the_open_ones(objects):
    closed = CaseFactory(closed=timezone.now())
    staff = bearer(objects["staff_token"])
    everything = {c["id"] for c in staff.get(reverse("api:support-cases")).json()["results"]}
    still_open = {c["id"] for c in staff.get(reverse("api:support-cases"), {"open": "true"}).json()["results"]}
    assert everything == {objects["case"].pk, closed.pk} and still_open == {objects["case"].pk}


def test_registrations_of_the_event_only_filtered_by_status(objects):
    event, confirmed = objects["event"], objects["registration"]
    cancelled = RegistrationFactory(event=event, status=RegistrationStatus.CANCELLED, cancelled_at=timezone.now())
    elsewhere = RegistrationFactory()
    staff = bearer(objects["staff_token"])
    url = reverse("api:registrations", args=[event.pk])
    assert {r["id"] for r in staff.get(url).json()["results"]} == {confirmed.pk, cancelled.pk}
    assert [r["id"] for r in staff.get(url, {"status": "cancelled"}).json()["results"]] == [cancelled.pk]
    assert staff.get(reverse("api:registration", args=[event.pk, elsewhere.pk])).status_code == 404
