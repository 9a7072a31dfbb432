import json
import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from mobilise.directory.models import Sector
from mobilise.documents.network import NetNode, network_svg, radius
from mobilise.stakeholders import access, services
from mobilise.stakeholders.models import Attitude, Relationship, RelationshipKind, Role, ScoreChange, Stakeholder
from mobilise.stakeholders.views import network as network_view

from ..factories import OrganisationFactory, PersonFactory
from ..permissions import EDIT, READ
from ..queries import assert_max_queries

# The network's worst case reads its data generation too (its body is kept under it).
# The grid, the network and the equity check are worked out once for each data generation (read by one query).
MAP_PAGE_BUDGET = {"register": 6, "grid": 6, "network": 7, "equity": 7}


@pytest.fixture
def map_(project):
    org = OrganisationFactory(name="Kingsbridge ICB")
    icb = services.add_stakeholder(
        project=project, by=None, organisation=org, influence=5, interest=4, roles=[Role.DECISION_MAKER], impact=3
    )
    forum = services.add_stakeholder(
        project=project,
        by=None,
        group_name="Faith forum",
        influence=3,
        interest=5,
        attitude=Attitude.CHAMPION,
        roles=[Role.BROKER],
        impact=3,
    )
    women = services.add_stakeholder(
        project=project,
        by=None,
        group_name="South Asian women 50-70",
        influence=1,
        interest=3,
        roles=[Role.BENEFICIARY],
        underserved=True,
        impact=3,
    )
    services.add_relationship(source=forum, target=women, kind=RelationshipKind.TRUSTED_BY)
    services.add_relationship(source=forum, target=icb, kind=RelationshipKind.INFLUENCES)
    return {"icb": icb, "forum": forum, "women": women}


def urls(project, map_):
    s = map_["icb"]
    read = [reverse(f"stakeholders:{n}", args=[project.pk]) for n in ("register", "grid", "network", "equity")]
    read.append(reverse("stakeholders:detail", args=[project.pk, s.pk]))
    edit = [reverse("stakeholders:add", args=[project.pk])] + [
        reverse(f"stakeholders:{n}", args=[project.pk, s.pk]) for n in ("edit", "rescore", "remove")
    ]
    return read, edit


@pytest.mark.parametrize("persona", list(READ))
def test_pages_by_persona(request, as_user, project, map_, persona):
    client = as_user(request.getfixturevalue(persona))
    read, edit = urls(project, map_)
    for url in read:
        response = client.get(url)
        assert response.status_code == READ[persona], url
        if READ[persona] == 404:
            assert "Kingsbridge ICB" not in response.content.decode()
    for url in edit:
        assert client.get(url).status_code == EDIT[persona], url


@pytest.mark.parametrize("persona", ["viewer", "outsider"])
def test_writes_refused(request, as_user, project, map_, persona):
    client = as_user(request.getfixturevalue(persona))
    s = map_["icb"]
    rel = Relationship.objects.first()
    for url, data in [
        (reverse("stakeholders:add", args=[project.pk]), {"kind": "group", "name": "Intruders"}),
        (
            reverse("stakeholders:rescore", args=[project.pk, s.pk]),
            {"influence": 1, "interest": 1, "impact": 1, "attitude": "opposed"},
        ),
        (reverse("stakeholders:remove", args=[project.pk, s.pk]), {}),
        (reverse("stakeholders:relationship-remove", args=[project.pk, rel.pk]), {}),
    ]:
        assert client.post(url, data).status_code == 404, url
    s.refresh_from_db()
    assert s.influence == 5 and Stakeholder.objects.count() == 3 and Relationship.objects.count() == 2


def test_add_from_directory_and_on_the_fly(as_user, project, member):
    person = PersonFactory(full_name="Raj Patel")
    client = as_user(member)
    page = client.get(reverse("stakeholders:add", args=[project.pk]), {"q": "raj"}).content.decode()
    assert "Raj Patel" in page
    r = client.post(reverse("stakeholders:add", args=[project.pk]), {"person": person.pk})
    s = Stakeholder.objects.get(person=person)
    assert r["Location"] == reverse("stakeholders:rescore", args=[project.pk, s.pk])
    assert s.organisation == person.organisation
    again = client.post(reverse("stakeholders:add", args=[project.pk]), {"person": person.pk}, follow=True)
    assert "already on this project" in again.content.decode()
    client.post(reverse("stakeholders:add", args=[project.pk]), {"kind": "group", "name": "Carers in Luton"})
    client.post(
        reverse("stakeholders:add", args=[project.pk]),
        {"kind": "organisation", "name": "Luton Mosque Trust", "sector": "vcse"},
    )
    names = {x.name for x in Stakeholder.objects.filter(project=project)}
    assert names == {"Raj Patel", "Carers in Luton", "Luton Mosque Trust"}
    bad = client.post(reverse("stakeholders:add", args=[project.pk]), {"kind": "organisation", "name": ""})
    page = bad.content.decode()
    assert "Enter the name" in page and "Select the organisation&#39;s sector" in page


def test_cannot_add_someone_from_the_directory_by_guessing_ids_without_access(as_user, project, viewer):
    person = PersonFactory()
    assert (
        as_user(viewer).post(reverse("stakeholders:add", args=[project.pk]), {"person": person.pk}).status_code == 404
    )


def test_rescore_moves_on_the_grid_and_keeps_history(as_user, project, member, map_):
    client = as_user(member)
    s = map_["women"]
    grid = client.get(reverse("stakeholders:grid", args=[project.pk])).content.decode()
    assert "South Asian women 50-70" in grid
    response = client.post(
        reverse("stakeholders:rescore", args=[project.pk, s.pk]),
        {
            "influence": 4,
            "interest": 5,
            "impact": 5,
            "attitude": "supportive",
            "reason": "Joined the board",
        },
    )
    assert response.status_code == 302
    s.refresh_from_db()
    assert (s.influence, s.interest) == (4, 5)
    detail = client.get(reverse("stakeholders:detail", args=[project.pk, s.pk])).content.decode()
    assert "Joined the board" in detail and "Manage closely" in detail
    assert ScoreChange.objects.filter(stakeholder=s).count() == 2
    bad = client.post(reverse("stakeholders:rescore", args=[project.pk, s.pk]), {"influence": 9})
    assert "There is a problem" in bad.content.decode()


def test_profile_edit_suggests_approach_and_saves_roles(as_user, project, member, map_):
    client = as_user(member)
    s = map_["icb"]
    page = client.get(reverse("stakeholders:edit", args=[project.pk, s.pk])).content.decode()
    assert "Co-develop the work" in page  # suggested from the manage-closely quadrant
    r = client.post(
        reverse("stakeholders:edit", args=[project.pk, s.pk]),
        {
            "roles": [Role.DECISION_MAKER, Role.GATEKEEPER],
            "what_matters": "Cost per extra person screened",
            "decisions": "Budget set each October",
            "purpose": "Agree a commissioning route",
            "cadence": "monthly",
            "channel": "Board meetings",
            "owner": member.pk,
            "engaged": "on",
            "version": s.version,
        },
    )
    assert r.status_code == 302
    s.refresh_from_db()
    assert s.role_set == {Role.DECISION_MAKER, Role.GATEKEEPER} and s.owner == member and s.engaged
    stale = client.post(reverse("stakeholders:edit", args=[project.pk, s.pk]), {"version": 1, "cadence": "yearly"})
    assert "Someone else saved changes" in stale.content.decode()


def test_relationships_network_and_equity(as_user, project, member, map_):
    client = as_user(member)
    forum = map_["forum"]
    network = client.get(reverse("stakeholders:network", args=[project.pk])).content.decode()
    assert "Brokers" in network and "Faith forum" in network and "<svg" in network
    equity = client.get(reverse("stakeholders:equity", args=[project.pk])).content.decode()
    assert "South Asian women 50-70 is affected by the work but has no engagement plan" in equity
    r = client.post(
        reverse("stakeholders:relationship-add", args=[project.pk, map_["icb"].pk]),
        {"kind": "funds", "other": forum.pk},
    )
    assert r.status_code == 302 and Relationship.objects.count() == 3
    dup = client.post(
        reverse("stakeholders:relationship-add", args=[project.pk, map_["icb"].pk]),
        {"kind": "funds", "other": forum.pk},
        follow=True,
    )
    assert "already recorded" in dup.content.decode()


def test_do_not_contact_is_marked(as_user, project, member):
    person = PersonFactory(full_name="Fatima Begum", do_not_contact=True)
    services.add_stakeholder(project=project, by=None, person=person)
    client = as_user(member)
    for name in ("register", "grid"):
        assert (
            "Do not contact" in client.get(reverse(f"stakeholders:{name}", args=[project.pk])).content.decode()
            or "do not contact" in client.get(reverse(f"stakeholders:{name}", args=[project.pk])).content.decode()
        )


def test_register_filters(as_user, project, member, map_):
    client = as_user(member)

    def names(**params):
        page = client.get(reverse("stakeholders:register", args=[project.pk]), params).content.decode()
        return {n for n in ("Kingsbridge ICB", "Faith forum", "South Asian women 50-70") if n in page}

    assert names(role=Role.BROKER) == {"Faith forum"}
    assert names(quadrant="manage_closely") == {"Kingsbridge ICB", "Faith forum"}
    assert names(influence="1", interest="3") == {"South Asian women 50-70"}
    assert names(q="kingsbridge") == {"Kingsbridge ICB"}
    assert names(role="nonsense", influence="99") == {"Kingsbridge ICB", "Faith forum", "South Asian women 50-70"}


@pytest.mark.parametrize("name", ["register", "grid", "network", "equity"])
def test_queries_do_not_grow(as_user, project, member, name):
    client = as_user(member)
    counts = []
    for n in (5, 40):
        made = [
            services.add_stakeholder(
                project=project,
                by=None,
                organisation=OrganisationFactory(),
                influence=1 + i % 5,
                interest=1 + (i * 2) % 5,
                roles=[Role.INFLUENCER],
                impact=3,
            )
            for i in range(n)
        ]
        for a, b in zip(made, made[1:], strict=False):
            services.add_relationship(source=a, target=b, kind=RelationshipKind.WORKS_WITH)
        with assert_max_queries(MAP_PAGE_BUDGET[name]) as queries:
            assert client.get(reverse(f"stakeholders:{name}", args=[project.pk])).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1], counts


@pytest.mark.parametrize("name", ["grid", "equity"])
def test_the_whole_map_is_read_once_a_generation(as_user, project, member, map_, name):
    client = as_user(member)
    url = reverse(f"stakeholders:{name}", args=[project.pk])

    def page():
        return re.sub(r'nonce="[^"]*"', "", client.get(url).content.decode())  # each response has its own

    first = page()
    # Session, user, project, generation: none of the map (the tests otherwise work out every figure kept again).
    with override_settings(GENERATIONS_VERIFY=False), CaptureQueriesContext(connection) as warm:
        assert page() == first
    assert len(warm) <= 4 and not any("stakeholders_stakeholder" in q["sql"] for q in warm.captured_queries)
    services.rescore(stakeholder=map_["women"], by=member, influence=5, interest=5, impact=5, attitude="")
    services.add_stakeholder(project=project, by=None, group_name="Carers' network", underserved=True)
    changed = page()
    assert "Carers&#39; network" in changed and changed != first


def test_detail_queries_do_not_grow(as_user, project, member, map_):
    client = as_user(member)
    s = map_["forum"]
    counts = []
    # Past the score changes the page lists, which it counts and reads the first of instead.
    for n in (access.HISTORY_SHOWN + 1, 30):
        for _ in range(n):
            other = services.add_stakeholder(project=project, by=None, organisation=OrganisationFactory())
            services.add_relationship(source=s, target=other, kind=RelationshipKind.WORKS_WITH)
            services.rescore(
                stakeholder=s,
                by=member,
                influence=1 + len(counts),
                interest=3,
                impact=3,
                attitude=Attitude.NEUTRAL if _ % 2 else Attitude.SUPPORTIVE,
            )
        with assert_max_queries(11) as queries:
            page = client.get(reverse("stakeholders:detail", args=[project.pk, s.pk])).content.decode()
        counts.append(len(queries))
    assert counts[0] == counts[1], counts
    total = s.score_changes.count()
    assert f"How the scores changed ({total} assessments)" in page
    assert f"The latest {access.HISTORY_SHOWN}, newest first." in page
    assert page.count("influence 2, interest 3") == access.HISTORY_SHOWN


def test_map_entries_read_as_the_model_does(project, lead):
    """The grid, network and equity pages read plain rows; names, sectors and flags must match the model's."""
    blank_sector = OrganisationFactory(name="Imported trust", sector="")
    made = [
        services.add_stakeholder(
            project=project, by=lead, person=PersonFactory(do_not_contact=True), roles=[Role.CHAMPION, Role.BENEFICIARY]
        ),
        services.add_stakeholder(
            project=project, by=lead, person=PersonFactory(organisation=None), group_sector="voluntary"
        ),
        services.add_stakeholder(project=project, by=lead, organisation=blank_sector, group_sector="voluntary"),
        services.add_stakeholder(project=project, by=lead, group_name="Carers' circle", group_sector="community"),
    ]
    entries = {e.pk: e for e in access.entries(access.stakeholders(project))}
    for s in access.stakeholders(project).filter(pk__in=[m.pk for m in made]):
        e = entries[s.pk]
        assert (e.name, e.sector, e.do_not_contact, e.role_set) == (s.name, s.sector, s.do_not_contact, s.role_set)
    assert entries[made[2].pk].sector == ""  # the organisation's own (blank) sector, not the group sector


def network_data(client, project, **params):
    page = client.get(reverse("stakeholders:network", args=[project.pk]), params).content.decode()
    found = re.search(r'<script id="network-data" type="application/json">(.*?)</script>', page, re.S)
    return json.loads(found.group(1)) if found else None, page


def test_network_is_laid_out_the_same_each_time_and_follows_the_filters(as_user, project, member, map_):
    client = as_user(member)
    data, page = network_data(client, project)
    assert {n["name"] for n in data["nodes"]} == {"Kingsbridge ICB", "Faith forum", "South Asian women 50-70"}
    assert len(data["edges"]) == 2 and not data["filtered"] and not data["truncated"]
    cache.clear()
    again, _ = network_data(client, project)
    assert [(n["x"], n["y"]) for n in again["nodes"]] == [(n["x"], n["y"]) for n in data["nodes"]]
    # The table beside the picture lists what is drawn, with what the picture shows.
    assert f'data-node-row="{map_["women"].pk}"' in page

    filtered, page = network_data(client, project, role=Role.BROKER)
    assert [n["name"] for n in filtered["nodes"]] == ["Faith forum"] and filtered["filtered"]
    assert filtered["edges"] == [] and page.count('data-node-row="') == 1
    _, page = network_data(client, project, quadrant="keep_satisfied")
    assert "No stakeholder matches these filters." in page


def test_unscored_stakeholders_are_drawn_smallest_and_pale(project):
    unscored = access.Entry(1, "New group", "vcse", None, None, None, "unknown", "", False, False, False)
    data = network_view.explorer_data(
        project, [unscored], [], {1: (0.0, 0.0)}, truncated=False, filtered=False, highlight=[]
    )
    node = data["nodes"][0]
    assert node["size"] == 2 * radius(None) < 2 * radius(1)
    assert node["quadrant"] == "" and node["quadrantLabel"] == "Not yet scored"
    svg = network_svg(
        [NetNode(1, "New group", "vcse", None, "unknown", False, "/1/")],
        [],
        {1: (0.0, 0.0)},
        title="Network",
        groups=Sector.choices,
        attitudes=Attitude.choices,
    )
    assert 'fill-opacity="0.3"' in svg and "Not yet scored" in svg


def test_a_warm_network_page_reads_no_map_yet_shows_a_change_in_the_directory_at_once(as_user, project, member, map_):
    """The whole map's body is kept for each data generation: a second visit reads the session, the user and the
    project and the generation, not the map; a change to a stakeholder's person in the directory (shared by every
    project) moves the generation on, so the page shows it at once."""
    person = PersonFactory(full_name="Amira Khan")
    amira = services.add_stakeholder(project=project, by=None, person=person)
    services.add_relationship(source=amira, target=map_["forum"], kind=RelationshipKind.WORKS_WITH)
    client = as_user(member)
    url = reverse("stakeholders:network", args=[project.pk])
    first = client.get(url).content.decode()
    assert "Amira Khan" in first and "Do not contact" not in first
    with override_settings(GENERATIONS_VERIFY=False), CaptureQueriesContext(connection) as warm:
        again = client.get(url).content.decode()
    unique = re.compile(r' nonce="[^"]*"')  # each response's own
    assert unique.sub("", again) == unique.sub("", first) and len(warm) <= 4  # session, user, project, generation
    assert not any("stakeholders_relationship" in q["sql"] for q in warm.captured_queries)

    services.add_relationship(source=amira, target=map_["icb"], kind=RelationshipKind.INFLUENCES)
    assert f'data-link-row="{amira.pk} {map_["icb"].pk}"' in client.get(url).content.decode()
    person.do_not_contact = True
    person.save()
    assert "Do not contact" in client.get(url).content.decode()
    person.organisation = OrganisationFactory(name="Leeds Mosque", sector=Sector.VCSE)
    person.save()
    assert "Voluntary" in client.get(url).content.decode()


def test_the_relationship_choice_names_everyone_else_by_name_in_one_query(as_user, project, member, map_):
    """Each stakeholder as the map names them (a group, an organisation, a person), case aside, without their roles."""
    amira = services.add_stakeholder(project=project, by=None, person=PersonFactory(full_name="amira Khan"))
    with CaptureQueriesContext(connection) as read:
        named = access.names(access.stakeholders(project).exclude(pk=map_["icb"].pk))
    assert len(read) == 1
    assert named == [
        (amira.pk, "amira Khan"),
        (map_["forum"].pk, "Faith forum"),
        (map_["women"].pk, "South Asian women 50-70"),
    ]
    page = as_user(member).get(reverse("stakeholders:detail", args=[project.pk, map_["icb"].pk])).content.decode()
    assert page.index(">amira Khan</option>") < page.index(">Faith forum</option>")
