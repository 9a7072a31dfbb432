"""What the read endpoints give, within a fixed query budget however many rows; ETags and 304; problem details."""

import pytest
from django.urls import reverse

from mobilise.planning import access as planning_access
from mobilise.projects.forms import ProjectForm
from mobilise.projects.models import DESCRIBED_BY, Role, Stage

from ..factories import (
    ActionFactory,
    ActualFactory,
    CaseFactory,
    EventFactory,
    EvidenceFactory,
    FindingFactory,
    ImpactClaimFactory,
    IndicatorFactory,
    InteractionFactory,
    LibraryCaseStudyFactory,
    MembershipFactory,
    OutputFactory,
    PeriodFactory,
    PersonFactory,
    PriorityFactory,
    ProjectFactory,
    RegistrationFactory,
    RelationshipFactory,
    ScoreChangeFactory,
    StakeholderFactory,
    StakeholderRoleFactory,
    ThemeFactory,
)
from ..queries import assert_max_queries
from .conftest import bearer


def get(token, name, *args, **params):
    return bearer(token).get(reverse(name, args=args), params)


def test_a_project_with_its_team(objects, lead):
    body = get(objects["token"], "api:project", objects["project"].pk).json()
    assert body["short_title"] == "CASCADE"
    assert body["team"] == [{"user": lead.pk, "name": "Lee Lead", "role": Role.LEAD}]


def test_a_project_gives_what_its_form_edits_in_the_same_order(objects):
    body = get(objects["token"], "api:project", objects["project"].pk).json()
    described = [*ProjectForm.base_fields][: len(DESCRIBED_BY)]
    assert list(body) == ["id", *described, "team", "updated"]
    assert described == DESCRIBED_BY


def test_projects_filter_by_stage(objects, lead):
    other = ProjectFactory(stage=Stage.IDEA)
    MembershipFactory(project=other, user=lead, role=Role.MEMBER)
    objects["project"].stage = Stage.ACTIVE
    objects["project"].save()
    ids = {p["id"] for p in get(objects["token"], "api:projects", stage=Stage.IDEA).json()["results"]}
    assert ids == {other.pk}


def test_the_logic_model_is_the_export_json(objects, as_user, lead):
    project = objects["project"]
    body = get(objects["token"], "api:logic-model", project.pk).json()
    assert body == planning_access.data(planning_access.model_of(project))
    exported = as_user(lead).get(reverse("planning:export", args=[project.pk, "json"])).json()
    assert body == exported
    assert len(body["elements"]) == 2 and body["links"][0]["rationale"] == "Sessions build trust"


def test_a_stakeholder_with_roles_and_score_history(objects, lead):
    s = objects["stakeholder"]
    body = get(objects["token"], "api:stakeholder", objects["project"].pk, s.pk).json()
    assert body["roles"] == ["influencer"]
    assert body["score_history"][0]["changed_by"] == "Lee Lead"
    assert body["score_history"][0]["reason"] == "Met at the commissioning board"


def test_an_indicator_with_its_actuals(objects):
    body = get(objects["token"], "api:indicator", objects["project"].pk, objects["indicator"].pk).json()
    assert body["element"] == str(objects["element"].key)
    q1 = body["periods"][0]
    assert q1["label"] == "2025 Q1"
    assert {(a["dimension"], a["category"], a["value"]) for a in q1["actuals"]} == {
        ("", "", "40.000"),
        ("Ethnicity", "Bangladeshi", "12.000"),
    }


def test_another_projects_stakeholder_is_404_with_a_problem(objects):
    elsewhere = StakeholderFactory()
    response = get(objects["token"], "api:stakeholder", objects["project"].pk, elsewhere.pk)
    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"
    assert response.json() == {"type": "about:blank", "title": "Not Found", "status": 404, "detail": "Not found."}


def test_a_bad_cursor_is_a_problem_not_a_crash(objects):
    response = get(objects["token"], "api:projects", cursor="nonsense")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"


def test_cursor_pagination_walks_every_row(objects, lead):
    for _ in range(4):
        MembershipFactory(user=lead, role=Role.MEMBER)
    seen, url = [], reverse("api:projects") + "?page_size=2"
    while url:
        page = bearer(objects["token"]).get(url).json()
        seen += [p["id"] for p in page["results"]]
        url = page["next"]
    assert len(seen) == len(set(seen)) == 5


def test_indicators_come_ten_to_a_page(objects):
    for _ in range(11):
        IndicatorFactory(project=objects["project"])
    first = get(objects["token"], "api:indicators", objects["project"].pk).json()
    assert len(first["results"]) == 10 and first["next"]
    assert len(bearer(objects["token"]).get(first["next"]).json()["results"]) == 2
    assert len(get(objects["token"], "api:indicators", objects["project"].pk, page_size=500).json()["results"]) == 12


def test_etag_and_conditional_get(objects):
    client = bearer(objects["token"])
    url = reverse("api:indicators", args=[objects["project"].pk])
    first = client.get(url)
    etag = first["ETag"]
    assert etag.startswith('"') and "Authorization" in first["Vary"]
    again = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304 and again.content == b"" and again["ETag"] == etag
    ActualFactory(period=objects["period"], dimension="Ethnicity", category="Pakistani")
    changed = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200 and changed["ETag"] != etag


def _more_rows(objects, lead):
    project = objects["project"]
    for _ in range(3):
        MembershipFactory(user=lead, role=Role.MEMBER)
        MembershipFactory(project=project, role=Role.MEMBER)
        stakeholder = StakeholderFactory(project=project)
        StakeholderRoleFactory(stakeholder=stakeholder)
        ScoreChangeFactory(stakeholder=stakeholder)
        RelationshipFactory(project=project, target=stakeholder)
        indicator = IndicatorFactory(project=project)
        ActualFactory(period=PeriodFactory(indicator=indicator))
        interaction = InteractionFactory(project=project, created_by=MembershipFactory(project=project).user)
        interaction.stakeholders.add(stakeholder)
        interaction.team.add(lead)
        ActionFactory(project=project, interaction=interaction, owner=lead)
        OutputFactory(project=project).findings.add(FindingFactory(project=project))
        EvidenceFactory(claim=ImpactClaimFactory(project=project, outcome=objects["element"]))
        LibraryCaseStudyFactory(published=True).themes.add(ThemeFactory())
        CaseFactory(request__assignee=lead, project=project)
        RegistrationFactory(event=objects["event"])
        RegistrationFactory(event=EventFactory())
        PersonFactory()
        PriorityFactory().themes.add(ThemeFactory())


# Each list: the token and its last use (2), the rate limit (3), what the URL names (the project; the event) where it
# names one, then the list itself; a budget that holds before and after more rows are added. The staff lists are
# asked with the adviser's token.
@pytest.mark.parametrize(
    "name, parent, token, budget",
    [
        ("api:projects", None, "token", 8),
        ("api:stakeholders", "project", "token", 9),
        ("api:relationships", "project", "token", 8),
        ("api:indicators", "project", "token", 10),
        ("api:interactions", "project", "token", 10),
        ("api:actions", "project", "token", 8),
        ("api:findings", "project", "token", 8),
        ("api:outputs", "project", "token", 8),
        ("api:claims", "project", "token", 9),
        ("api:case-studies", None, "token", 8),
        ("api:priorities", None, "staff_token", 8),
        ("api:support-requests", None, "staff_token", 7),
        ("api:support-cases", None, "staff_token", 7),
        ("api:events", None, "staff_token", 7),
        ("api:registrations", "event", "staff_token", 8),
        ("api:organisations", None, "token", 8),
        ("api:people", None, "token", 8),
    ],
)
def test_lists_keep_to_a_query_budget(objects, lead, name, parent, token, budget):
    args = [objects[parent].pk] if parent else []
    objects[token].last_used = None
    for _ in range(2):
        with assert_max_queries(budget):
            response = bearer(objects[token]).get(reverse(name, args=args))
        assert response.status_code == 200
        assert response.json()["results"]
        _more_rows(objects, lead)


def test_an_address_under_the_api_that_matches_nothing_is_a_problem_not_a_page(client, as_user, lead):
    response = client.get("/api/projects/1.5e-50/indicators/-531/")
    assert response.status_code == 404 and response["Content-Type"] == "application/problem+json"
    assert response.json()["status"] == 404
    page = client.get("/no-such-page/")
    assert page.status_code == 404 and page["Content-Type"].startswith("text/html")
    account_page = as_user(lead).get("/api/account/webhooks/999999/")  # an account page under /api/: the site's page
    assert account_page.status_code == 404 and account_page["Content-Type"].startswith("text/html")


def test_relationships_read_as_the_map_draws_them_and_filter_by_stakeholder(objects):
    project, stakeholder = objects["project"], objects["stakeholder"]
    other = RelationshipFactory(project=project)
    RelationshipFactory()  # another project's
    client = bearer(objects["token"])
    rows = client.get(reverse("api:relationships", args=[project.pk])).json()["results"]
    assert len(rows) == 2
    funds = next(row for row in rows if row["kind"] == "funds")
    assert funds["source"] == {"id": stakeholder.pk, "name": stakeholder.name}
    filtered = client.get(reverse("api:relationships", args=[project.pk]), {"stakeholder": other.target_id}).json()
    assert [row["id"] for row in filtered["results"]] == [other.pk]


def test_an_id_filter_too_large_for_any_id_is_ignored_not_a_server_error(objects):
    client = bearer(objects["token"])
    for name in ("api:interactions", "api:actions", "api:relationships"):
        response = client.get(reverse(name, args=[objects["project"].pk]), {"stakeholder": str(10**30)})
        assert response.status_code == 200 and response.json()["results"]
