import datetime

import pytest
from django.urls import reverse

from mobilise.projects.models import Membership, Project, Role, Stage

from ..factories import MembershipFactory, ProgrammeFactory, ProjectFactory, ThemeFactory, UserFactory
from ..queries import assert_max_queries

DASHBOARD_BUDGET = {"adviser": 8, "member": 9}
# "project": 18 with its support history (one query, from support).
# The home: 26, and one for where the project came from (the projects.origins hook).
PROJECT_PAGE_BUDGET = {"project": 28, "project-edit": 8, "project-team": 5, "project-history": 12}


def edit_data(project, **changes):
    data = {
        "title": project.title,
        "short_title": project.short_title,
        "summary": project.summary,
        "research_question": "",
        "funder": "",
        "award_reference": "",
        "stage": project.stage,
        "version": project.version,
        "start_date[day]": "",
        "start_date[month]": "",
        "start_date[year]": "",
        "end_date[day]": "",
        "end_date[month]": "",
        "end_date[year]": "",
    }
    data.update(changes)
    return data


def test_member_edits_core_record_and_audit_names_them(as_user, project, member):
    theme = ThemeFactory(name="Cancer")
    programme = ProgrammeFactory(name="ARC KMb")
    response = as_user(member).post(
        reverse("project-edit", args=[project.pk]),
        edit_data(
            project,
            title="New title",
            summary="What we do",
            stage=Stage.IMPLEMENTATION,
            health_inequalities_focus="on",
            themes=[theme.pk],
            programme=programme.pk,
            **{
                "start_date[day]": "1",
                "start_date[month]": "4",
                "start_date[year]": "2025",
                "end_date[day]": "31",
                "end_date[month]": "3",
                "end_date[year]": "2027",
            },
        ),
    )
    assert response.status_code == 302
    project.refresh_from_db()
    assert project.title == "New title"
    assert project.stage == Stage.IMPLEMENTATION
    assert project.health_inequalities_focus
    assert project.start_date == datetime.date(2025, 4, 1)
    assert list(project.themes.all()) == [theme]
    assert project.programme == programme
    latest = project.history.first()
    assert latest.history_user == member
    history = as_user(member).get(reverse("project-history", args=[project.pk])).content.decode()
    assert "New title" in history and "Mo Member" in history and "Cancer" in history


def test_member_cannot_assign_advisers_but_lead_can(as_user, project, member, lead):
    adviser = UserFactory(is_adviser=True, full_name="Ann Adviser")
    as_user(member).post(reverse("project-edit", args=[project.pk]), edit_data(project, advisers=[adviser.pk]))
    assert not project.advisers.exists()
    project.refresh_from_db()
    as_user(lead).post(reverse("project-edit", args=[project.pk]), edit_data(project, advisers=[adviser.pk]))
    assert list(project.advisers.all()) == [adviser]


def test_bad_input_lists_every_error_and_saves_nothing(as_user, project, member):
    response = as_user(member).post(
        reverse("project-edit", args=[project.pk]),
        edit_data(
            project,
            title="",
            short_title="Changed",
            stage="nonsense",
            **{
                "start_date[day]": "31",
                "start_date[month]": "2",
                "start_date[year]": "2025",
                "end_date[day]": "1",
                "end_date[month]": "1",
                "end_date[year]": "2020",
            },
        ),
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "nhsuk-error-summary" in page
    assert "Enter the project&#39;s title" in page
    assert "Enter a real date" in page
    assert "Select a valid choice" in page
    assert page.count('href="#id_title"') == 1
    project.refresh_from_db()
    assert project.short_title == "CASCADE"


def test_end_before_start_is_refused(as_user, project, member):
    response = as_user(member).post(
        reverse("project-edit", args=[project.pk]),
        edit_data(
            project,
            **{
                "start_date[day]": "1",
                "start_date[month]": "4",
                "start_date[year]": "2025",
                "end_date[day]": "1",
                "end_date[month]": "1",
                "end_date[year]": "2025",
            },
        ),
    )
    assert "The end date must be the same as or after the start date" in response.content.decode()
    project.refresh_from_db()
    assert project.start_date is None


def test_concurrent_edits_to_different_fields_are_merged(as_user, project, member, lead):
    opened = project.version
    first = as_user(lead).post(reverse("project-edit", args=[project.pk]), edit_data(project, summary="Lead's"))
    assert first.status_code == 302
    second = as_user(member).post(
        reverse("project-edit", args=[project.pk]), edit_data(project, title="Member's", version=opened), follow=True
    )
    assert "Changes others made meanwhile to Summary are kept too" in second.content.decode()
    project.refresh_from_db()
    assert (project.summary, project.title) == ("Lead's", "Member's")


def test_second_editor_is_told_of_a_conflict_and_may_keep_theirs(as_user, project, member, lead):
    opened = project.version
    as_user(lead).post(reverse("project-edit", args=[project.pk]), edit_data(project, summary="Lead's"))
    url = reverse("project-edit", args=[project.pk])
    second = as_user(member).post(url, edit_data(project, summary="Member's", version=opened))
    page = second.content.decode()
    assert second.status_code == 200
    assert "Lee Lead also changed Summary after you opened this page" in page
    project.refresh_from_db()
    assert project.summary == "Lead's"
    # The page now carries the choice to keep theirs: saving again does.
    third = as_user(member).post(url, edit_data(project, summary="Member's", version=opened, overwrite="on"))
    assert third.status_code == 302
    project.refresh_from_db()
    assert project.summary == "Member's"


def test_one_save_writes_one_history_record(as_user, project, member):
    theme = ThemeFactory()
    before = project.history.count()
    as_user(member).post(reverse("project-edit", args=[project.pk]), edit_data(project, themes=[theme.pk]))
    assert project.history.count() == before + 1


def test_viewer_only_cannot_start_a_project(as_user, viewer):
    assert as_user(viewer).get(reverse("project-new")).status_code == 404
    assert (
        as_user(viewer).post(reverse("project-new"), {"title": "x", "short_title": "X", "stage": "idea"}).status_code
        == 404
    )
    assert "Start a project" not in as_user(viewer).get(reverse("dashboard")).content.decode()


def test_superuser_gets_no_project_rights_from_being_superuser(as_user, project):
    boss = UserFactory(is_staff=True, is_superuser=True)
    MembershipFactory(project=project, user=boss, role=Role.VIEWER)
    assert as_user(boss).get(reverse("project-edit", args=[project.pk])).status_code == 404
    assert as_user(boss).get(reverse("project", args=[project.pk])).status_code == 200


def test_anyone_working_on_a_project_can_start_one_and_leads_it(as_user, outsider):
    response = as_user(outsider).post(
        reverse("project-new"),
        {
            "title": "A new study",
            "short_title": "NEW",
            "stage": Stage.IDEA,
        },
    )
    project = Project.objects.get(short_title="NEW")
    assert response["Location"] == reverse("project", args=[project.pk])
    assert project.memberships.get().role == Role.LEAD


def test_lead_manages_team(as_user, project, lead):
    newcomer = UserFactory(email="new@example.org", full_name="Nia Newcomer")
    client = as_user(lead)
    url = reverse("project-team", args=[project.pk])
    assert client.post(url, {"email": "NEW@example.org", "role": Role.VIEWER}).status_code == 302
    membership = Membership.objects.get(project=project, user=newcomer)
    assert membership.role == Role.VIEWER
    page = client.get(url).content.decode()
    assert (
        '<caption class="nhsuk-table__caption nhsuk-u-visually-hidden">Team members and their roles</caption>' in page
    )
    assert (
        '<th scope="col" class="nhsuk-table__header"><span class="nhsuk-u-visually-hidden">Actions</span></th>' in page
    )
    client.post(reverse("project-member", args=[project.pk, membership.pk]), {"role": Role.MEMBER})
    membership.refresh_from_db()
    assert membership.role == Role.MEMBER
    client.post(reverse("project-member", args=[project.pk, membership.pk]), {"action": "remove"})
    assert not Membership.objects.filter(pk=membership.pk).exists()
    history = client.get(reverse("project-history", args=[project.pk])).content.decode()
    assert "added Nia Newcomer as viewer" in history and "removed Nia Newcomer" in history


def test_team_errors_are_clear(as_user, project, lead):
    client = as_user(lead)
    url = reverse("project-team", args=[project.pk])
    # Someone without an account is now invited (issue 14) rather than refused; tests/projects/test_invitations.py.
    page = client.post(url, {"email": lead.email, "role": Role.MEMBER}).content.decode()
    assert "Lee Lead is already on the team" in page
    page = client.post(url, {"email": "", "role": ""}).content.decode()
    assert "Enter the email address of the person to add" in page and "Select a role" in page
    own = project.memberships.get(user=lead)
    response = client.post(reverse("project-member", args=[project.pk, own.pk]), {"action": "remove"}, follow=True)
    assert "A project needs at least one lead" in response.content.decode()
    assert project.memberships.filter(user=lead).exists()


def test_dashboard_search_and_filters(as_user, adviser):
    theme = ThemeFactory(name="Frailty")
    a = ProjectFactory(short_title="ALPHA", title="Frailty at the front door", stage=Stage.ACTIVE)
    a.themes.add(theme)
    ProjectFactory(short_title="BETA", title="Young carers", stage=Stage.IDEA, award_reference="NIHR123")
    client = as_user(adviser)

    def shown(**params):
        page = client.get(reverse("dashboard"), params).content.decode()
        return {t for t in ("ALPHA", "BETA") if f">{t}<" in page}

    assert shown() == {"ALPHA", "BETA"}
    assert shown(q="front door") == {"ALPHA"}
    assert shown(q="nihr123") == {"BETA"}
    assert shown(stage=Stage.IDEA) == {"BETA"}
    assert shown(theme=theme.pk) == {"ALPHA"}
    assert shown(stage="not-a-stage") == {"ALPHA", "BETA"}
    assert shown(programme="abc") == {"ALPHA", "BETA"}
    assert shown(programme="99999999999999999999999", theme="-5") == {"ALPHA", "BETA"}


def _add_projects(n, user):
    programme = ProgrammeFactory()
    themes = [ThemeFactory(), ThemeFactory()]
    for _ in range(n):
        p = ProjectFactory(programme=programme)
        p.themes.set(themes)
        MembershipFactory(project=p, role=Role.LEAD)
        MembershipFactory(project=p, user=user, role=Role.MEMBER)


@pytest.mark.parametrize("persona", ["adviser", "member"])
def test_dashboard_queries_do_not_grow(request, as_user, persona):
    user = request.getfixturevalue(persona)
    client = as_user(user)
    counts = []
    for n in (5, 45):
        _add_projects(n, user)
        with assert_max_queries(DASHBOARD_BUDGET[persona]) as queries:
            assert client.get(reverse("dashboard")).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1], counts


@pytest.mark.parametrize("name", ["project", "project-edit", "project-team", "project-history"])
def test_project_pages_queries_do_not_grow(as_user, project, lead, name):
    client = as_user(lead)
    client.get(reverse(name, args=[project.pk]))  # warms the process's content-type cache, which counts once
    counts = []
    # Each added theme also writes a history record, so both rounds fill the first history page.
    for n in (30, 30):
        for _ in range(n):
            MembershipFactory(project=project, role=Role.MEMBER)
            project.themes.add(ThemeFactory())
            ProjectFactory()
        with assert_max_queries(PROJECT_PAGE_BUDGET[name]) as queries:
            assert client.get(reverse(name, args=[project.pk])).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1], counts
