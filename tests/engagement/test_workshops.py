import datetime
import io
import re

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from docx import Document
from icalendar import Calendar
from pypdf import PdfReader

from mobilise.engagement import due, services
from mobilise.engagement.models import Interaction, Invitation, Reply, Workshop
from mobilise.engagement.services_workshops import send_invitations
from mobilise.stakeholders.models import Stakeholder

from ..factories import PersonFactory


def post_workshop(client, project, lead, **extra):
    d = timezone.localdate() + datetime.timedelta(days=14)
    data = {
        "title": "Commissioning workshop",
        "purpose": "Reflect on the findings with system partners",
        "date[day]": d.day,
        "date[month]": d.month,
        "date[year]": d.year,
        "start": "10:00",
        "end": "13:00",
        "place": "Mereshire Town Hall",
        "facilitators": [lead.pk],
        **extra,
    }
    return client.post(reverse("engagement:workshop-new", args=[project.pk]), data)


def test_plan_invite_send_and_parse_the_calendar_file(as_user, project, lead, map_, django_capture_on_commit_callbacks):
    client = as_user(lead)
    response = post_workshop(client, project, lead)
    w = Workshop.objects.get()
    assert response["Location"] == reverse("engagement:workshop", args=[project.pk, w.pk])
    assert timezone.localtime(w.starts).hour == 10 and list(w.facilitators.all()) == [lead]
    client.post(
        reverse("engagement:agenda-add", args=[project.pk, w.pk]),
        {"agenda-time": "10:00", "agenda-title": "Welcome", "agenda-owner": "Dr Lee"},
    )
    client.post(
        reverse("engagement:agenda-add", args=[project.pk, w.pk]), {"agenda-time": "10:15", "agenda-title": "Findings"}
    )
    assert [i.title for i in w.agenda.all()] == ["Welcome", "Findings"]
    nobody = PersonFactory(full_name="No Email")
    from mobilise.stakeholders import services as stakeholder_services

    no_email = stakeholder_services.add_stakeholder(project=project, by=lead, person=nobody)
    page = client.post(
        reverse("engagement:invite", args=[project.pk, w.pk]),
        {"stakeholders": [map_["raj"].pk, map_["fatima"].pk, no_email.pk]},
        follow=True,
    )
    text = page.content.decode()
    assert "Fatima Begum (marked do not contact)" in text and "No Email (no email address" in text
    assert [i.stakeholder for i in w.invitations.all()] == [map_["raj"]]
    with django_capture_on_commit_callbacks(execute=True):  # mail goes out once the write commits
        client.post(reverse("engagement:send", args=[project.pk, w.pk]))
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["Raj Patel <Raj.Patel@kingsbridge.example>"] and "Commissioning workshop" in message.subject
    name, content, mimetype = message.attachments[0]
    assert name == "invitation.ics" and mimetype.startswith("text/calendar")
    calendar = Calendar.from_ical(content)
    assert calendar["method"] == "REQUEST"
    event = calendar.walk("VEVENT")[0]
    assert str(event["summary"]) == "Commissioning workshop"
    assert event.decoded("dtstart") == w.starts and event.decoded("dtend") == w.ends
    # The venue is shown only through the personal link, which the calendar entry carries instead.
    reply_url = re.search(r"http\S+/workshops/reply/\S+/", message.body).group(0)
    assert str(event["location"]) == reply_url and str(event["url"]) == reply_url
    assert "Mereshire Town Hall" not in message.body and b"Mereshire Town Hall" not in content.encode()
    assert "raj.patel@kingsbridge.example" in str(event["attendee"]).lower()
    assert int(event["sequence"]) == 0 and str(event["uid"]).startswith(f"workshop-{w.pk}@")
    inv = w.invitations.get()
    assert inv.reply == Reply.AWAITING and inv.sent_at
    with django_capture_on_commit_callbacks(execute=True):  # mail goes out once the write commits
        client.post(reverse("engagement:send", args=[project.pk, w.pk]))
    assert len(mail.outbox) == 1  # not sent twice
    # A change of time raises the sequence, so calendars replace the earlier invitation.
    w = services.update_workshop(workshop=w, place="Room 2")
    with django_capture_on_commit_callbacks(execute=True):  # mail goes out once the write commits
        client.post(reverse("engagement:send", args=[project.pk, w.pk]), {"resend": "1"})
    assert len(mail.outbox) == 2
    again = Calendar.from_ical(mail.outbox[1].attachments[0][1]).walk("VEVENT")[0]
    assert int(again["sequence"]) == 1 and again.decoded("dtstart") == w.starts


def test_do_not_contact_flagged_later_is_not_sent(project, lead, map_):
    start = timezone.now() + datetime.timedelta(days=3)
    w = services.create_workshop(
        project=project, title="W", purpose="P", starts=start, ends=start + datetime.timedelta(hours=1), place="Here"
    )
    services.invite(workshop=w, stakeholders=[map_["raj"]])
    person = map_["raj"].person
    person.do_not_contact = True
    person.save()
    sent, skipped = send_invitations(workshop=w, by=lead)
    assert sent == [] and skipped == ["Raj Patel"] and mail.outbox == []


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ({"end": "09:00"}, "The end time must be after the start time"),
        ({"start": "25:00"}, "Enter a time as hours and minutes"),
        ({"place": ""}, "Enter a place or an online meeting link"),
        ({"online_link": "not a link"}, "Enter a full web address"),
        ({"date[day]": "31", "date[month]": "6"}, "Enter a real date"),
    ],
)
def test_bad_workshop_input(as_user, project, lead, extra, message):
    response = post_workshop(as_user(lead), project, lead, **extra)
    assert response.status_code == 200 and message in response.content.decode()
    assert not Workshop.objects.exists()


def test_run_the_workshop_to_its_report(as_user, project, lead, member, map_):
    start = timezone.now() - datetime.timedelta(hours=5)
    w = services.create_workshop(
        project=project,
        title="Commissioning workshop",
        purpose="Reflect",
        starts=start,
        ends=start + datetime.timedelta(hours=3),
        place="Town hall",
        facilitators=[lead],
    )
    item = services.add_agenda_item(workshop=w, title="Findings", owner="Dr Lee")
    raj = Invitation.objects.create(workshop=w, stakeholder=map_["raj"])
    client = as_user(member)
    client.post(
        reverse("engagement:replies", args=[project.pk, w.pk]), {f"reply-{raj.pk}": "accepted", "attended": [raj.pk]}
    )
    raj.refresh_from_db()
    assert raj.reply == Reply.ACCEPTED and raj.attended
    # Attending counts as contact: the workshop's interaction involves who came.
    interaction = Interaction.objects.get(workshop=w)
    assert list(interaction.stakeholders.all()) == [map_["raj"]] and interaction.kind == "workshop"
    client.post(
        reverse("engagement:notes", args=[project.pk, w.pk]),
        {
            "summary": "Good discussion",
            "decisions": "Extend to two more PCNs\n\nReport in March",
            f"note_{item.pk}": "Uptake rose by #12% *in* $Luton$",
        },
    )
    client.post(
        reverse("engagement:workshop-action", args=[project.pk, w.pk]),
        {"description": "Draft a business case", "owner": member.pk},
    )
    w.refresh_from_db()
    assert w.decision_list == ["Extend to two more PCNs", "Report in March"]
    pdf = client.get(reverse("engagement:workshop-export", args=[project.pk, w.pk, "report", "pdf"]))
    assert pdf["Content-Type"] == "application/pdf"
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.content)).pages)
    for expected in (
        "Workshop report",
        "Uptake rose by #12% *in* $Luton$",
        "Extend to two more PCNs",
        "Draft a business case",
        "Raj Patel",
    ):
        assert expected in text
    docx = client.get(reverse("engagement:workshop-export", args=[project.pk, w.pk, "pack", "docx"]))
    document = Document(io.BytesIO(docx.content))
    body = "\n".join(p.text for p in document.paragraphs) + "\n".join(
        c.text for t in document.tables for row in t.rows for c in row.cells
    )
    assert "Workshop pack" in body and "Findings" in body and "Raj Patel" in body and "Town hall" in body
    assert (
        client.get(reverse("engagement:workshop-export", args=[project.pk, w.pk, "report", "exe"])).status_code == 404
    )
    # Nobody attended any more: the interaction goes too.
    client.post(reverse("engagement:replies", args=[project.pk, w.pk]), {f"reply-{raj.pk}": "accepted"})
    assert not Interaction.objects.filter(workshop=w).exists()


def test_attending_a_workshop_sets_the_contact_dates_and_moving_it_moves_them(project, lead, map_):
    start = timezone.now() - datetime.timedelta(days=3)
    w = services.create_workshop(
        project=project,
        title="W",
        purpose="P",
        starts=start,
        ends=start + datetime.timedelta(hours=2),
        facilitators=[lead],
    )
    raj = Invitation.objects.create(workshop=w, stakeholder=map_["raj"])  # weekly
    services.record_replies(workshop=w, replies={}, attended={raj.pk})
    stakeholder = Stakeholder.objects.get(pk=map_["raj"].pk)
    day = timezone.localtime(start).date()
    assert (stakeholder.last_contact, stakeholder.next_contact) == (day, day + datetime.timedelta(days=7))
    services.update_workshop(
        workshop=w,
        starts=start - datetime.timedelta(days=10),
        ends=start - datetime.timedelta(days=10) + datetime.timedelta(hours=2),
    )
    stakeholder.refresh_from_db()
    assert stakeholder.last_contact == day - datetime.timedelta(days=10)
    services.record_replies(workshop=w, replies={}, attended=set())
    stakeholder.refresh_from_db()
    assert (stakeholder.last_contact, stakeholder.next_contact) == (None, None)


def test_attending_a_workshop_is_contact_for_the_attendees_organisation(project, lead, map_):
    """Issue 13: the ICB stayed overdue on the due list after one of its people came to the workshop."""
    icb = map_["icb"]  # monthly, last seen 40 days ago: overdue
    services.log_interaction(
        project=project,
        by=lead,
        date=timezone.localdate() - datetime.timedelta(days=40),
        kind="call",
        stakeholders=[icb],
    )
    colleague = PersonFactory(full_name="Ana Silva", email="ana@icb.example", organisation=icb.organisation)
    from mobilise.stakeholders import services as stakeholder_services

    ana = stakeholder_services.add_stakeholder(project=project, by=lead, person=colleague)
    start = timezone.now() - datetime.timedelta(days=2)
    w = services.create_workshop(
        project=project, title="W", purpose="P", starts=start, ends=start + datetime.timedelta(hours=2), place="Hall"
    )
    inv = Invitation.objects.create(workshop=w, stakeholder=ana)
    services.record_replies(workshop=w, replies={}, attended={inv.pk})
    icb.refresh_from_db()
    assert icb.last_contact == timezone.localtime(start).date()
    assert icb not in due.due(Stakeholder.objects.filter(project=project), timezone.localdate())
    assert set(Interaction.objects.get(workshop=w).stakeholders.all()) == {ana, icb}
    # When no one from the ICB came after all, its last contact goes back to the call.
    services.record_replies(workshop=w, replies={}, attended=set())
    icb.refresh_from_db()
    assert icb.last_contact == timezone.localdate() - datetime.timedelta(days=40)


def in_three_days(project):
    """A workshop of two hours in three days' time."""
    return services.create_workshop(
        project=project,
        title="W",
        purpose="P",
        starts=timezone.now() + datetime.timedelta(days=3),
        ends=timezone.now() + datetime.timedelta(days=3, hours=2),
        place="Hall",
    )


def test_agenda_items_can_be_changed_and_reordered_without_javascript(as_user, project, lead):
    w = in_three_days(project)
    welcome, findings, close = (services.add_agenda_item(workshop=w, title=t) for t in ("Welcome", "Findings", "Close"))
    client = as_user(lead)
    page = client.get(reverse("engagement:workshop", args=[project.pk, w.pk])).content.decode()
    assert page.count(">Move up<") == 2 and page.count(">Move down<") == 2  # not up for the first, down for the last
    edit = reverse("engagement:agenda-edit", args=[project.pk, w.pk, findings.pk])
    assert 'value="Findings"' in client.get(edit).content.decode()
    saved = client.post(edit, {"time": "10:30", "title": "What we found", "owner": "Dr Lee"})
    assert saved.status_code == 302 and saved["Location"].endswith("#agenda")
    findings.refresh_from_db()
    assert (findings.title, f"{findings.time:%H:%M}", findings.owner) == ("What we found", "10:30", "Dr Lee")
    assert "Enter the agenda item" in client.post(edit, {"title": ""}).content.decode()

    move = reverse("engagement:agenda-move", args=[project.pk, w.pk, close.pk])
    assert client.get(move).status_code == 405  # only a POST moves anything
    client.post(move, {"direction": "up"})
    assert [i.title for i in w.agenda.all()] == ["Welcome", "Close", "What we found"]
    client.post(move, {"direction": "up"})
    client.post(move, {"direction": "up"})  # already first: nothing changes
    assert [i.title for i in w.agenda.all()] == ["Close", "Welcome", "What we found"]
    client.post(reverse("engagement:agenda-move", args=[project.pk, w.pk, welcome.pk]), {"direction": "down"})
    assert [i.title for i in w.agenda.all()] == ["Close", "What we found", "Welcome"]
    client.post(move, {"direction": "sideways"})
    assert [i.title for i in w.agenda.all()] == ["Close", "What we found", "Welcome"]
    # An item of another workshop is not found through this one.
    other = services.create_workshop(project=project, title="X", purpose="P", starts=w.starts, ends=w.ends, place="H")
    stray = services.add_agenda_item(workshop=other, title="Elsewhere")
    assert (
        client.post(
            reverse("engagement:agenda-move", args=[project.pk, w.pk, stray.pk]), {"direction": "up"}
        ).status_code
        == 404
    )


@pytest.mark.parametrize("persona, change_columns", [("lead", 2), ("viewer", 0)])
def test_the_agenda_and_actions_have_a_change_column_for_screen_readers_only_for_editors(
    request, as_user, project, persona, change_columns
):
    """The agenda's and the open actions' tables head their column of buttons with a heading only screen readers
    read (engagement/_macros.html `unseen`, through core's table_head), and have no such column for a viewer."""
    lead = request.getfixturevalue("lead")
    w = in_three_days(project)
    services.add_agenda_item(workshop=w, title="Welcome")
    services.add_action(project=project, workshop=w, agreed_on=timezone.localdate(), description="Book", owner=lead)
    client = as_user(request.getfixturevalue(persona))
    page = client.get(reverse("engagement:workshop", args=[project.pk, w.pk])).content.decode()
    page += client.get(reverse("engagement:due", args=[project.pk])).content.decode()
    hidden = '<th scope="col" class="nhsuk-table__header"><span class="nhsuk-u-visually-hidden">Change</span></th>'
    assert page.count(hidden) == change_columns
    assert '<caption class="nhsuk-table__caption nhsuk-u-visually-hidden">Agenda</caption>' in page


def test_an_odd_id_among_those_who_attended_is_ignored(as_user, project, member, map_):
    start = timezone.now() - datetime.timedelta(hours=5)
    w = services.create_workshop(
        project=project, title="Held", purpose="", starts=start, ends=start + datetime.timedelta(hours=1), place="Hall"
    )
    raj = Invitation.objects.create(workshop=w, stakeholder=map_["raj"])
    odd = ["²", "99999999999999999999999", "x"]
    response = as_user(member).post(
        reverse("engagement:replies", args=[project.pk, w.pk]), {"attended": [raj.pk, *odd]}
    )
    raj.refresh_from_db()
    assert response.status_code == 302 and raj.attended
