"""Schemathesis against the live schema, as a project lead with a read and write token (the staff-only operations as
an adviser), over the objects of tests/api/conftest.py. Stateless: every operation, the URL's ids swapped for real
ones so the examples reach real rows (outsiders' 404s are the persona tables' work). Stateful: sequences that follow
the schema's links (api/schema.py), so a list leads to its items, a creation to what it made, a project to its
interactions. No server errors, and every answer as the schema says: status, content type, headers and body. Run on
PostgreSQL too: scripts/with-postgres.sh .venv/bin/python -m pytest -q tests/api/test_schema.py"""

import contextlib

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections, transaction
from hypothesis import HealthCheck, Phase, given, settings
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from mobilise.api import safeurl

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]
IDS = {
    "pk": "project",
    "id": "project",
    "indicator_pk": "indicator",
    "stakeholder_pk": "stakeholder",
    "interaction_pk": "interaction",
    "action_pk": "action",
    "finding_pk": "finding",
    "output_pk": "output",
    "claim_pk": "claim",
    "slug": "case_study",
    "request_pk": "support_request",
    "case_pk": "case",
    "event_pk": "event",
    "registration_pk": "registration",
    "organisation_pk": "organisation",
    "person_pk": "person",
    "priority_pk": "priority",
}
STAFF_PATHS = ("/api/support/", "/api/events/")  # run with the adviser's token, so they answer with their rows
WEBHOOK_IDS = {"pk": "webhook", "id": "webhook"}


EXAMPLES = 5  # per operation and mode: modest, so the run stays short on a busy machine
STATEFUL_EXAMPLES = 60  # sequences of up to eight calls


def _real_ids(case, objects):
    """The case's made-up ids in the URL swapped for those of real rows."""
    if case.path_parameters:
        ids = WEBHOOK_IDS if case.operation.path.startswith("/api/webhooks/") else IDS
        found = {name: objects[ids[name]] for name in case.path_parameters}
        case.path_parameters = {name: getattr(value, "pk", value) for name, value in found.items()}


def _run(operation, mode, token, objects, failures):
    @given(case=operation.as_strategy(mode))
    @settings(
        max_examples=EXAMPLES,
        phases=[Phase.explicit, Phase.generate],  # a failure is reported as found, unshrunk: the run stays short
        deadline=None,
        suppress_health_check=list(HealthCheck),
        database=None,
    )
    def examples(case):
        _real_ids(case, objects)
        try:
            case.call_and_validate(headers={"Authorization": f"Bearer {token}"}, checks=CHECKS)
        except Exception as failure:  # every failing operation is reported, not only the first
            failures.append(f"{operation.label} ({mode.value}): {failure}")
            raise

    with contextlib.suppress(Exception):  # recorded in failures above, with the operation's name
        examples()


@pytest.fixture
def schema(settings, monkeypatch):
    """The live schema, served by the WSGI app in the test's transaction."""
    settings.API_REQUESTS_PER_MINUTE = 10_000
    # Generated webhook addresses resolve to a public address without asking DNS; nothing is sent (the test's
    # transaction never commits, so no delivery is queued).
    monkeypatch.setattr(safeurl, "lookup", lambda host, port: ["93.184.215.14"])
    # As Django's test client does: the WSGI app must not close the test's connection (and with it the test's
    # transaction, on PostgreSQL) when each request starts and finishes.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield schemathesis.openapi.from_wsgi("/api/schema/", get_wsgi_application())
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def _token(objects, path):
    return objects["staff_token" if path.startswith(STAFF_PATHS) else "token"].raw


# Schemathesis's own pytest plugin does not load under this pytest, so the operations are run by hand.
def test_the_api_keeps_to_its_schema(objects, schema):
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) == 46
    failures: list[str] = []
    for operation in operations:
        # Reads take only ids (fixed above) and paging parameters; the write gets invalid bodies too.
        modes = [GenerationMode.POSITIVE] + ([GenerationMode.NEGATIVE] if operation.method.upper() == "POST" else [])
        for mode in modes:
            _run(operation, mode, _token(objects, operation.path), objects, failures)
    assert not failures, "\n\n".join(failures)


def test_linked_operations_keep_to_the_schema(objects, schema):
    """Sequences of calls that follow the links. Half or more of the operations a sequence never starts with (an
    item, what lies under it, a change to it) are reached through their links and answer 2xx."""
    answered = set()

    class Workflow(schema.as_state_machine()):
        def setup(self):
            # Each sequence starts from the same rows: what one deletes or adds is undone after it.
            self.savepoint = transaction.atomic()
            self.savepoint.__enter__()

        def teardown(self):
            transaction.set_rollback(True)
            self.savepoint.__exit__(None, None, None)

        def step(self, input):
            # A sequence starts with a list or a creation: on real rows, and a list unfiltered so that it has a
            # first row to lead on from (the stateless run tries its filters). Later steps take their ids from
            # the links.
            if input.transition is None:
                _real_ids(input.case, objects)
                if input.case.method == "GET":
                    input.case.query = {}
            return super().step(input)

        def get_call_kwargs(self, case):
            return {"headers": {"Authorization": f"Bearer {_token(objects, case.operation.path)}"}}

        def after_call(self, response, case):
            if response.status_code < 300:
                answered.add(case.operation.label)

        def validate_response(self, response, case, additional_checks=None, **kwargs):
            case.validate_response(response, checks=CHECKS, transport_kwargs=kwargs)

    Workflow.run(
        settings=settings(
            max_examples=STATEFUL_EXAMPLES,
            stateful_step_count=10,
            derandomize=True,
            phases=[Phase.generate],
            deadline=None,
            suppress_health_check=list(HealthCheck),
            database=None,
        )
    )
    operations = {result.ok().label for result in schema.get_all_operations()}
    linked = operations - Workflow._root_labels
    assert len(answered & linked) >= len(linked) / 2, sorted(linked - answered)
