"""Webinar attendance on a person's directory record and on the stakeholder timelines, only where they agreed."""

import pytest
from django.urls import reverse

from mobilise.events import history
from mobilise.events.models import EventStatus
from mobilise.stakeholders import timeline

from ..factories import EventFactory, PersonFactory, RegistrationFactory, StakeholderFactory
from ..queries import assert_max_queries


@pytest.fixture
def priya(db):
    return PersonFactory(full_name="Priya Raman", email="Priya.Raman@example.nhs.uk")


def attended(person_email, **fields):
    event = EventFactory(status=EventStatus.HELD, title=fields.pop("title", "Practical tools"))
    defaults = {"attended": True, "consent_attendee_list": True, "minutes_attended": 49}
    return RegistrationFactory(event=event, email=person_email, **{**defaults, **fields})


def test_attendance_shows_on_the_directory_record_where_the_person_agreed(as_user, adviser, priya):
    attended("priya.raman@EXAMPLE.nhs.uk", title="Practical tools")
    attended("priya.raman@example.nhs.uk", title="Without consent", consent_attendee_list=False)
    attended("priya.raman@example.nhs.uk", title="Did not come", attended=False)
    attended("someone.else@example.org", title="Somebody else's")
    page = as_user(adviser).get(reverse("directory:person", args=[priya.pk])).content.decode()
    assert "Webinars attended" in page and "Practical tools" in page and "49 minutes" in page
    for hidden in ("Without consent", "Did not come", "Somebody else"):
        assert hidden not in page


def test_an_erased_registration_never_shows(priya, adviser):
    registration = attended(priya.email)
    registration.erased_at = registration.created
    registration.save()
    assert history.record(priya, adviser) is None or history.record(priya, adviser).rows == []


def test_no_section_without_attendance(as_user, adviser, priya):
    page = as_user(adviser).get(reverse("directory:person", args=[priya.pk])).content.decode()
    assert "Webinars attended" not in page


def test_attendance_on_the_project_and_stakeholder_timelines(project, priya):
    holder = StakeholderFactory(project=project, person=priya, group_name="")
    other = StakeholderFactory(project=project)
    registration = attended("priya.raman@example.nhs.uk")
    attended("priya.raman@example.nhs.uk", consent_attendee_list=False)
    entries = [e for e in timeline.entries(project) if e.kind == "webinar"]
    assert [(e.pk, e.people) for e in entries] == [(registration.pk, ("Priya Raman",))]
    assert [e.pk for e in timeline.entries(project, stakeholder=holder, kinds=["webinar"])] == [registration.pk]
    assert timeline.entries(project, stakeholder=other, kinds=["webinar"]) == []
    # paging on past the only entry gives nothing
    assert history.timeline_entries(project, before=entries[0].cursor) == []


def test_the_timeline_provider_uses_one_query(project, priya):
    StakeholderFactory(project=project, person=priya, group_name="")
    attended(priya.email)
    with assert_max_queries(1):
        history.timeline_entries(project)
    for _ in range(5):
        attended(priya.email)
    with assert_max_queries(1):
        assert len(history.timeline_entries(project)) == 6
