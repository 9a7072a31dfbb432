"""A project's data generation (projects/generations.py): every write to the project's data moves it on, signalled
or not, and only that project's; figures kept under it are worked out again after a write, never before."""

import pytest
from django.db import transaction
from django.utils import timezone

from mobilise.core.models import Decision
from mobilise.core.reviews import decide
from mobilise.engagement import services as engagement
from mobilise.outputs import services as outputs
from mobilise.outputs.models import Status
from mobilise.projects import generations
from mobilise.projects.models import Change, Generation
from mobilise.stakeholders.models import Stakeholder
from tests.factories.directory import OrganisationFactory, PersonFactory
from tests.factories.engagement import ActionFactory
from tests.factories.evaluation import ActualFactory, IndicatorFactory, PeriodFactory
from tests.factories.outputs import AudienceFactory, FindingFactory, OutputFactory
from tests.factories.planning import ElementFactory, LogicModelFactory
from tests.factories.plans import CostFactory, PlanFactory, PlanSectionFactory
from tests.factories.projects import ProjectFactory
from tests.factories.stakeholders import StakeholderFactory

pytestmark = pytest.mark.django_db


def generation(project):
    return generations.current([project.pk])[project.pk]


@pytest.fixture
def other(db):
    """A second project, which no write to the first may move on."""
    return ProjectFactory()


def moves(project, other, write):
    """write() moves project's generation on, and not other's."""
    before, untouched = generation(project), generation(other)
    write()
    assert generation(project) > before
    assert generation(other) == untouched


ROWS = {
    "stakeholder": lambda p: StakeholderFactory(project=p),
    "finding": lambda p: FindingFactory(project=p),
    "audience": lambda p: AudienceFactory(project=p),
    "output": lambda p: OutputFactory(project=p, audience=AudienceFactory(project=p)),
    "element": lambda p: ElementFactory(model=LogicModelFactory(project=p)),
    "action": lambda p: ActionFactory(project=p),
    "indicator": lambda p: IndicatorFactory(project=p),
    "actual": lambda p: ActualFactory(period=PeriodFactory(indicator=IndicatorFactory(project=p))),
    "plan section": lambda p: PlanSectionFactory(plan=PlanFactory(project=p)),
    "cost": lambda p: CostFactory(plan=PlanFactory(project=p)),
}


@pytest.mark.parametrize("kind", ROWS)
def test_a_row_saved_edited_or_deleted_moves_its_project_on(project, other, kind):
    made = []
    moves(project, other, lambda: made.append(ROWS[kind](project)))
    row = made[0]
    moves(project, other, row.save)
    moves(project, other, row.delete)


def test_the_project_itself_and_its_many_to_many_fields(project, other):
    moves(project, other, project.save)
    audience, stakeholder = AudienceFactory(project=project), StakeholderFactory(project=project)
    moves(project, other, lambda: audience.stakeholders.add(stakeholder))
    moves(project, other, audience.stakeholders.clear)
    # From the other side (a many-to-many field without history: simple_history refuses that on the others).
    finding, output = FindingFactory(project=project), OutputFactory(project=project, audience=audience)
    moves(project, other, lambda: finding.outputs.add(output))
    moves(project, other, finding.outputs.clear)


def test_a_shared_name_moves_on_every_project_that_shows_it(project, other):
    person, organisation = PersonFactory(), OrganisationFactory()
    StakeholderFactory(project=project, person=person, organisation=None)
    StakeholderFactory(project=other, organisation=organisation, person=None)
    third = ProjectFactory()
    StakeholderFactory(project=third, person=person, organisation=None)
    before = generations.current([project.pk, other.pk, third.pk])
    person.full_name = "Dr Ada Renamed"
    person.save()
    after = generations.current([project.pk, other.pk, third.pk])
    assert after[project.pk] > before[project.pk] and after[third.pk] > before[third.pk]
    assert after[other.pk] == before[other.pk]
    moves(other, project, lambda: organisation.save())


def test_a_sign_in_moves_nothing_on(project, other, member):
    ActionFactory(project=project, owner=member)
    before = generation(project)
    member.save(update_fields=["last_login"])
    assert generation(project) == before
    moves(project, other, lambda: member.save(update_fields=["full_name"]))


def test_a_write_rolled_back_moves_nothing_on(project):
    before = generation(project)
    with pytest.raises(RuntimeError), transaction.atomic():
        FindingFactory(project=project)
        raise RuntimeError
    assert generation(project) == before


def test_writes_that_send_no_signals_move_their_project_on(project, other, lead, member):
    """The contact dates set in bulk when an interaction is logged, and an output's status set by its review."""
    stakeholder = StakeholderFactory(project=project, cadence="monthly")
    before = generation(project)
    Stakeholder.objects.filter(pk=stakeholder.pk).update(last_contact=None)  # as bulk_update would, unsignalled
    assert generation(project) == before
    moves(
        project,
        other,
        lambda: engagement.log_interaction(
            project=project, by=member, kind="meeting", date=timezone.localdate(), stakeholders=[stakeholder]
        ),
    )
    output = OutputFactory(project=project, audience=AudienceFactory(project=project))
    review = outputs.send_for_review(output=output, by=lead, reviewers=[member])
    before = generation(project)
    decide(review=review, obj=output, by=member, decision=Decision.APPROVED)
    output.refresh_from_db()
    assert output.status == Status.APPROVED and generation(project) > before


def test_figures_are_kept_until_the_data_moves_on(project, settings):
    settings.GENERATIONS_VERIFY = False
    calls = []

    def work(ids):
        calls.append(ids)
        return {pk: len(calls) for pk in ids}

    assert generations.cached("test", [project.pk], work) == {project.pk: 1}
    assert generations.cached("test", [project.pk], work) == {project.pk: 1}
    assert len(calls) == 1
    FindingFactory(project=project)
    assert generations.cached("test", [project.pk], work) == {project.pk: 2}


def test_verify_finds_a_write_that_moved_nothing_on(project):
    count = lambda ids: {pk: Stakeholder.objects.filter(project_id=pk).count() for pk in ids}  # noqa: E731
    generations.cached("test", [project.pk], count)
    Stakeholder.objects.bulk_create([Stakeholder(project=project, group_name="Carers")])  # no signal, no bump
    with pytest.raises(generations.StaleCache, match=f"project {project.pk}"):
        generations.cached("test", [project.pk], count)


def test_committed_changes_are_folded_into_the_counter_leaving_the_generation_as_it_was(project, other):
    FindingFactory(project=project)
    FindingFactory(project=project)
    FindingFactory(project=other)
    before = generations.current([project.pk, other.pk])
    assert Change.objects.filter(project_id=project.pk).count() >= 2
    generations.fold([project.pk, other.pk], "default")
    generations.fold([project.pk], "default")  # a second fold finds nothing more to fold
    assert generations.current([project.pk, other.pk]) == before
    assert not Change.objects.filter(project_id__in=[project.pk, other.pk]).exists()
    assert Generation.objects.get(project_id=project.pk).n == before[project.pk]
    moves(project, other, lambda: FindingFactory(project=project))  # and it moves on from there


def test_a_read_of_more_projects_than_it_names_reads_every_projects(project, other, monkeypatch):
    FindingFactory(project=project)
    generations.fold([project.pk], "default")
    FindingFactory(project=project)
    named = generations.current([project.pk, other.pk, 10**9])
    monkeypatch.setattr(generations, "ALL_PAST", 2)
    assert generations.current([project.pk, other.pk, 10**9]) == named
    assert named[project.pk] >= 2 and named[10**9] == 0


def test_a_write_folds_now_and_then_once_it_commits(project, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        for _ in range(generations.FOLD_EVERY):
            FindingFactory(project=project)
    folds = [c for c in callbacks if getattr(c, "func", None) is generations.fold]
    assert 1 <= len(folds) <= 2  # one in FOLD_EVERY changes, by their ids (a finding's history makes none)
    assert Change.objects.filter(project_id=project.pk).count() < generations.FOLD_EVERY


def test_a_cascade_moves_its_project_on_once(project):
    plan = PlanFactory(project=project)
    for n in range(5):
        PlanSectionFactory(plan=plan, key=f"section-{n}")
        CostFactory(plan=plan)
    before = Change.objects.filter(project_id=project.pk).count()
    plan.delete()
    assert Change.objects.filter(project_id=project.pk).count() == before + 1


def test_figures_worked_out_inside_a_transaction_are_not_kept(project, settings):
    """They may include writes the transaction rolls back, under a generation the next write gives again."""
    settings.GENERATIONS_VERIFY = False
    calls = []

    def work(ids):
        calls.append(ids)
        return dict.fromkeys(ids, 1)

    with transaction.atomic():
        generations.cached("test", [project.pk], work)
    generations.cached("test", [project.pk], work)
    generations.cached("test", [project.pk], work)
    assert len(calls) == 2
