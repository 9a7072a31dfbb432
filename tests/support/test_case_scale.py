"""A support case at scale: the project to link is named by its number or short title (no list of every project),
and the advice log is paged, newest first, with its totals over every entry."""

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from mobilise.support.forms import LinkProjectForm
from mobilise.support.forms_ideas import EvidenceGapForm
from mobilise.support.views.cases import ADVICE_PER_PAGE

from ..factories import AdviceEntryFactory, CaseFactory, ProjectFactory
from ..queries import assert_max_queries


@pytest.fixture
def staff(adviser):
    client = Client()
    client.force_login(adviser)
    return client


@pytest.fixture
def case(adviser):
    return CaseFactory(lead=adviser)


def _link(staff, case, text):
    return staff.post(reverse("support:case-project", args=[case.pk]), {"action": "link", "project": text})


def test_the_page_lists_no_projects_however_many_there_are(staff, case):
    ProjectFactory.create_batch(3, short_title="LISTED")
    page = staff.get(reverse("support:case", args=[case.pk])).content.decode()
    assert "LISTED" not in page and "<select" not in page.split("Or link a project")[1].split("</form>")[0]
    with assert_max_queries(12):
        staff.get(reverse("support:case", args=[case.pk]))
    ProjectFactory.create_batch(20)
    with assert_max_queries(12):
        staff.get(reverse("support:case", args=[case.pk]))


def test_a_project_is_linked_by_its_short_title_whatever_its_case(staff, case):
    project = ProjectFactory(short_title="CASCADE")
    assert _link(staff, case, " cascade ").status_code == 302
    case.refresh_from_db()
    assert case.project == project


def test_a_project_is_linked_by_its_number(staff, case):
    project = ProjectFactory()
    assert _link(staff, case, str(project.pk)).status_code == 302
    case.refresh_from_db()
    assert case.project == project


@pytest.mark.parametrize("text", ["", "NOSUCH", "999999", "9" * 40, "²"])  # "²": a digit to isdigit(), not to int()
def test_an_unknown_project_is_refused_in_the_error_summary(staff, case, text):
    ProjectFactory(short_title="CASCADE")
    response = _link(staff, case, text)
    assert response.status_code == 400
    page = response.content.decode()
    assert "nhsuk-error-summary" in page
    case.refresh_from_db()
    assert case.project is None


def test_two_projects_of_one_short_title_ask_for_the_number(staff, case):
    first, second = ProjectFactory(short_title="TWIN"), ProjectFactory(short_title="TWIN")
    page = _link(staff, case, "TWIN").content.decode()
    assert "More than one project is called TWIN" in page and str(first.pk) in page and str(second.pk) in page


def test_a_project_the_user_cannot_see_is_not_linked(case, lead, project):
    # A research lead sees only their own projects (and no case at all: the case page is staff-only).
    other = ProjectFactory(short_title="HIDDEN")
    client = Client()
    client.force_login(lead)
    assert _link(client, case, str(other.pk)).status_code == 404
    case.refresh_from_db()
    assert case.project is None


def test_the_advice_log_is_paged_newest_first_with_totals_over_all(staff, case, adviser):
    today = timezone.localdate()
    for n in range(ADVICE_PER_PAGE + 5):
        AdviceEntryFactory(case=case, by=adviser, minutes=60, notes=f"Entry {n:02d}.", date=today - timedelta(days=n))
    url = reverse("support:case", args=[case.pk])
    first = staff.get(url).content.decode()
    assert f"{ADVICE_PER_PAGE + 5} entries, {ADVICE_PER_PAGE + 5}.0 hours in all" in first
    assert "Entry 00." in first and f"Entry {ADVICE_PER_PAGE:02d}." not in first and "?advice=2" in first
    second = staff.get(url, {"advice": 2}).content.decode()
    assert f"Entry {ADVICE_PER_PAGE + 4:02d}." in second and "Entry 00." not in second


def test_the_form_offers_only_projects_the_user_can_see(lead, project):
    other = ProjectFactory(short_title="HIDDEN")
    assert LinkProjectForm({"project": str(project.pk)}, user=lead).is_valid()
    refused = LinkProjectForm({"project": str(other.pk)}, user=lead)
    assert not refused.is_valid() and "a project you can see" in refused.errors["project"][0]
    assert not LinkProjectForm({"project": "HIDDEN"}, user=lead).is_valid()


def test_an_ideas_evidence_gap_names_its_project_by_short_title_among_those_the_user_may_edit(lead, project):
    other = ProjectFactory(short_title="HIDDEN")
    assert EvidenceGapForm({"project": project.short_title.lower()}, user=lead).is_valid()
    refused = EvidenceGapForm({"project": str(other.pk)}, user=lead)
    assert not refused.is_valid() and "a project you can edit" in refused.errors["project"][0]
