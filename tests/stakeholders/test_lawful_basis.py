"""Every path that stores a person's contact details records the lawful basis for holding them (UK GDPR)."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from mobilise.directory import services as directory_services
from mobilise.directory.models import Person

ADD = "stakeholders:add"


def _date(name, d):
    return {f"{name}[day]": str(d.day), f"{name}[month]": str(d.month), f"{name}[year]": str(d.year)}


def test_a_new_person_with_an_email_needs_a_lawful_basis(as_user, project, member):
    client = as_user(member)
    data = {"kind": "person", "name": "Renée Dupré", "email": "renee@example.org"}
    missing = client.post(reverse(ADD, args=[project.pk]), data)
    assert (
        missing.status_code == 200
        and "Select the lawful basis for holding their email address" in missing.content.decode()
    )
    assert not Person.objects.exists()
    consent = client.post(reverse(ADD, args=[project.pk]), {**data, "lawful_basis": "consent"})
    assert "Enter the date they gave consent" in consent.content.decode()
    day = timezone.localdate() - datetime.timedelta(days=2)
    r = client.post(reverse(ADD, args=[project.pk]), {**data, "lawful_basis": "consent", **_date("consent_date", day)})
    assert r.status_code == 302
    renee = Person.objects.get()
    assert (renee.email, renee.lawful_basis, renee.consent_date) == ("renee@example.org", "consent", day)


def test_a_new_person_without_contact_details_needs_no_basis(as_user, project, member):
    r = as_user(member).post(reverse(ADD, args=[project.pk]), {"kind": "person", "name": "Raj Patel"})
    assert r.status_code == 302
    assert Person.objects.get().lawful_basis == ""


def test_a_group_ignores_contact_fields(as_user, project, member):
    r = as_user(member).post(
        reverse(ADD, args=[project.pk]), {"kind": "group", "name": "Carers", "email": "carers@example.org"}
    )
    assert r.status_code == 302 and not Person.objects.exists()


def test_the_directory_refuses_contact_details_without_a_basis(member):
    with pytest.raises(directory_services.DirectoryError, match="lawful basis"):
        directory_services.create_person(by=member, full_name="Sam", phone="01234 567890")
    person = directory_services.create_person(by=member, full_name="Sam")
    with pytest.raises(directory_services.DirectoryError):
        directory_services.update_person(person=person, email="sam@example.org")
    directory_services.update_person(person=person, email="sam@example.org", lawful_basis="public_task")
