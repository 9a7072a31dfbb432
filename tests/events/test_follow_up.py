"""After the event: the feedback form made when it is marked held, the follow-up emails (different for the people
who came and those who did not), the materials on the registrant's own page and the public page."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from mobilise.core import links
from mobilise.evaluation import access as evaluation
from mobilise.events import seats, services
from mobilise.events.models import EventStatus

from ..factories import EventFactory, RegistrationFactory


@pytest.fixture
def past(db):
    event = EventFactory(start=timezone.now() - datetime.timedelta(days=1), title="Practical tools")
    came = RegistrationFactory(event=event, name="Priya Raman", attended=True, minutes_attended=50)
    missed = RegistrationFactory(event=event, name="Nia Jones", attended=False)
    unknown = RegistrationFactory(event=event, name="Tom Ruiz")
    return event, came, missed, unknown


def mark_held(client, event, public=False):
    data = {"recording_url": "https://video.example.org/rec", "slides_url": "https://files.example.org/slides"}
    if public:
        data["materials_public"] = "on"
    return client.post(reverse("events:change-status", args=[event.pk, "held"]), data)


def test_marking_held_makes_the_feedback_form_once(as_user, adviser, past):
    event, *_ = past
    client = as_user(adviser)
    assert mark_held(client, event).status_code == 302
    (form,) = evaluation.owned_forms(event)
    assert form.title == "Feedback: Practical tools" and len(form.summary) == 4
    event.refresh_from_db()
    services.mark_held(event=event, recording_url="", slides_url="", materials_public=False)
    assert len(evaluation.owned_forms(event)) == 1
    page = client.get(reverse("events:manage-event", args=[event.pk])).content.decode()
    assert "Feedback: 0 responses" in page and "How useful was the webinar to you?" in page


def test_attendees_and_no_shows_get_different_follow_ups(as_user, adviser, past, django_capture_on_commit_callbacks):
    event, came, missed, unknown = past
    client = as_user(adviser)
    mark_held(client, event)
    mail.outbox.clear()
    page = client.get(reverse("events:follow-up", args=[event.pk])).content.decode()
    assert "1 person who came" in page and "2 people who had a place" in page
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(reverse("events:follow-up", args=[event.pk])).status_code == 302
    by_to = {m.to[0]: m for m in mail.outbox}
    assert len(mail.outbox) == 3
    thanks = by_to[came.email]
    form = evaluation.owned_forms(event)[0]
    assert thanks.subject == "Thank you for coming: Practical tools"
    assert "https://video.example.org/rec" in thanks.body and "https://files.example.org/slides" in thanks.body
    assert reverse("feedback", args=[form.token]) in thanks.body
    assert "/events/your-registration/" in thanks.body
    for person in (missed, unknown):
        sorry = by_to[person.email]
        assert sorry.subject == "Sorry we missed you: Practical tools"
        assert "https://video.example.org/rec" in sorry.body and form.token not in sorry.body
    # once only
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("events:follow-up", args=[event.pk]))
    assert mail.outbox == []
    assert "Send the follow-up" not in client.get(reverse("events:manage-event", args=[event.pk])).content.decode()


def test_no_follow_up_before_the_event_is_held(as_user, adviser, past):
    event, *_ = past
    response = as_user(adviser).post(reverse("events:follow-up", args=[event.pk]))
    assert response.status_code == 302 and mail.outbox == []
    with pytest.raises(services.NotAllowed):
        services.send_follow_up(event=event)


def test_materials_are_the_registrants_and_public_only_when_chosen(as_user, adviser, client, past):
    event, came, *_ = past
    mark_held(as_user(adviser), event)
    public = client.get(reverse("events:event", args=[event.slug])).content.decode()
    assert "https://video.example.org/rec" not in public
    token = links.make_link(seats.REGISTRATION_LINK, came, expires=None, once=False).token
    own = client.get(reverse("events:registration", args=[token])).content.decode()
    assert "https://video.example.org/rec" in own and "Tell us how it went" in own
    mark_held_again = EventFactory(start=event.start, status=EventStatus.PUBLISHED)
    mark_held(as_user(adviser), mark_held_again, public=True)
    public = client.get(reverse("events:event", args=[mark_held_again.slug])).content.decode()
    assert "https://video.example.org/rec" in public
