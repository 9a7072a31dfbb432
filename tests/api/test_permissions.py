"""Every API URL and method for every persona, signed in through the browser's session (tokens act as their user:
tests/api/test_tokens.py). The API answers the anonymous visitor 401 rather than sending it to sign in; the JSON
write is checked here with a JSON body, as a pipeline sends it."""

from dataclasses import dataclass

import pytest
from django.db import transaction
from django.urls import reverse

from ..permissions import (
    EDIT,
    PERSONAS,
    PUBLIC,
    READ,
    SIGN_IN,
    SIGNED_IN,
    Url,
    answer,
    client_for,
    names_in,
    when_allowed,
)

API_READ = {**READ, "anonymous": 401}
API_EDIT = {**EDIT, "anonymous": 401}
P = ("project",)
ACTUALS = {"periods": [{"period": "2025 Q2", "total": "7", "breakdowns": []}]}


@dataclass(frozen=True)
class Pk:
    """In a request body: the primary key of an entry of the `objects` fixture, filled in when the request is sent."""

    name: str


def _body(data, objects):
    if isinstance(data, Pk):
        return objects[data.name].pk
    if isinstance(data, list):
        return [_body(item, objects) for item in data]
    return {key: _body(value, objects) for key, value in data.items()} if isinstance(data, dict) else data


INTERACTION = {"date": "2026-01-05", "kind": "call", "summary": "Talked", "stakeholders": [Pk("stakeholder")]}
DIRECTORY = {"adviser": 200, "lead": 200, "member": 200, "viewer": 404, "outsider": 200, "anonymous": 401}
W = ("webhook",)  # the lead's: only its owner reaches it
OWNER = dict.fromkeys(SIGNED_IN, 404)
STAFF = {**OWNER, "adviser": 200, "anonymous": 401}  # rules.is_organisation_staff: the rest get 404, as on the pages
E = ("event",)
NEW_WEBHOOK = {"name": "CRM", "url": "https://93.184.215.14/in", "events": ["output.published"]}
# Account pages (HTML): their 404 is the site's page, not a problem document.
PAGES = {
    "api:token-revoke",
    "api:webhook",
    "api:webhook-change",
    "api:webhook-secret",
    "api:webhook-test",
    "api:webhook-enable",
    "api:webhook-delete",
}
URLS = [
    Url("api:schema", (), PUBLIC),
    Url("api:docs", (), PUBLIC),
    Url("api:token-new", (), SIGNED_IN),
    Url("api:token-revoke", ("token",), {**dict.fromkeys(SIGNED_IN, 404), "lead": 302}, "post"),
    Url("api:webhook-new", (), SIGNED_IN),
    Url("api:webhook", W, {**OWNER, "lead": 200}),
    Url("api:webhook-change", W, {**OWNER, "lead": 200}),
    Url("api:webhook-secret", W, {**OWNER, "lead": 200}, "post"),
    Url("api:webhook-test", W, {**OWNER, "lead": 302}, "post"),
    Url("api:webhook-enable", W, {**OWNER, "lead": 302}, "post"),
    Url("api:webhook-delete", W, {**OWNER, "lead": 302}, "post"),
    Url("api:webhooks", (), {**SIGNED_IN, "anonymous": 401}),
    Url("api:webhooks", (), {**dict.fromkeys(SIGNED_IN, 201), "anonymous": 401}, "post", NEW_WEBHOOK),
    Url("api:webhook-detail", W, {**OWNER, "lead": 200, "anonymous": 401}),
    Url("api:webhook-detail", W, {**OWNER, "lead": 204, "anonymous": 401}, "delete"),
    Url("api:webhook-detail", W, {**OWNER, "lead": 200, "anonymous": 401}, "patch", {"name": "Renamed"}),
    Url("api:webhook-api-secret", W, {**OWNER, "lead": 201, "anonymous": 401}, "post"),
    Url("api:webhook-send-test", W, {**OWNER, "lead": 202, "anonymous": 401}, "post"),
    Url("api:webhook-deliveries", W, {**OWNER, "lead": 200, "anonymous": 401}),
    Url("api:case-studies", (), PUBLIC),
    Url("api:case-study", ("case_study",), PUBLIC),
    Url("api:priorities", (), STAFF),
    Url("api:priority", ("priority",), STAFF),
    Url("api:support-requests", (), STAFF),
    Url("api:support-request", ("support_request",), STAFF),
    Url("api:support-cases", (), STAFF),
    Url("api:support-case", ("case",), STAFF),
    Url("api:events", (), STAFF),
    Url("api:event", E, STAFF),
    Url("api:registrations", E, STAFF),
    Url("api:registration", (*E, "registration"), STAFF),
    Url("api:organisations", (), DIRECTORY),
    Url("api:organisation", ("organisation",), DIRECTORY),
    Url("api:people", (), DIRECTORY),
    Url("api:person", ("person",), DIRECTORY),
    Url("api:projects", (), {**SIGNED_IN, "anonymous": 401}),
    Url("api:project", P, API_READ),
    Url("api:logic-model", P, API_READ),
    Url("api:stakeholders", P, API_READ),
    Url("api:stakeholder", (*P, "stakeholder"), API_READ),
    Url("api:relationships", P, API_READ),
    Url("api:indicators", P, API_READ),
    Url("api:indicator", (*P, "indicator"), API_READ),
    Url("api:actuals", (*P, "indicator"), API_EDIT, "post", ACTUALS),
    Url("api:interactions", P, API_READ),
    Url("api:interactions", P, when_allowed(API_EDIT, 201), "post", INTERACTION),
    Url("api:interaction", (*P, "interaction"), API_READ),
    Url("api:actions", P, API_READ),
    Url("api:actions", P, when_allowed(API_EDIT, 201), "post", {"description": "Call back"}),
    Url("api:action", (*P, "action"), API_READ),
    Url("api:action", (*P, "action"), API_EDIT, "patch", {"status": "done"}),
    Url("api:findings", P, API_READ),
    Url("api:finding", (*P, "finding"), API_READ),
    Url("api:outputs", P, API_READ),
    Url("api:output", (*P, "output"), API_READ),
    Url("api:claims", P, API_READ),
    Url("api:claim", (*P, "claim"), API_READ),
]


class _Undo(Exception):
    pass


def check_api(url: Url, objects, request) -> None:
    failures = []
    for persona in PERSONAS:
        try:
            with transaction.atomic():
                client = client_for(request.getfixturevalue(persona))
                path = url.path(objects)
                if url.method in ("post", "patch") and url.name.startswith("api:") and "token" not in url.name:
                    body = _body(dict(url.data), objects)
                    response = getattr(client, url.method)(path, body, content_type="application/json")
                else:
                    response = getattr(client, url.method)(path, dict(url.data))
                expected = url.answer_for(persona)
                if answer(response) != expected:
                    failures.append(f"{url} as {persona}: {answer(response)}, expected {expected}")
                elif expected in (404, 401):
                    assert objects["project"].title not in response.content.decode()
                    if url.name not in PAGES:
                        assert response["Content-Type"] == "application/problem+json"
                raise _Undo
        except _Undo:
            pass
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize("url", URLS, ids=str)
def test_every_persona(url, objects, request):
    check_api(url, objects, request)


def test_every_url_is_in_the_table():
    assert names_in("mobilise.api.urls") == {url.name for url in URLS}


def test_the_token_pages_send_the_anonymous_visitor_to_sign_in(client):
    assert answer(client.get(reverse("api:token-new"))) == SIGN_IN


def test_an_adviser_sees_every_project_and_a_member_only_their_own(as_user, adviser, member, objects, outsider):
    everyone = {p["id"] for p in as_user(adviser).get(reverse("api:projects")).json()["results"]}
    own = {p["id"] for p in as_user(member).get(reverse("api:projects")).json()["results"]}
    assert own == {objects["project"].pk}
    assert everyone == {objects["project"].pk, outsider.memberships.get().project_id}
