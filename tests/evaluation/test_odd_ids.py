"""An id the address or a button carries that is no database id ("²" is a digit to Python, but not to int(); a
number too large for an id) is ignored, as for the claim's outcome (test_chain.py), never a server error."""

import pytest
from django.urls import reverse

from ..factories import EvidenceFactory, FeedbackFormFactory, FeedbackQuestionFactory

ODD = ("²", "99999999999999999999999", "x")


@pytest.mark.parametrize("odd", ODD)
def test_an_odd_workshop_or_element_in_the_address_is_ignored(as_user, project, member, odd):
    client = as_user(member)
    assert client.get(reverse("evaluation:form-new", args=[project.pk]), {"workshop": odd}).status_code == 200
    assert client.get(reverse("evaluation:indicator-new", args=[project.pk]), {"element": odd}).status_code == 200


@pytest.mark.parametrize("odd", ODD)
def test_an_odd_id_on_a_delete_button_deletes_nothing(as_user, project, member, odd):
    client = as_user(member)
    evidence = EvidenceFactory(claim__project=project)
    question = FeedbackQuestionFactory(form=FeedbackFormFactory(project=project))
    claim_page = reverse("evaluation:claim", args=[project.pk, evidence.claim.pk])
    form_page = reverse("evaluation:form", args=[project.pk, question.form.pk])
    assert client.post(claim_page, {"delete": odd}).status_code == 200  # the evidence form, with its errors
    assert client.post(form_page, {"delete": odd}).status_code == 200
    assert evidence.claim.evidence.count() == 1 and question.form.questions.count() == 1
