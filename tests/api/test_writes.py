"""Interactions and actions written through the API: saved as the quick log saves them (latest contact, actions,
a scored change of attitude), refused with the page form's own messages at the place in the body, nothing half
saved, a retry with the same Idempotency-Key answered without a second write."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from mobilise.api import safeurl
from mobilise.api.models import Webhook
from mobilise.engagement.models import Action, Interaction
from mobilise.stakeholders.models import ScoreChange

from ..factories import ApiTokenFactory, InteractionFactory, StakeholderFactory
from .conftest import bearer


def post(objects, name, body, token=None, **headers):
    url = reverse(name, args=[objects["project"].pk])
    return bearer(token or objects["token"]).post(url, body, content_type="application/json", headers=headers)


def interaction(objects, lead, **changes):
    body = {
        "date": "2026-03-02",
        "kind": "meeting",
        "subject": "Screening pilot",
        "summary": "Agreed to run the pilot in two practices",
        "stakeholders": [objects["stakeholder"].pk],
        "team": [lead.pk],
        "actions": [{"description": "Send the protocol", "owner": lead.pk, "due": "2026-03-20"}],
        "attitude_change": {"stakeholder": objects["stakeholder"].pk, "attitude": "champion", "reason": "Convinced"},
    }
    return {**body, **changes}


def pointers(response):
    assert response.status_code == 400 and response["Content-Type"] == "application/problem+json"
    return {error["pointer"]: error["detail"] for error in response.json()["errors"]}


def test_an_interaction_is_logged_as_the_quick_log_logs_it(objects, lead):
    stakeholder = StakeholderFactory(project=objects["project"])  # not met before
    change = {"stakeholder": stakeholder.pk, "attitude": "champion", "reason": "Convinced"}
    body = interaction(objects, lead, stakeholders=[stakeholder.pk], attitude_change=change)
    response = post(objects, "api:interactions", body)
    assert response.status_code == 201
    body = response.json()
    saved = Interaction.objects.get(pk=body["id"])
    assert saved.summary == "Agreed to run the pilot in two practices" and saved.created_by == lead
    assert body["stakeholders"] == [{"id": stakeholder.pk, "name": stakeholder.name}]
    assert [(a["description"], a["owner"]["user"], a["due"]) for a in body["actions"]] == [
        ("Send the protocol", lead.pk, "2026-03-20")
    ]
    stakeholder.refresh_from_db()
    assert stakeholder.last_contact == datetime.date(2026, 3, 2)
    assert stakeholder.attitude == "champion"
    assert ScoreChange.objects.filter(stakeholder=stakeholder, reason="Convinced", changed_by=lead).exists()


@pytest.mark.parametrize(
    "changes, pointer, message",
    [
        ({"date": "2099-01-01"}, "/date", "The date of the interaction must be today or in the past"),
        ({"stakeholders": [10**9]}, "/stakeholders", "not on it"),
        ({"team": [10**9]}, "/team", "Choose people on the team"),
        ({"actions": [{"description": "Call", "owner": 10**9}]}, "/actions/0/owner", "Choose someone on the team"),
        ({"actions": [{"description": " ", "due": "2026-04-01"}]}, "/actions/0/description", "Describe the action"),
        ({"attitude_change": {"stakeholder": 10**9, "attitude": "neutral"}}, "/attitude_change/stakeholder", ""),
        ({"summary": ""}, "/summary", ""),
        ({"actions": [{"description": "A"}] * 4}, "/actions", "no more than 3"),
    ],
)
def test_what_the_form_refuses_is_refused_where_it_is_and_nothing_is_saved(objects, lead, changes, pointer, message):
    before = Interaction.objects.count(), Action.objects.count(), ScoreChange.objects.count()
    problems = pointers(post(objects, "api:interactions", interaction(objects, lead, **changes)))
    assert pointer in problems and message in problems[pointer], problems
    assert (Interaction.objects.count(), Action.objects.count(), ScoreChange.objects.count()) == before


def test_another_projects_stakeholder_is_not_involved(objects, lead):
    elsewhere = StakeholderFactory()
    problems = pointers(post(objects, "api:interactions", interaction(objects, lead, stakeholders=[elsewhere.pk])))
    assert "/stakeholders" in problems
    assert not elsewhere.interactions.exists()


def test_a_retry_with_the_same_key_is_answered_without_a_second_interaction(objects, lead):
    body = interaction(objects, lead)
    first = post(objects, "api:interactions", body, **{"Idempotency-Key": "crm-41"})
    again = post(objects, "api:interactions", body, **{"Idempotency-Key": "crm-41"})
    assert first.status_code == again.status_code == 201
    assert again.json() == first.json() and again["Idempotent-Replayed"] == "true"
    assert Interaction.objects.filter(summary=body["summary"]).count() == 1
    other = post(objects, "api:interactions", {**body, "summary": "Else"}, **{"Idempotency-Key": "crm-41"})
    assert other.status_code == 422


def test_a_read_only_token_writes_nothing(objects, lead):
    token = ApiTokenFactory(user=lead, scope="read")
    assert post(objects, "api:interactions", interaction(objects, lead), token=token).status_code == 403
    assert not Interaction.objects.filter(summary__startswith="Agreed").exists()


def test_an_action_is_added_to_an_interaction_and_marked_done(objects, lead):
    agreed = objects["interaction"]
    body = {"description": "Book the room", "owner": lead.pk, "interaction": agreed.pk}
    response = post(objects, "api:actions", body)
    assert response.status_code == 201
    action = Action.objects.get(pk=response.json()["id"])
    assert (action.interaction, action.agreed_on, action.owner) == (agreed, agreed.date, lead)
    url = reverse("api:action", args=[objects["project"].pk, action.pk])
    done = bearer(objects["token"]).patch(url, {"status": "done"}, content_type="application/json")
    assert done.status_code == 200 and done.json()["status"] == "done"
    action.refresh_from_db()
    assert action.status == "done"
    wrong = bearer(objects["token"]).patch(url, {"status": "maybe"}, content_type="application/json")
    assert "/status" in pointers(wrong)


def test_an_action_on_its_own_is_agreed_today_and_another_projects_interaction_is_refused(objects, lead):
    alone = post(objects, "api:actions", {"description": "Write to the ICB"})
    assert alone.status_code == 201 and alone.json()["agreed_on"] == timezone.localdate().isoformat()
    elsewhere = InteractionFactory()
    problems = pointers(post(objects, "api:actions", {"description": "Call", "interaction": elsewhere.pk}))
    assert problems == {"/interaction": "The project has no such interaction"}
    assert not Action.objects.filter(description="Call").exists()


def test_an_action_the_service_refuses_is_a_problem_not_a_server_error(objects):
    # Found by the schema test: a description the form keeps but that cleans to nothing.
    before = Action.objects.count()
    problems = pointers(post(objects, "api:actions", {"description": "\ufffe"}))
    assert problems == {"/description": "Describe the action"}
    assert Action.objects.count() == before


def test_a_webhook_registered_twice_with_one_key_is_registered_once(objects, lead, monkeypatch):
    monkeypatch.setattr(safeurl, "lookup", lambda host, port: ["93.184.215.14"])
    body = {"name": "CRM", "url": "https://crm.example.org/in", "events": ["output.published"]}
    client = bearer(objects["token"])
    sent = [
        client.post(reverse("api:webhooks"), body, content_type="application/json", headers={"Idempotency-Key": "w1"})
        for _ in range(2)
    ]
    assert [r.status_code for r in sent] == [201, 201] and sent[0].json() == sent[1].json()
    assert Webhook.objects.filter(owner=lead, name="CRM").count() == 1
