"""Workshop invitations: sent from the service's address with replies going to the workshop's owner, and each
invitee's personal link to reply, give access needs and see how to join, without an account (issue 13)."""

import datetime
import re

import pytest
from django.conf import settings
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from mobilise.core import links
from mobilise.core.models import PersonalLink
from mobilise.engagement import services
from mobilise.engagement import services_workshops as workshop_services
from mobilise.engagement.models import Invitation, Reply


@pytest.fixture
def workshop(project, lead, member, map_):
    start = timezone.now() + datetime.timedelta(days=10)
    w = services.create_workshop(
        project=project,
        title="Commissioning workshop",
        purpose="Reflect on the findings with system partners",
        starts=start,
        ends=start + datetime.timedelta(hours=3),
        place="Mereshire Town Hall, Room 2",
        online_link="https://meet.example.org/secret-room",
        owner=member,
    )
    services.invite(workshop=w, stakeholders=[map_["raj"]])
    return w


def send(workshop, by, capture, **kwargs):
    with capture(execute=True):
        return workshop_services.send_invitations(workshop=workshop, by=by, **kwargs)


def reply_path(message):
    return re.search(r"https?://[^/\s]+(/workshops/reply/[^/\s]+/)", message.body).group(1)


def test_sent_from_the_service_with_replies_and_organiser_the_owner(
    workshop, lead, member, django_capture_on_commit_callbacks
):
    send(workshop, lead, django_capture_on_commit_callbacks)  # the lead sends; the member owns the workshop
    (message,) = mail.outbox
    assert message.from_email == settings.DEFAULT_FROM_EMAIL
    assert message.reply_to == [f"Mo Member <{member.email}>"]
    assert "your reply goes to Mo Member" in message.body
    # The joining details are shown only through the personal link.
    assert "meet.example.org" not in message.body and "Town Hall" not in message.body
    _name, content, _type = message.attachments[0]
    assert "meet.example.org" not in content and "Town Hall" not in content
    calendar = Calendar.from_ical(content)
    event = calendar.walk("VEVENT")[0]
    assert str(event["organizer"]).lower() == f"mailto:{member.email}".lower()
    assert str(event["organizer"].params["cn"]) == "Mo Member"
    assert "noreply@localhost" not in content


def test_the_calendar_file_is_valid_icalendar(workshop, lead, django_capture_on_commit_callbacks):
    """RFC 5545 and, for a REQUEST, RFC 5546, checked by hand (no independent validator is installed): CRLF line
    ends, lines folded at 75 octets, the required properties once each, UTC times."""
    send(workshop, lead, django_capture_on_commit_callbacks)
    content = mail.outbox[0].attachments[0][1]
    raw = content.encode()
    assert raw.endswith(b"\r\n") and b"\n" not in raw.replace(b"\r\n", b"")
    lines = raw.split(b"\r\n")[:-1]
    assert all(len(line) <= 75 for line in lines)
    unfolded = [line.decode() for line in raw.replace(b"\r\n ", b"").split(b"\r\n")[:-1]]
    assert unfolded[0] == "BEGIN:VCALENDAR" and unfolded[-1] == "END:VCALENDAR"
    names = [line.split(":", 1)[0].split(";", 1)[0] for line in unfolded]
    for once in ("VERSION", "PRODID", "METHOD", "UID", "DTSTAMP", "DTSTART", "DTEND", "ORGANIZER", "SEQUENCE"):
        assert names.count(once) == 1, once
    assert "VERSION:2.0" in unfolded and "METHOD:REQUEST" in unfolded
    assert names.index("BEGIN") < names.index("UID")
    for stamp in ("DTSTAMP", "DTSTART", "DTEND"):
        value = unfolded[names.index(stamp)].split(":", 1)[1]
        assert re.fullmatch(r"\d{8}T\d{6}Z", value), value
    attendee = unfolded[names.index("ATTENDEE")]
    assert "RSVP=TRUE" in attendee and "PARTSTAT=NEEDS-ACTION" in attendee


def test_reply_through_the_personal_link(workshop, lead, member, django_capture_on_commit_callbacks):
    send(workshop, lead, django_capture_on_commit_callbacks)
    path = reply_path(mail.outbox[0])
    visitor = Client()
    page = visitor.get(path)
    text = page.content.decode()
    assert page.status_code == 200 and page["X-Robots-Tag"] == "noindex, nofollow"
    assert "Mereshire Town Hall, Room 2" in text and "https://meet.example.org/secret-room" in text
    assert "Can you come?" in text and "Only the team running the workshop sees your reply" in text
    # Opening the link (as a mail scanner does) changes nothing.
    inv = Invitation.objects.get()
    assert inv.reply == Reply.AWAITING and inv.replied_at is None
    assert PersonalLink.objects.get(pk=inv.link_id).used_at is None

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        done = visitor.post(path, {"answer": "accepted", "access_needs": "Step-free access, please"}, follow=True)
    assert "Thank you. Your reply has been saved" in done.content.decode()
    assert "Your reply: coming." in done.content.decode()
    inv.refresh_from_db()
    assert inv.reply == Reply.ACCEPTED and inv.access_needs == "Step-free access, please" and inv.replied_at
    # The owner is told (without the access needs in the email) and sees them on the workshop page.
    (note,) = mail.outbox
    assert note.to == [member.email] and "Raj Patel replied: coming" in note.subject
    assert "Step-free" not in note.body
    owner_page = Client()
    owner_page.force_login(member)
    shown = owner_page.get(reverse("engagement:workshop", args=[workshop.project_id, workshop.pk])).content.decode()
    assert "Access needs:" in shown and "Step-free access, please" in shown and "Replied" in shown

    # They can change their mind through the same link.
    visitor.post(path, {"answer": "declined", "access_needs": ""})
    inv.refresh_from_db()
    assert inv.reply == Reply.DECLINED and inv.access_needs == ""


def test_a_reply_without_an_answer_is_refused_plainly(workshop, lead, django_capture_on_commit_callbacks):
    send(workshop, lead, django_capture_on_commit_callbacks)
    response = Client().post(reply_path(mail.outbox[0]), {"answer": "", "access_needs": "Large print"})
    assert response.status_code == 400 and "Select whether you can come" in response.content.decode()
    assert Invitation.objects.get().reply == Reply.AWAITING


def test_links_that_do_not_work(workshop, lead, project, django_capture_on_commit_callbacks):
    send(workshop, lead, django_capture_on_commit_callbacks)
    path = reply_path(mail.outbox[0])
    assert Client().get("/workshops/reply/not-a-token/").status_code == 404
    # A link made for something else does not open a workshop reply.
    other = links.make_link("invitation", Invitation.objects.get())
    assert Client().get(reverse("workshop-reply", args=[other.token])).status_code == 404
    # Taken off the list: the link no longer works, and says so.
    services.uninvite(invitation=Invitation.objects.get())
    gone = Client().get(path)
    assert gone.status_code == 404 and "This link does not work" in gone.content.decode()


def test_after_the_workshop_the_page_says_so_and_takes_no_reply(workshop, lead, django_capture_on_commit_callbacks):
    send(workshop, lead, django_capture_on_commit_callbacks)
    path = reply_path(mail.outbox[0])
    past = timezone.now() - datetime.timedelta(days=1)
    services.update_workshop(workshop=workshop, starts=past, ends=past + datetime.timedelta(hours=2))
    page = Client().get(path).content.decode()
    assert "This workshop has taken place" in page and "Send your reply" not in page
    Client().post(path, {"answer": "accepted"})
    assert Invitation.objects.get().reply == Reply.AWAITING


def test_a_resent_invitation_has_a_new_link_and_the_old_one_still_shows_the_details(
    workshop, lead, django_capture_on_commit_callbacks
):
    send(workshop, lead, django_capture_on_commit_callbacks)
    send(workshop, lead, django_capture_on_commit_callbacks, resend=True)
    first, second = (reply_path(m) for m in mail.outbox)
    assert first != second
    assert Client().get(first).status_code == 200 and Client().get(second).status_code == 200


def test_owner_is_set_on_the_workshop_form(as_user, project, lead, member):
    from .test_workshops import post_workshop

    post_workshop(as_user(lead), project, lead)
    w = project.workshops.get()
    assert w.owner == lead  # the person who plans it, unless they choose someone else
    d = timezone.localtime(w.starts)
    as_user(lead).post(
        reverse("engagement:workshop-edit", args=[project.pk, w.pk]),
        {
            "title": w.title,
            "purpose": w.purpose,
            "date[day]": d.day,
            "date[month]": d.month,
            "date[year]": d.year,
            "start": "10:00",
            "end": "13:00",
            "place": w.place,
            "owner": member.pk,
        },
    )
    w.refresh_from_db()
    assert w.owner == member


def test_invite_someone_new_by_email(as_user, project, lead, workshop, django_capture_on_commit_callbacks):
    from mobilise.directory.models import Person
    from mobilise.stakeholders.models import Stakeholder

    from ..factories import OrganisationFactory

    charity = OrganisationFactory(name="Mereshire Carers")
    client = as_user(lead)
    page = client.get(reverse("engagement:workshop", args=[project.pk, workshop.pk])).content.decode()
    url = reverse("engagement:invite-email", args=[project.pk, workshop.pk])
    assert url in page
    refused = client.post(url, {"full_name": "Nia Jones", "email": "nia@carers.example", "organisation": charity.pk})
    assert "Select the lawful basis for holding their email address" in refused.content.decode()
    no_date = client.post(url, {"full_name": "Nia Jones", "email": "nia@carers.example", "lawful_basis": "consent"})
    assert "Enter the date they gave consent" in no_date.content.decode()
    assert not Person.objects.filter(email="nia@carers.example").exists() and not mail.outbox

    with django_capture_on_commit_callbacks(execute=True):
        done = client.post(
            url,
            {
                "full_name": "Nia Jones",
                "email": "nia@carers.example",
                "organisation": charity.pk,
                "lawful_basis": "legitimate_interests",
            },
        )
    assert done.status_code == 302 and done["Location"].endswith("#people")
    nia = Person.objects.get(email="nia@carers.example")
    assert nia.lawful_basis == "legitimate_interests" and nia.organisation == charity and nia.created_by == lead
    stakeholder = Stakeholder.objects.get(project=project, person=nia)
    invitation = workshop.invitations.get(stakeholder=stakeholder)
    assert invitation.sent_at and invitation.reply == Reply.AWAITING
    (message,) = mail.outbox
    assert message.to == ["Nia Jones <nia@carers.example>"] and "/workshops/reply/" in message.body

    # Someone already in the directory without a basis gets one; no second record, no second stakeholder.
    known = Person.objects.create(full_name="Sam Lee", email="Sam.Lee@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"full_name": "Sam", "email": "sam.lee@example.org", "lawful_basis": "public_task"})
    known.refresh_from_db()
    assert (
        known.lawful_basis == "public_task" and Person.objects.filter(email__iexact="sam.lee@example.org").count() == 1
    )
    assert workshop.invitations.filter(stakeholder__person=known, sent_at__isnull=False).exists()
    again = client.post(url, {"full_name": "Sam", "email": "sam.lee@example.org", "lawful_basis": "public_task"})
    assert "Sam Lee has already been sent an invitation" in again.content.decode()
    # Do not contact is respected.
    Person.objects.create(full_name="Dee", email="dee@example.org", do_not_contact=True, lawful_basis="consent")
    dnc = client.post(url, {"full_name": "Dee", "email": "dee@example.org", "lawful_basis": "public_task"})
    assert "Dee is marked do not contact" in dnc.content.decode()
    assert not workshop.invitations.filter(stakeholder__person__email="dee@example.org").exists()
