import ipaddress
from decimal import Decimal

import pytest
from django.test import Client

from mobilise.api import safeurl
from mobilise.planning.models import Column

from ..factories import (
    ActionFactory,
    ActualFactory,
    ApiTokenFactory,
    CaseFactory,
    EvidenceFactory,
    FindingFactory,
    ImpactClaimFactory,
    IndicatorFactory,
    InteractionFactory,
    LibraryCaseStudyFactory,
    LinkFactory,
    LogicModelFactory,
    OutputFactory,
    PeriodFactory,
    PersonFactory,
    PriorityFactory,
    RegistrationFactory,
    RelationshipFactory,
    ScoreChangeFactory,
    SectionFactory,
    StakeholderFactory,
    StakeholderRoleFactory,
    WebhookFactory,
)
from .receiver import Receiver, serve


@pytest.fixture
def objects(project, lead, adviser):
    """A project with something in every resource: a logic model with a link, a stakeholder with a role, a score
    change and a relationship, an indicator (with an ethnicity breakdown) with two periods and actuals, an
    interaction with the stakeholder and an action agreed in it, a finding in an output with a section, an impact
    claim with evidence, a published library case study showing the claim, a support case opened from a request,
    an event with a registration, a person (with their organisation) in the directory, a system priority; and a
    token of the lead's and one of the adviser's (staff)."""
    model = LogicModelFactory(project=project, problem="Low screening uptake")
    link = LinkFactory(model=model, rationale="Sessions build trust")
    stakeholder = StakeholderFactory(project=project)
    StakeholderRoleFactory(stakeholder=stakeholder)
    ScoreChangeFactory(stakeholder=stakeholder, changed_by=lead)
    RelationshipFactory(project=project, source=stakeholder, kind="funds")
    indicator = IndicatorFactory(
        project=project,
        element=link.target,
        unit="people",
        breakdowns={"Ethnicity": ["Bangladeshi", "Pakistani"]},
        additive=True,
    )
    period = PeriodFactory(indicator=indicator, label="2025 Q1")
    PeriodFactory(indicator=indicator, label="2025 Q2")
    ActualFactory(period=period, value=Decimal("40"))
    ActualFactory(period=period, dimension="Ethnicity", category="Bangladeshi", value=Decimal("12"))
    interaction = InteractionFactory(project=project, created_by=lead)
    interaction.stakeholders.add(stakeholder)
    interaction.team.add(lead)
    finding = FindingFactory(project=project)
    output = OutputFactory(project=project, created_by=lead)
    output.findings.add(finding)
    SectionFactory(output=output)
    claim = ImpactClaimFactory(project=project, outcome=link.target)
    EvidenceFactory(claim=claim)
    case_study = LibraryCaseStudyFactory(
        published=True, project=project, support_given=["commissioning_workshop", "logic_model"]
    )
    case_study.claims.add(claim)
    case = CaseFactory()
    registration = RegistrationFactory()
    person = PersonFactory(email="pat@example.org")
    return {
        "project": project,
        "stakeholder": stakeholder,
        "indicator": indicator,
        "period": period,
        "element": link.target,
        "token": ApiTokenFactory(user=lead),
        "webhook": WebhookFactory(owner=lead),
        "column": Column.OUTPUTS,
        "interaction": interaction,
        "action": ActionFactory(project=project, interaction=interaction, owner=lead),
        "finding": finding,
        "output": output,
        "claim": claim,
        "case_study": case_study.slug,  # the public URL names it by its slug
        "support_request": case.request,
        "case": case,
        "event": registration.event,
        "registration": registration,
        "staff_token": ApiTokenFactory(user=adviser),
        "person": person,
        "priority": PriorityFactory(organisation=person.organisation),
        "organisation": person.organisation,
    }


def bearer(token) -> Client:
    """A client that sends the token, and no session."""
    return Client(HTTP_AUTHORIZATION=f"Bearer {token.raw}")


@pytest.fixture
def lead_token(lead):
    return ApiTokenFactory(user=lead)


@pytest.fixture
def receiver(settings):
    """A local receiver (tests/api/receiver.py), reachable because loopback is allowed for this test only."""
    settings.WEBHOOK_ALLOW_LOOPBACK = True
    found = Receiver()
    server = serve(found)
    yield found
    server.shutdown()
    server.server_close()


@pytest.fixture
def dns(monkeypatch):
    """Names resolve as the test says (`dns["name"] = ["10.0.0.1"]`); any other name is not found."""
    table: dict[str, list[str]] = {}

    def lookup(host, port):
        if host in table:
            return table[host]
        try:
            return [str(ipaddress.ip_address(host))]
        except ValueError:
            raise OSError(f"{host} is not in the test's names") from None

    monkeypatch.setattr(safeurl, "lookup", lookup)
    return table
