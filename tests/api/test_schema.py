"""Schemathesis against the live schema: every operation, stateless, as a project lead with a read and write token
(the staff-only operations as an adviser), over the objects of tests/api/conftest.py (the URL's ids are swapped for
real ones, so the examples reach real rows; outsiders' 404s are the persona tables' work). No server errors, and
every answer as the schema says: status, content type, headers and body. Run on PostgreSQL too:
scripts/with-postgres.sh .venv/bin/python -m pytest -q tests/api/test_schema.py"""

import contextlib

import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
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
}
STAFF_PATHS = ("/api/support/", "/api/events/")  # run with the adviser's token, so they answer with their rows
WEBHOOK_IDS = {"pk": "webhook"}


EXAMPLES = 5  # per operation and mode: modest, so the run stays short on a busy machine


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
        if case.path_parameters:
            ids = WEBHOOK_IDS if operation.path.startswith("/api/webhooks/") else IDS
            found = {name: objects[ids[name]] for name in case.path_parameters}
            case.path_parameters = {name: getattr(value, "pk", value) for name, value in found.items()}
        try:
            case.call_and_validate(headers={"Authorization": f"Bearer {token}"}, checks=CHECKS)
        except Exception as failure:  # every failing operation is reported, not only the first
            failures.append(f"{operation.label} ({mode.value}): {failure}")
            raise

    with contextlib.suppress(Exception):  # recorded in failures above, with the operation's name
        examples()


# Schemathesis's own pytest plugin does not load under this pytest, so the operations are run by hand.
def test_the_api_keeps_to_its_schema(objects, settings, monkeypatch):
    settings.API_REQUESTS_PER_MINUTE = 10_000
    # Generated webhook addresses resolve to a public address without asking DNS; nothing is sent (the test's
    # transaction never commits, so no delivery is queued).
    monkeypatch.setattr(safeurl, "lookup", lambda host, port: ["93.184.215.14"])
    # As Django's test client does: the WSGI app must not close the test's connection (and with it the test's
    # transaction, on PostgreSQL) when each request starts and finishes.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        _check_every_operation(objects)
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


def _check_every_operation(objects):
    schema = schemathesis.openapi.from_wsgi("/api/schema/", get_wsgi_application())
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) == 36
    failures: list[str] = []
    for operation in operations:
        # Reads take only ids (fixed above) and paging parameters; the write gets invalid bodies too.
        modes = [GenerationMode.POSITIVE] + ([GenerationMode.NEGATIVE] if operation.method.upper() == "POST" else [])
        for mode in modes:
            token = objects["staff_token" if operation.path.startswith(STAFF_PATHS) else "token"]
            _run(operation, mode, token.raw, objects, failures)
    assert not failures, "\n\n".join(failures)
