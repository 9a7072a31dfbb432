"""A stakeholder is "not yet scored" until the team scores it: off the grid and its counts, blank in exports,
and its first scoring is the first point of its history."""

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from mobilise.stakeholders import access, analysis, exports, services
from mobilise.stakeholders.models import Attitude, RelationshipKind, Role, ScoreChange, Stakeholder

from ..factories import OrganisationFactory


@pytest.fixture
def unscored(project):
    return services.add_stakeholder(project=project, by=None, group_name="Carers in Luton", underserved=True)


@pytest.fixture
def scored(project):
    return services.add_stakeholder(
        project=project,
        by=None,
        organisation=OrganisationFactory(name="Kingsbridge ICB"),
        influence=5,
        interest=4,
        impact=3,
    )


def test_a_new_stakeholder_is_not_scored_and_has_no_history(unscored):
    unscored.refresh_from_db()
    assert (unscored.influence, unscored.interest, unscored.impact) == (None, None, None)
    assert not unscored.scored
    assert not ScoreChange.objects.filter(stakeholder=unscored).exists()


def test_scores_are_set_all_together(project):
    with pytest.raises(services.StakeholderError, match="together"):
        services.add_stakeholder(project=project, by=None, group_name="Carers", influence=4)


def test_adding_leads_to_the_scores_and_the_first_scoring_starts_the_history(as_user, project, member):
    client = as_user(member)
    r = client.post(reverse("stakeholders:add", args=[project.pk]), {"kind": "group", "name": "Carers in Luton"})
    s = Stakeholder.objects.get(group_name="Carers in Luton")
    assert r["Location"] == reverse("stakeholders:rescore", args=[project.pk, s.pk])
    page = client.get(r["Location"]).content.decode()
    assert "Score Carers in Luton" in page and "not yet scored" in page
    assert page.count(" checked") == 1  # the attitude "not known yet"; no score is offered as if chosen
    r = client.post(
        reverse("stakeholders:rescore", args=[project.pk, s.pk]),
        {"influence": 2, "interest": 4, "impact": 5, "attitude": Attitude.SUPPORTIVE},
    )
    assert r["Location"] == reverse("stakeholders:edit", args=[project.pk, s.pk])
    history = list(ScoreChange.objects.filter(stakeholder=s))
    assert [(h.influence, h.interest, h.impact, h.reason) for h in history] == [(2, 4, 5, "First assessment")]
    detail = client.get(reverse("stakeholders:detail", args=[project.pk, s.pk])).content.decode()
    assert "Keep informed" in detail and "Not yet scored" not in detail


def test_grid_lists_the_unscored_beside_it_and_leaves_them_out_of_the_counts(
    as_user, project, member, viewer, unscored, scored
):
    page = as_user(member).get(reverse("stakeholders:grid", args=[project.pk])).content.decode()
    assert "1 stakeholder shown, 1 not yet scored" in page
    assert "Not yet scored (1)" in page
    assert reverse("stakeholders:rescore", args=[project.pk, unscored.pk]) in page
    figure = page.split('<figure class="app-diagram">')[1].split("</figure>")[0]
    assert "Carers in Luton" not in figure and "Kingsbridge ICB" in figure
    table = page.split("The grid as a table")[1]
    assert "Carers in Luton" not in table
    # A viewer cannot score: the link opens the stakeholder instead.
    seen = as_user(viewer).get(reverse("stakeholders:grid", args=[project.pk])).content.decode()
    assert reverse("stakeholders:rescore", args=[project.pk, unscored.pk]) not in seen
    assert f'href="{reverse("stakeholders:detail", args=[project.pk, unscored.pk])}"' in seen


def test_register_shows_not_yet_scored_last_and_filters_them(as_user, project, member, unscored, scored):
    client = as_user(member)
    page = client.get(reverse("stakeholders:register", args=[project.pk])).content.decode()
    assert page.index("Kingsbridge ICB") < page.index("Carers in Luton")
    assert "Not yet scored" in page
    only = client.get(reverse("stakeholders:register", args=[project.pk]), {"quadrant": "unscored"}).content.decode()
    assert "Carers in Luton" in only and "Kingsbridge ICB" not in only and "1 stakeholder not yet scored" in only
    manage = client.get(reverse("stakeholders:register", args=[project.pk]), {"quadrant": "monitor"}).content.decode()
    assert "Carers in Luton" not in manage
    detail = client.get(reverse("stakeholders:detail", args=[project.pk, unscored.pk])).content.decode()
    assert "Not yet scored" in detail and "Score Carers in Luton" in detail


def test_exports_leave_the_scores_blank(project, unscored, scored):
    rows = list(access.stakeholders(project))
    table = list(csv.reader(io.StringIO(exports.stakeholders_csv(rows))))
    header, carers = table[0], next(r for r in table if r[0] == "Carers in Luton")
    assert [carers[header.index(h)] for h in ("Interest", "Influence", "Impact")] == ["", "", ""]
    sheet = load_workbook(io.BytesIO(exports.stakeholders_xlsx(rows, [])))["Elements"]
    values = {row[0]: row[4:7] for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert values["Carers in Luton"] == (None, None, None) and values["Kingsbridge ICB"] == (5, 4, 3)
    graphml = exports.stakeholders_graphml(rows, []).decode()
    assert graphml.count('"d') and "None" not in graphml


def test_analysis_pages_and_lists_read_unscored_stakeholders(as_user, project, member, unscored, scored):
    services.add_relationship(source=unscored, target=scored, kind=RelationshipKind.WORKS_WITH)
    client = as_user(member)
    for name in ("network", "equity", "register", "grid"):
        assert client.get(reverse(f"stakeholders:{name}", args=[project.pk])).status_code == 200
    entries = access.entries(access.stakeholders(project))
    assert analysis.quadrant(None, None) is None and analysis.suggested_approach(None, None) == ("", "", "")
    gaps = analysis.equity_gaps(project, entries, access.links(project))
    assert [g["kind"] for g in gaps] == ["no_plan"]  # its influence is not known, so no "little influence" claim
    edit = client.get(reverse("stakeholders:edit", args=[project.pk, unscored.pk])).content.decode()
    assert "suggested from where" not in edit


def test_an_attitude_change_before_scoring_keeps_it_unscored(project, member, unscored):
    services.rescore(
        stakeholder=unscored, by=member, interest=None, influence=None, impact=None, attitude=Attitude.SUPPORTIVE
    )
    unscored.refresh_from_db()
    assert unscored.attitude == Attitude.SUPPORTIVE and not unscored.scored
    assert not ScoreChange.objects.filter(stakeholder=unscored).exists()


def test_a_broker_or_champion_speaks_for_itself(project):
    """Self-allied: a low-influence beneficiary that is itself a broker and champion, trusted by someone who is
    neither, has a voice; one linked to no ally has not."""
    broker = services.add_stakeholder(
        project=project,
        by=None,
        group_name="Mosque women's committee",
        influence=2,
        interest=5,
        impact=5,
        attitude=Attitude.CHAMPION,
        roles=[Role.BENEFICIARY, Role.BROKER, Role.CHAMPION],
        cadence="monthly",
    )
    voiceless = services.add_stakeholder(
        project=project,
        by=None,
        group_name="Women not registered with a GP",
        influence=1,
        interest=3,
        impact=5,
        roles=[Role.BENEFICIARY],
        cadence="monthly",
    )
    other = services.add_stakeholder(
        project=project, by=None, group_name="Local radio", influence=3, interest=2, impact=1
    )
    services.add_relationship(source=other, target=broker, kind=RelationshipKind.TRUSTED_BY)
    gaps = analysis.equity_gaps(project, access.entries(access.stakeholders(project)), access.links(project))
    assert [(g["stakeholder"].pk, g["kind"]) for g in gaps] == [(voiceless.pk, "no_voice")]


def test_adding_or_renaming_to_a_row_an_import_is_still_writing_is_a_form_error(as_user, project, member, lead):
    """Rows of a running import are hidden from reads, yet the database's uniqueness sees them: the checks must
    too, or the save fails with an IntegrityError (a 500)."""
    from mobilise.stakeholders.models import ImportRun

    run = ImportRun.objects.create(project=project, created_by=lead, filename="map.csv", state=ImportRun.State.RUNNING)
    Stakeholder.objects.create(project=project, group_name="Carers in Luton", import_run=run)
    assert not access.stakeholders(project).exists()  # hidden until the import is done
    client = as_user(member)
    added = client.post(
        reverse("stakeholders:add", args=[project.pk]), {"kind": "group", "name": "carers in luton"}, follow=True
    )
    assert added.status_code == 200 and "already on this project" in added.content.decode()
    other = services.add_stakeholder(project=project, by=None, group_name="Carers")
    r = client.post(
        reverse("stakeholders:edit", args=[project.pk, other.pk]),
        {"group_name": "Carers in Luton", "version": other.version},
    )
    assert r.status_code == 200
    assert "Another group on this project" in r.content.decode()
    other.refresh_from_db()
    assert other.group_name == "Carers"


def test_the_migration_leaves_existing_scores_alone():
    """Only new stakeholders start unscored: existing 3/3/3 ones may have been scored so on purpose."""
    from importlib import import_module

    from django.db import migrations

    migration = import_module("mobilise.stakeholders.migrations.0006_scores_unset_until_scored").Migration
    assert not [op for op in migration.operations if isinstance(op, migrations.RunPython | migrations.RunSQL)]
