"""An imported email: its warning box, the team's own addresses, its line breaks, the file-type reminder, and
the people it adds to the map with their lawful basis."""

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from mobilise.directory.models import Person
from mobilise.engagement import eml
from mobilise.engagement.models import Interaction
from mobilise.stakeholders.models import ScoreChange, Stakeholder

from ..factories import PersonFactory

MESSAGE = (
    "From: Renée Dupré <renee@example.org>\r\n"
    "To: Raj Patel <raj.patel@kingsbridge.example>, {team}, Sam Other <sam@example.net>\r\n"
    "Subject: Next steps\r\nDate: Tue, 10 Mar 2026 10:00:00 -0000\r\nMIME-Version: 1.0\r\n"
    "Content-Type: text/plain; charset=utf-8\r\n\r\n"
    "Dear all,\r\n\r\nThanks for the meeting.\r\nThe budget is set in October.\r\n\r\nBest wishes,\r\nRenée\r\n"
)


def _date(name, d):
    return {f"{name}[day]": str(d.day), f"{name}[month]": str(d.month), f"{name}[year]": str(d.year)}


MARCH = datetime.date(2026, 3, 10)


def _import(client, project, team_address):
    return client.post(
        reverse("engagement:import", args=[project.pk]),
        {"file": SimpleUploadedFile("message.eml", MESSAGE.format(team=team_address).encode())},
    )


def test_warning_box_is_markup_and_leaves_out_the_team(as_user, project, member, lead, map_):
    page = _import(as_user(member), project, f"Lead <{lead.email.upper()}>").content.decode()
    assert "&lt;p&gt;" not in page
    box = page.split("Addresses not on the stakeholder map")[1].split("</div>")[0]
    assert "<li>renee@example.org</li>" in box and "<li>sam@example.net</li>" in box
    assert (
        lead.email.lower() not in box and member.email.lower() not in page.split("Add people from")[0].split("<h1")[1]
    )
    assert "raj.patel" not in box  # on the map, so ticked instead


def test_line_breaks_are_kept_in_the_draft_the_record_and_the_page(as_user, project, member, map_):
    client = as_user(member)
    parsed = eml.parse(MESSAGE.format(team="x@example.com").encode())
    assert (
        parsed["body"] == "Dear all,\n\nThanks for the meeting.\nThe budget is set in October.\n\nBest wishes,\nRenée"
    )
    page = _import(client, project, "x@example.com").content.decode()
    assert "Dear all,\n\nThanks for the meeting.\nThe budget" in page
    r = client.post(
        reverse("engagement:log", args=[project.pk]),
        {**_date("date", MARCH), "kind": "email", "stakeholders": [map_["raj"].pk], "summary": parsed["body"]},
    )
    interaction = Interaction.objects.get()
    assert interaction.summary == parsed["body"]
    shown = client.get(r["Location"]).content.decode()
    assert "<p>Dear all,</p><p>Thanks for the meeting.<br>The budget is set in October.</p>" in shown


def test_html_paragraphs_and_breaks_are_kept():
    html = (
        b"From: a@example.org\r\nContent-Type: text/html; charset=utf-8\r\n\r\n"
        b"<p>Dear all,</p>\r\n<p>Thanks for\r\n the meeting.<br>See you soon</p>"
    )
    assert eml.parse(html)["body"] == "Dear all,\n\nThanks for the meeting.\nSee you soon"


def test_a_file_type_error_asks_for_the_file_again(as_user, project, member):
    page = (
        as_user(member)
        .post(reverse("engagement:import", args=[project.pk]), {"file": SimpleUploadedFile("m.pdf", b"%PDF-")})
        .content.decode()
    )
    assert "choose the .eml file again" in page


def _log(client, project, **extra):
    data = {
        **_date("date", MARCH),
        "kind": "email",
        "summary": "Thanks for the meeting",
        "new-offered": ['"Renée Dupré" <renee@example.org>', '"Sam Other" <sam@example.net>'],
        **extra,
    }
    return client.post(reverse("engagement:log", args=[project.pk]), data)


def test_people_added_from_an_email_get_the_lawful_basis_chosen_once(as_user, project, member, map_):
    known = PersonFactory(full_name="Sam Other", email="SAM@example.net", lawful_basis="consent")
    client = as_user(member)
    page = _import(client, project, "x@example.com").content.decode()
    assert "Add people from the email" in page and "Renée Dupré (renee@example.org)" in page
    missing = _log(client, project, **{"new-add": ['"Renée Dupré" <renee@example.org>']})
    assert missing.status_code == 200 and "Select the lawful basis" in missing.content.decode()
    assert not Person.objects.filter(email="renee@example.org").exists()
    r = _log(
        client,
        project,
        **{
            "new-add": ['"Renée Dupré" <renee@example.org>', '"Sam Other" <sam@example.net>'],
            "new-lawful_basis": "legitimate_interests",
        },
    )
    assert r.status_code == 302
    renee = Person.objects.get(email="renee@example.org")
    assert (renee.full_name, renee.lawful_basis) == ("Renée Dupré", "legitimate_interests")
    known.refresh_from_db()
    assert known.lawful_basis == "consent" and Person.objects.filter(full_name="Sam Other").count() == 1
    interaction = Interaction.objects.get()
    assert {s.name for s in interaction.stakeholders.all()} == {"Renée Dupré", "Sam Other"}
    added = Stakeholder.objects.get(person=renee)
    assert not added.scored and not ScoreChange.objects.filter(stakeholder=added).exists()


def test_consent_needs_its_date(as_user, project, member, map_):
    r = _log(
        as_user(member),
        project,
        **{"new-add": ['"Renée Dupré" <renee@example.org>'], "new-lawful_basis": "consent"},
    )
    assert "Enter the date they gave consent" in r.content.decode()
    today = timezone.localdate() - datetime.timedelta(days=1)
    r = _log(
        as_user(member),
        project,
        **{
            "new-add": ['"Renée Dupré" <renee@example.org>'],
            "new-lawful_basis": "consent",
            **_date("new-consent_date", today),
        },
    )
    assert r.status_code == 302
    assert Person.objects.get(email="renee@example.org").consent_date == today


def test_a_forged_offer_is_ignored(as_user, project, member, map_):
    r = _log(
        as_user(member),
        project,
        **{"new-offered": ["not an address", "x" * 300 + "@example.org"], "new-add": ["not an address"]},
    )
    assert r.status_code == 200 and not Interaction.objects.exists()
