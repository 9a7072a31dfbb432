"""ProjectWorkReview: the half of a review adapter that a project's outputs and plans share."""

from types import SimpleNamespace

from mobilise.core import reviews
from mobilise.outputs.reviewing import OutputReview
from mobilise.plans.reviewing import PlanReview
from mobilise.projects.reviewing import ProjectWorkReview


def test_readers_view_editors_request_and_reviewers_come_from_the_team(project, adviser, lead, viewer, outsider):
    project.advisers.add(adviser)
    work = SimpleNamespace(project=project, title="Brief", version=3, created_by_id=None)
    adapter = ProjectWorkReview()
    assert (adapter.title(work), adapter.version(work)) == ("Brief", 3)
    assert [adapter.can_view(u, work) for u in (adviser, lead, viewer, outsider)] == [True, True, True, False]
    assert [adapter.can_request(u, work) for u in (adviser, lead, viewer, outsider)] == [True, True, False, False]
    assert set(adapter.reviewer_choices(work)) == {adviser, lead, viewer}


def test_authors_are_the_starter_and_the_writers_without_the_unknown():
    assert ProjectWorkReview.written_by(SimpleNamespace(created_by_id=1), [2, None, 1]) == {1, 2}
    assert ProjectWorkReview.written_by(SimpleNamespace(created_by_id=None), []) == set()


def test_outputs_and_plans_register_the_shared_adapter():
    adapters = [type(adapter) for adapter in reviews._adapters.values()]
    assert OutputReview in adapters and PlanReview in adapters
    assert issubclass(OutputReview, ProjectWorkReview) and issubclass(PlanReview, ProjectWorkReview)
