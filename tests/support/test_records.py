"""The pages a support request's record and an idea's record share (support/views/records.py): the same
assessment, status change and erasure, each speaking of its own kind of record and person; and the one way
advisers are told what a person added."""

import pytest
from django.contrib.messages import get_messages
from django.core import mail
from django.test import Client
from django.urls import reverse

from mobilise.core.models import SiteSettings
from mobilise.projects.services import TeamError
from mobilise.support import services, services_ideas
from mobilise.support.forms import StartProjectForm
from mobilise.support.models import Assessment, IdeaStatus, Status
from mobilise.support.rubric import IDEA_CRITERIA, REQUEST_CRITERIA
from mobilise.support.views.records import start_project

from ..factories import IdeaFactory, SupportRequestFactory

# kind: (factory, record page, assess, change status, erase, person, a status it may move to, its rubric)
KINDS = {
    "request": (
        SupportRequestFactory,
        "support:request",
        "support:assess",
        "support:change-status",
        "support:erase",
        "requester",
        Status.ASSESSING,
        REQUEST_CRITERIA,
    ),
    "idea": (
        IdeaFactory,
        "support:idea",
        "support:idea-assess",
        "support:idea-status-change",
        "support:idea-erase",
        "sender",
        IdeaStatus.REVIEWING,
        IDEA_CRITERIA,
    ),
}


@pytest.fixture
def staff(adviser):
    client = Client()
    client.force_login(adviser)
    return client


def said(response):
    return [str(m) for m in get_messages(response.wsgi_request)]


@pytest.mark.parametrize("kind", KINDS)
def test_each_kind_is_assessed_on_its_own_rubric(staff, adviser, kind):
    factory, record, assess, _, _, _, _, criteria = KINDS[kind]
    subject = factory()
    url = reverse(assess, args=[subject.pk])
    page = staff.get(url).content.decode()
    assert (
        all(question in page for _, question, _ in criteria) and f'href="{reverse(record, args=[subject.pk])}"' in page
    )
    assert staff.post(url, {f"{criteria[0][0]}_rating": "yes"}).status_code == 400  # the others unrated
    saved = staff.post(url, {f"{key}_rating": "yes" for key, _, _ in criteria})
    assert saved.status_code == 302 and saved.url == reverse(record, args=[subject.pk])
    assert said(saved) == ["Your assessment is saved."]
    assert Assessment.objects.get().assessor == adviser and Assessment.objects.get().subject == subject


@pytest.mark.parametrize("kind", KINDS)
def test_a_closed_record_keeps_its_status_and_the_message_names_its_kind(staff, kind):
    factory, record, _, change, _, _, status, _ = KINDS[kind]
    subject = factory(status=Status.WITHDRAWN if kind == "request" else IdeaStatus.WITHDRAWN)
    response = staff.post(reverse(change, args=[subject.pk, status]), {"subject": "s", "message": "m", "reason": "r"})
    assert response.url == reverse(record, args=[subject.pk])
    assert said(response) == [f"This {kind} is closed, so its status cannot change."]
    subject.refresh_from_db()
    assert subject.status != status


@pytest.mark.parametrize("kind", KINDS)
def test_the_status_email_is_addressed_to_the_person_of_its_kind(staff, kind):
    factory, _, _, change, _, person, status, _ = KINDS[kind]
    subject = factory()
    page = staff.get(reverse(change, args=[subject.pk, status])).content.decode()
    assert f"Email to the {person}" in page and subject.reference in page
    moved = staff.post(reverse(change, args=[subject.pk, status]), {"subject": "s", "message": "m", "reason": "r"})
    assert said(moved) == [f"{status.label}: the {person} has been emailed."]


@pytest.mark.parametrize("kind", KINDS)
def test_erasing_warns_while_open_then_says_when_it_was_done(staff, kind):
    factory, record, _, _, erase, person, _, _ = KINDS[kind]
    subject = factory()
    url = reverse(erase, args=[subject.pk])
    page = staff.get(url).content.decode()
    assert f"The {kind} is still open." in page and "What goes" in page and subject.reference in page
    first = staff.post(url)
    assert first.url == reverse(record, args=[subject.pk]) and said(first) == [
        f"The {person}'s details have been erased."
    ]
    again = staff.post(url)
    assert said(again)[-1] == f"The {person}'s details had already been erased."
    page = staff.get(url).content.decode()
    assert "were erased on" in page and "What goes" not in page and "still open" not in page


@pytest.mark.parametrize("kind", KINDS)
def test_advisers_are_told_what_was_added_with_the_record_link_when_the_site_has_an_address(
    db, kind, django_capture_on_commit_callbacks
):
    factory, record = KINDS[kind][:2]
    subject = factory(name="Sam Okoro")
    adding = services.add_information if kind == "request" else services_ideas.add_information
    with django_capture_on_commit_callbacks(execute=True):
        adding(**{"support_request" if kind == "request" else "idea": subject, "text": "Our pilot starts in May."})
    (told,) = mail.outbox
    assert told.to == [SiteSettings.load().contact_email] and subject.reference in told.subject
    assert (
        told.subject == f"More information on {'support request' if kind == 'request' else 'idea'} {subject.reference}"
    )
    assert told.body.startswith("Sam Okoro added:\n\nOur pilot starts in May.\n\nhttp")
    assert told.body.endswith(reverse(record, args=[subject.pk]) + "\n")

    SiteSettings.objects.update(contact_email="")
    with django_capture_on_commit_callbacks(execute=True):
        adding(**{"support_request" if kind == "request" else "idea": subject, "text": "And a second thing."})
    assert len(mail.outbox) == 1


def test_a_project_is_started_from_a_case_or_an_idea_only_when_the_form_and_the_team_allow():
    made = []
    assert start_project(StartProjectForm({"short_title": ""}), lambda **fields: made.append(fields)) is None
    assert made == []  # an invalid form starts nothing

    def refused(**fields):
        raise TeamError("This person's account is switched off.")

    form = StartProjectForm({"short_title": "WALK"})
    assert start_project(form, refused) is None
    assert form.non_field_errors() == ["This person's account is switched off."]

    assert start_project(StartProjectForm({"short_title": "WALK"}), lambda **fields: fields) == {"short_title": "WALK"}
