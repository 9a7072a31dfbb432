"""Editing and removing a feedback question and a corroborating evidence item."""

import datetime

import pytest
from django.urls import reverse

from mobilise.evaluation import services
from mobilise.evaluation.models import Evidence, FeedbackQuestion, QuestionKind
from tests.factories import ProjectFactory

from ..permissions import EDIT


@pytest.fixture
def question(project):
    form = services.save_feedback_form(
        project=project, title="Workshop feedback", intro="", is_open=True, one_per_browser=False
    )
    return services.save_feedback_question(
        form=form, kind=QuestionKind.SINGLE, text="Your role", choices="Commissioner\nClinician"
    )


@pytest.fixture
def evidence(project, lead):
    claim = services.save_claim(
        project=project, kind="practice", title="Practices refer women", date=datetime.date(2025, 3, 1)
    )
    return services.add_evidence(
        claim=claim,
        by=lead,
        kind="testimonial",
        title="Practice nurse",
        text="Most women come.",
        source="Nurse",
        consent=True,
    )


def question_url(question):
    return reverse("evaluation:form-question", args=[question.form.project_id, question.form_id, question.pk])


def evidence_url(evidence):
    return reverse("evaluation:evidence", args=[evidence.claim.project_id, evidence.pk])


QUESTION = {"kind": "single", "text": "Your role today", "choices": "Commissioner\nClinician\nOther"}
TESTIMONIAL = {
    "e-title": "Practice nurse, Mereside",
    "e-text": "Most women come now.",
    "e-source": "Nurse",
    "e-consent": "on",
}


@pytest.mark.parametrize("persona", list(EDIT))
def test_edit_pages_by_persona(request, as_user, question, evidence, persona):
    client = as_user(request.getfixturevalue(persona))
    for url in (question_url(question), evidence_url(evidence)):
        response = client.get(url)
        assert response.status_code == EDIT[persona], url
        if EDIT[persona] == 404:
            assert b"Your role" not in response.content and b"Practice nurse" not in response.content
    assert client.post(question_url(question), {"action": "delete"}).status_code in (302, 404)
    assert client.post(evidence_url(evidence), {"action": "delete"}).status_code in (302, 404)
    removed = EDIT[persona] == 200
    assert FeedbackQuestion.objects.exists() != removed and Evidence.objects.exists() != removed


def test_edit_a_question(as_user, question, member):
    client = as_user(member)
    page = client.get(reverse("evaluation:form", args=[question.form.project_id, question.form_id]))
    assert question_url(question).encode() in page.content
    assert client.get(question_url(question)).content.count(b"Commissioner\nClinician") == 1
    response = client.post(question_url(question), {**QUESTION, "required": "on"})
    assert response.status_code == 302 and response["Location"].endswith("#questions")
    question.refresh_from_db()
    assert question.text == "Your role today" and question.options == ["Commissioner", "Clinician", "Other"]
    assert question.required
    # With no responses yet, the kind may change.
    client.post(question_url(question), {"kind": "rating", "text": "How useful?"})
    question.refresh_from_db()
    assert question.kind == QuestionKind.RATING


def test_kind_cannot_change_once_answered(as_user, question, member):
    services.record_response(form=question.form, answers={question.pk: "Clinician"})
    client = as_user(member)
    assert b"you can reword the question, but not change its kind" in client.get(question_url(question)).content
    response = client.post(question_url(question), {**QUESTION, "kind": "text"})
    assert response.status_code == 200
    assert b"this question&#39;s kind cannot change" in response.content and b"nhsuk-error-summary" in response.content
    question.refresh_from_db()
    assert question.kind == QuestionKind.SINGLE and question.text == "Your role"
    assert client.post(question_url(question), QUESTION).status_code == 302  # rewording is fine
    question.refresh_from_db()
    assert question.text == "Your role today"


def test_question_bad_input(as_user, question, member):
    client = as_user(member)
    for data, message in (
        ({**QUESTION, "text": ""}, b"Enter the question"),
        ({**QUESTION, "choices": "Only one"}, b"Give at least two choices"),
        ({**QUESTION, "kind": "bogus"}, b"Select a valid choice"),
        ({**QUESTION, "text": "x" * 301}, b"nhsuk-error-summary"),
    ):
        response = client.post(question_url(question), data)
        assert response.status_code == 200 and message in response.content
    question.refresh_from_db()
    assert question.text == "Your role"


def test_question_of_another_project_is_not_found(as_user, question, member):
    other = services.save_feedback_form(
        project=ProjectFactory(), title="Theirs", intro="", is_open=True, one_per_browser=False
    )
    url = reverse("evaluation:form-question", args=[question.form.project_id, other.pk, question.pk])
    assert as_user(member).get(url).status_code == 404
    theirs = services.save_feedback_question(form=other, kind=QuestionKind.TEXT, text="Theirs")
    url = reverse("evaluation:form-question", args=[question.form.project_id, question.form_id, theirs.pk])
    assert as_user(member).post(url, {"action": "delete"}).status_code == 404
    assert FeedbackQuestion.objects.filter(pk=theirs.pk).exists()


def test_edit_evidence(as_user, evidence, member):
    client = as_user(member)
    claim_page = client.get(reverse("evaluation:claim", args=[evidence.claim.project_id, evidence.claim_id]))
    assert evidence_url(evidence).encode() in claim_page.content
    form = client.get(evidence_url(evidence)).content
    assert b"Most women come." in form and b'name="e-url"' not in form  # only the fields a testimonial keeps
    response = client.post(evidence_url(evidence), TESTIMONIAL)
    assert response.status_code == 302 and response["Location"].endswith("#evidence")
    evidence.refresh_from_db()
    assert (evidence.title, evidence.text, evidence.kind) == (
        "Practice nurse, Mereside",
        "Most women come now.",
        "testimonial",
    )


def test_evidence_bad_input(as_user, evidence, lead, member):
    client = as_user(member)
    for data, message in (
        ({**TESTIMONIAL, "e-consent": ""}, b"consent to be quoted"),
        ({**TESTIMONIAL, "e-text": ""}, b"Enter the quotation or the email text"),
        ({**TESTIMONIAL, "e-title": ""}, b"Describe the evidence"),
    ):
        response = client.post(evidence_url(evidence), data)
        assert response.status_code == 200 and message in response.content
    evidence.refresh_from_db()
    assert evidence.consent and evidence.title == "Practice nurse"
    link = services.add_evidence(claim=evidence.claim, by=lead, kind="link", title="Minutes", url="https://e.org/a")
    response = client.post(evidence_url(link), {"e-title": "Minutes", "e-url": "not a link"})
    assert b"Enter a full web address" in response.content
    response = client.post(evidence_url(link), {"e-title": "Minutes", "e-url": ""})
    assert b"Enter the link" in response.content
    client.post(evidence_url(link), {"e-title": "Board minutes", "e-url": "example.org/b"})
    link.refresh_from_db()
    assert (link.title, link.url) == ("Board minutes", "https://example.org/b")


def test_evidence_of_another_project_is_not_found(as_user, evidence, member):
    theirs = services.save_claim(
        project=ProjectFactory(), kind="policy", title="Theirs", date=datetime.date(2025, 1, 1)
    )
    item = services.add_evidence(claim=theirs, by=None, kind="link", title="Theirs", url="https://e.org")
    url = reverse("evaluation:evidence", args=[evidence.claim.project_id, item.pk])
    assert as_user(member).get(url).status_code == 404
    assert as_user(member).post(url, {"action": "delete"}).status_code == 404
    assert Evidence.objects.filter(pk=item.pk).exists()
