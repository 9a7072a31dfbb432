"""Project access beyond the page table in test_permissions.py: unknown projects, and refused writes change
nothing."""

import pytest
from django.urls import reverse


def test_unknown_project_is_404_like_a_hidden_one(as_user, adviser):
    assert as_user(adviser).get(reverse("project", args=[999999])).status_code == 404


@pytest.mark.parametrize("persona", ["member", "viewer", "outsider"])
def test_team_changes_refused_below_lead(request, as_user, project, lead, persona):
    user = request.getfixturevalue(persona)
    membership = project.memberships.get(user=lead)
    response = as_user(user).post(reverse("project-member", args=[project.pk, membership.pk]), {"action": "remove"})
    assert response.status_code == 404
    assert project.memberships.filter(user=lead).exists()


@pytest.mark.parametrize("persona", ["viewer", "outsider"])
def test_edit_post_refused_and_nothing_changes(request, as_user, project, persona):
    user = request.getfixturevalue(persona)
    response = as_user(user).post(reverse("project-edit", args=[project.pk]), {"title": "Hijacked"})
    assert response.status_code == 404
    project.refresh_from_db()
    assert project.title != "Hijacked"


def test_dashboard_lists_only_own_projects(as_user, project, member, outsider, adviser):
    own = as_user(member).get(reverse("dashboard")).content.decode()
    assert "CASCADE" in own
    other = as_user(outsider).get(reverse("dashboard")).content.decode()
    assert "CASCADE" not in other
    assert "CASCADE" in as_user(adviser).get(reverse("dashboard")).content.decode()
