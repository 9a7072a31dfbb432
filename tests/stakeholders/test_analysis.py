import pytest

from mobilise.stakeholders import analysis, services
from mobilise.stakeholders.access import relationships, stakeholders
from mobilise.stakeholders.models import Attitude, Cadence, RelationshipKind, Role, ScoreChange


def group(project, name, **kw):
    """A scored group (3 for each score not given)."""
    return services.add_stakeholder(
        project=project, by=None, group_name=name, **{"interest": 3, "influence": 3, "impact": 3, **kw}
    )


@pytest.mark.parametrize(
    "influence,interest,expected",
    [
        (5, 5, "manage_closely"),
        (3, 3, "manage_closely"),
        (5, 1, "keep_satisfied"),
        (3, 2, "keep_satisfied"),
        (2, 3, "keep_informed"),
        (1, 5, "keep_informed"),
        (2, 2, "monitor"),
        (1, 1, "monitor"),
    ],
)
def test_quadrant_rules(influence, interest, expected):
    assert analysis.quadrant(influence, interest) == expected


def test_suggested_approach_follows_the_quadrant():
    assert analysis.suggested_approach(5, 5)[1] == Cadence.MONTHLY
    assert analysis.suggested_approach(1, 1)[1] == Cadence.HALF_YEARLY


def test_scores_keep_their_history(project, member):
    s = group(project, "Carers", interest=2, influence=2, impact=4)
    services.rescore(
        stakeholder=s,
        by=member,
        interest=4,
        influence=2,
        impact=4,
        attitude=Attitude.SUPPORTIVE,
        reason="Joined the advisory group",
    )
    services.rescore(stakeholder=s, by=member, interest=4, influence=2, impact=4, attitude=Attitude.SUPPORTIVE)
    history = list(ScoreChange.objects.filter(stakeholder=s))
    assert len(history) == 2  # an unchanged save adds nothing
    assert (history[-1].interest, history[0].interest) == (2, 4)
    assert history[0].reason == "Joined the advisory group" and history[0].changed_by == member


def test_no_stakeholder_twice(project):
    from ..factories import OrganisationFactory

    org = OrganisationFactory()
    services.add_stakeholder(project=project, by=None, organisation=org)
    with pytest.raises(services.StakeholderError, match="already on"):
        services.add_stakeholder(project=project, by=None, organisation=org)
    with pytest.raises(services.StakeholderError, match="Choose an organisation"):
        services.add_stakeholder(project=project, by=None, group_name="  ")


def test_brokers_and_reach_on_a_known_graph(project):
    """Two clusters joined only through the faith forum: it is the broker, and the path to the ICB runs via it."""
    names = ["Team", "Women's circle", "Faith forum", "GP federation", "ICB"]
    s = {n: group(project, n) for n in names}
    s["Team"].engaged = True
    s["Team"].save()
    s["ICB"].influence = 5
    s["ICB"].save()
    for a, b in [
        ("Team", "Women's circle"),
        ("Women's circle", "Faith forum"),
        ("Faith forum", "GP federation"),
        ("GP federation", "ICB"),
    ]:
        services.add_relationship(source=s[a], target=s[b], kind=RelationshipKind.WORKS_WITH)
    people = list(stakeholders(project))
    g = analysis.graph(people, relationships(project))
    top = analysis.brokers(g)
    assert top[0] == (s["Faith forum"].pk, pytest.approx(4 / 6))
    assert {pk for pk, _ in top} == {s["Women's circle"].pk, s["Faith forum"].pk, s["GP federation"].pk}
    reach = {t.name: path for t, path in analysis.reach_paths(g, people)}
    assert reach == {"ICB": [s[n].pk for n in names]}


def test_reach_reports_no_chain(project):
    team = group(project, "Team", influence=2)
    team.engaged = True
    team.save()
    lonely = group(project, "Minister", influence=5)
    people = list(stakeholders(project))
    reach = analysis.reach_paths(analysis.graph(people, []), people)
    assert [(t.pk, path) for t, path in reach] == [(lonely.pk, None)]


def test_relationship_rules(project):
    a, b = group(project, "A"), group(project, "B")
    services.add_relationship(source=a, target=b, kind=RelationshipKind.FUNDS)
    with pytest.raises(services.StakeholderError, match="already recorded"):
        services.add_relationship(source=a, target=b, kind=RelationshipKind.FUNDS)
    with pytest.raises(services.StakeholderError, match="themselves"):
        services.add_relationship(source=a, target=a, kind=RelationshipKind.FUNDS)
    from ..factories import ProjectFactory

    elsewhere = group(ProjectFactory(), "C")
    with pytest.raises(services.StakeholderError, match="same project"):
        services.add_relationship(source=a, target=elsewhere, kind=RelationshipKind.FUNDS)


def test_equity_rules(project):
    project.health_inequalities_focus = True
    project.save()
    gaps = analysis.equity_gaps(project, [], [])
    assert [g["kind"] for g in gaps] == ["missing"]

    community = group(project, "South Asian women aged 50-70", influence=1, roles=[Role.BENEFICIARY])
    community.underserved = True
    community.save()
    people = list(stakeholders(project))
    kinds = {g["kind"] for g in analysis.equity_gaps(project, people, [])}
    assert kinds == {"no_plan", "no_voice"}

    community.cadence = Cadence.MONTHLY
    community.save()
    forum = group(project, "Faith forum", attitude=Attitude.CHAMPION)
    services.add_relationship(source=forum, target=community, kind=RelationshipKind.TRUSTED_BY)
    people = list(stakeholders(project))
    assert analysis.equity_gaps(project, people, list(relationships(project))) == []


def test_a_group_once_per_project(project):
    group(project, "Carers in Luton")
    with pytest.raises(services.StakeholderError, match="already on"):
        group(project, "carers in luton")
