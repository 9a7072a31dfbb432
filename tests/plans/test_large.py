"""On a large project a section lists its first rows and counts the rest, and a large stakeholder map is tallied:
the plan page costs what it shows, and still says what changed since a text was written."""

import pytest

from mobilise.plans import fingerprints, mapping, sources

from ..factories import ActionFactory, StakeholderFactory


@pytest.fixture
def small_caps(monkeypatch):
    monkeypatch.setattr(sources, "SHOWN", 2)
    monkeypatch.setattr(mapping, "SHOWN", 2)


def partners(project):
    return sources.Live(project).suggestion("partners")


def test_a_section_lists_the_most_influential_first_and_counts_the_rest(project, small_caps):
    for score in (1, 5, 3, 4):
        StakeholderFactory(project=project, group_name=f"Group {score}", influence=score, interest=3, impact=3)
    StakeholderFactory(project=project, group_name="Unscored")
    suggestion = partners(project)
    assert [row.text.split(":")[0] for row in suggestion.shown] == ["Group 5", "Group 4"]
    assert (suggestion.total, suggestion.more) == (5, 3)
    assert suggestion.text.endswith("- and 3 more stakeholders")
    assert len(suggestion.fingerprint["items"]) == 5  # every row is still fingerprinted


def test_a_large_map_is_tallied_and_says_the_net_change(project, monkeypatch):
    monkeypatch.setattr(mapping, "EACH", 3)
    StakeholderFactory.create_batch(4, project=project)
    basis = partners(project).fingerprint
    assert basis["items"] == {} and basis["tallies"]["s"]["count"] == 4
    assert fingerprints.changes(basis, partners(project).fingerprint) == []
    StakeholderFactory.create_batch(2, project=project)
    assert fingerprints.changes(basis, partners(project).fingerprint) == ["2 stakeholders added"]
    basis = partners(project).fingerprint
    first = project.stakeholders.order_by("pk").first()
    first.group_name = "Renamed"
    first.save()
    assert fingerprints.changes(basis, partners(project).fingerprint) == ["stakeholders changed"]
    project.stakeholders.order_by("pk").last().delete()
    project.stakeholders.order_by("pk").last().delete()
    assert "2 stakeholders removed" in fingerprints.changes(basis, partners(project).fingerprint)


def test_a_map_that_grew_past_the_tally_compares_with_its_earlier_rows(project, monkeypatch):
    StakeholderFactory.create_batch(2, project=project)
    basis = partners(project).fingerprint  # each row digested
    monkeypatch.setattr(mapping, "EACH", 3)
    StakeholderFactory.create_batch(3, project=project)
    assert fingerprints.changes(basis, partners(project).fingerprint) == ["3 stakeholders added"]


def test_many_open_actions_are_tallied_and_say_the_net_change(project, monkeypatch):
    def actions():
        return sources.Live(project).suggestion("actions")

    ActionFactory.create_batch(2, project=project)
    basis = actions().fingerprint  # each action digested
    assert len(basis["items"]) == 2
    monkeypatch.setattr(sources, "EACH", 3)
    ActionFactory.create_batch(2, project=project)
    tallied = actions()
    assert tallied.fingerprint["items"] == {} and tallied.total == 4
    assert fingerprints.changes(basis, tallied.fingerprint) == ["2 actions added"]
    basis = tallied.fingerprint
    project.engagement_actions.order_by("pk").last().delete()
    ActionFactory(project=project)
    assert fingerprints.changes(basis, actions().fingerprint) == ["actions changed"]
