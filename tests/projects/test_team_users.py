from mobilise.projects.access import team_users
from mobilise.projects.models import Role

from ..factories import MembershipFactory, UserFactory


def test_team_users_are_the_active_members_and_advisers_of_the_project_by_name(
    project, adviser, lead, member, viewer, outsider
):
    project.advisers.add(adviser)
    UserFactory(full_name="Una Unassigned", is_adviser=True)  # an adviser, but not this project's
    gone = MembershipFactory(project=project, role=Role.MEMBER, user__full_name="Gina Gone").user
    gone.is_active = False
    gone.save()
    lead_and_adviser = MembershipFactory(project=project, role=Role.MEMBER, user__full_name="Abe Both").user
    project.advisers.add(lead_and_adviser)
    names = [u.full_name for u in team_users(project)]
    assert names == ["Abe Both", "Ada Adviser", "Lee Lead", "Mo Member", "Vi Viewer"]


def test_team_users_reads_two_id_lists_not_a_distinct_join(project):
    # Joining users to both memberships and advisers and de-duplicating took half a second at bench scale.
    sql = str(team_users(project).query)
    assert "DISTINCT" not in sql and " IN (SELECT" in sql
