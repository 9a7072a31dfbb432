import datetime

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from mobilise.engagement import eml
from mobilise.engagement.models import Interaction

LATIN1 = (
    b"From: =?iso-8859-1?q?Ren=E9e_Dupr=E9?= <renee@example.org>\r\n"
    b"To: Raj Patel <RAJ.PATEL@kingsbridge.example>, other@example.net\r\n"
    b"Cc: =?utf-8?b?Sm/Dq2wgTsOzYmxl?= <joel@example.com>\r\n"
    b"Subject: =?iso-8859-1?q?Caf=E9_meeting_=96_next_steps?=\r\n"
    b"Date: Sat, 29 Feb 2024 23:30:00 -0000\r\n"
    b"MIME-Version: 1.0\r\n"
    b"Content-Type: text/plain; charset=iso-8859-1\r\n"
    b"Content-Transfer-Encoding: quoted-printable\r\n\r\n"
    b"Th=E9 caf=E9 budget is =A3300k.\r\n"
)

HTML_ONLY = (
    b"From: a@example.org\r\nTo: b@example.org\r\nSubject: Hello\r\nMIME-Version: 1.0\r\n"
    b"Content-Type: multipart/alternative; boundary=XX\r\n\r\n--XX\r\n"
    b"Content-Type: text/html; charset=utf-8\r\n\r\n<p>Hi &amp; welcome</p><script>x()</script><p>Two</p>\r\n--XX--\r\n"
)

UNKNOWN_CHARSET = (
    b"From: a@example.org\r\nSubject: Odd\r\nDate: not a date\r\nContent-Type: text/plain; charset=x-unknown-8\r\n"
    b"Content-Transfer-Encoding: 8bit\r\n\r\nCaf\xc3\xa9 ok\r\n"
)

WRONG_CHARSET = (
    b"From: a@example.org\r\nSubject: Wrong\r\nContent-Type: text/plain; charset=utf-8\r\n"
    b"Content-Transfer-Encoding: 8bit\r\n\r\nCaf\xe9 \x96 latin\r\n"
)


def test_encoded_headers_and_quoted_printable_latin1():
    parsed = eml.parse(LATIN1)
    assert parsed["subject"] == "Café meeting – next steps"
    assert parsed["sender"] == ("Renée Dupré", "renee@example.org")
    assert ("Joël Nóble", "joel@example.com") in parsed["recipients"]
    assert ("Raj Patel", "raj.patel@kingsbridge.example") in parsed["recipients"]
    assert parsed["body"] == "Thé café budget is £300k."
    # 23:30 UTC on a leap day is 29 February in London (GMT).
    assert parsed["date"] == datetime.date(2024, 2, 29)


def test_html_only_unknown_and_wrong_charsets():
    assert eml.parse(HTML_ONLY)["body"] == "Hi & welcome\n\nTwo"  # paragraphs kept
    odd = eml.parse(UNKNOWN_CHARSET)
    assert odd["body"] == "Café ok" and odd["date"] is None
    assert "Caf" in eml.parse(WRONG_CHARSET)["body"]
    empty = eml.parse(b"")
    assert empty["subject"] == "" and empty["body"] == "" and empty["recipients"] == []


def test_import_makes_a_draft_to_confirm(as_user, project, member, map_):
    client = as_user(member)
    response = client.post(
        reverse("engagement:import", args=[project.pk]), {"file": SimpleUploadedFile("message.eml", LATIN1)}
    )
    page = response.content.decode()
    assert response.status_code == 200 and not Interaction.objects.exists()
    assert "Check the imported email" in page and "Café meeting – next steps" in page
    assert f'value="{map_["raj"].pk}" checked' in page
    assert "renee@example.org" in page and "other@example.net" in page  # not on the map
    assert 'value="29"' in page and 'value="email" checked' in page


def test_import_refuses_other_files(as_user, project, member):
    response = as_user(member).post(
        reverse("engagement:import", args=[project.pk]), {"file": SimpleUploadedFile("message.pdf", b"%PDF-")}
    )
    assert "saved as .eml" in response.content.decode()


def test_a_date_at_the_edge_of_the_calendar_is_left_for_the_user():
    far = b"From: a@example.org\r\nSubject: Far\r\nDate: Fri, 31 Dec 9999 23:59:59 -2359\r\n\r\nBody\r\n"
    parsed = eml.parse(far)
    assert parsed["date"] is None and parsed["body"] == "Body"
