import pytest
from django.urls import reverse

from mobilise.engagement.models import Insight, InsightStatus
from mobilise.projects.models import Project, Role, Stage
from mobilise.stakeholders.models import Stakeholder

from ..factories import ProgrammeFactory, ThemeFactory


@pytest.fixture
def gap(as_user, project, member, map_, logged):
    client = as_user(member)
    response = client.post(
        reverse("engagement:insight-new", args=[project.pk]),
        {
            "question": "Would the intervention work for Eastern European communities?",
            "why_it_matters": "Commissioners must plan for all under-served groups",
            "status": "raised",
            "stakeholders": [map_["icb"].pk, map_["forum"].pk],
            "interactions": [logged.pk],
        },
    )
    assert response.status_code == 302
    return Insight.objects.get()


def test_record_and_turn_into_a_project(as_user, project, member, adviser, map_, gap):
    project.advisers.add(adviser)
    client = as_user(member)
    page = client.get(reverse("engagement:insights", args=[project.pk])).content.decode()
    assert "Eastern European" in page and "Kingsbridge ICB" in page and "Commissioning intentions" in page
    response = client.post(
        reverse("engagement:insight-project", args=[project.pk, gap.pk]),
        {"title": "Feasibility for Eastern European communities", "short_title": "EE-Screen"},
    )
    assert response.status_code == 302, response.content.decode()[-3000:]
    new = Project.objects.get(short_title="EE-Screen")
    assert response["Location"] == reverse("project", args=[new.pk])
    assert new.stage == Stage.IDEA and new.research_question == gap.question
    assert new.memberships.get().user == member and new.memberships.get().role == Role.LEAD
    assert list(new.advisers.all()) == [adviser]
    copied = Stakeholder.objects.filter(project=new)
    assert {s.name for s in copied} == {"Kingsbridge ICB", "Faith forum"}
    icb = copied.get(organisation__isnull=False)
    assert icb.influence == 5 and icb.role_set == {"decision_maker"}
    gap.refresh_from_db()
    assert gap.new_project == new and gap.status == InsightStatus.SCOPING
    # Only once.
    client.post(
        reverse("engagement:insight-project", args=[project.pk, gap.pk]), {"title": "Again", "short_title": "AGAIN"}
    )
    assert not Project.objects.filter(short_title="AGAIN").exists()


def test_viewer_cannot_turn_into_a_project(as_user, project, viewer, gap):
    response = as_user(viewer).post(
        reverse("engagement:insight-project", args=[project.pk, gap.pk]), {"title": "X", "short_title": "X"}
    )
    assert response.status_code == 404 and Project.objects.count() == 1


def test_edit_and_filter(as_user, project, member, gap):
    client = as_user(member)
    client.post(
        reverse("engagement:insight-edit", args=[project.pk, gap.pk]), {"question": gap.question, "status": "proposal"}
    )
    gap.refresh_from_db()
    assert gap.status == InsightStatus.PROPOSAL and not gap.stakeholders.exists()
    assert (
        "Eastern"
        in client.get(reverse("engagement:insights", args=[project.pk]), {"status": "proposal"}).content.decode()
    )
    assert (
        "Eastern"
        not in client.get(reverse("engagement:insights", args=[project.pk]), {"status": "parked"}).content.decode()
    )
    bad = client.post(
        reverse("engagement:insight-edit", args=[project.pk, gap.pk]), {"question": "", "status": "funded"}
    )
    assert "Enter the question" in bad.content.decode()


def test_the_new_project_keeps_the_question_programme_and_themes(as_user, project, member, gap):
    """Issue 13: the new project lost the question mark, the programme and the themes, and showed
    "Start not set to end not set"."""
    project.programme = ProgrammeFactory(name="Cancer programme")
    project.save()
    project.themes.set([ThemeFactory(name="Screening"), ThemeFactory(name="Equity")])
    client = as_user(member)
    form = client.get(reverse("engagement:insight-project", args=[project.pk, gap.pk])).content.decode()
    assert 'value="Would the intervention work for Eastern European communities?"' in form
    response = client.post(
        reverse("engagement:insight-project", args=[project.pk, gap.pk]),
        {"title": "Would the intervention work for Eastern European communities?", "short_title": "EE-Screen"},
        follow=True,
    )
    new = Project.objects.get(short_title="EE-Screen")
    assert new.title.endswith("?") and new.programme == project.programme
    assert {t.name for t in new.themes.all()} == {"Screening", "Equity"}
    page = response.content.decode()
    assert "Cancer programme" in page and "Equity, Screening" in page
    assert "Dates not set" in page and "not set to" not in page


def test_one_stakeholder_reads_in_the_singular(as_user, project, member, map_, gap):
    gap.stakeholders.set([map_["icb"]])
    client = as_user(member)
    assert (
        "the 1 stakeholder who raised it"
        in client.get(reverse("engagement:insight-project", args=[project.pk, gap.pk])).content.decode()
    )
    response = client.post(
        reverse("engagement:insight-project", args=[project.pk, gap.pk]),
        {"title": "A question?", "short_title": "ONE"},
        follow=True,
    )
    assert "1 stakeholder on its map" in response.content.decode()
