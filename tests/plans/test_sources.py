"""Each section kind starts from its job's live data, and says what changed since its text was written."""

import pytest

from mobilise.plans import fingerprints, services, sources
from mobilise.plans.models import PlanSection

from ..factories import ElementFactory, FindingFactory, StakeholderFactory
from ..queries import assert_max_queries
from .conftest import fill


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("partners", "Patient forum"),
        ("engagement", "every month"),
        ("roles", "Implementer"),
        ("settings", "Implementer"),
        ("knowledge_users", "ICB cancer board"),
        ("messages", "Uptake rose"),
        ("goals", "More women screened 0"),
        ("risks", "Champions stay 0"),
        ("strategies", "Policy brief"),
        ("timeline", "Workshop:"),
        ("evaluation", "Question: Did uptake rise"),
    ],
)
def test_each_source_draws_on_its_job(rich, source, expected):
    suggestion = sources.Live(rich).suggestion(source)
    assert expected in suggestion.text
    assert suggestion.fingerprint["items"]


def test_resources_totals_the_costed_table(rich, lead):
    plan = services.create_plan(project=rich, by=lead, title="KT", template_key="ktpt")
    services.add_cost(plan=plan, item="Contributor time", cost="1,250.50")
    services.add_cost(plan=plan, item="Translation", cost="£800")
    text = sources.Live(rich, plan).suggestion("resources").text
    assert "Total £2,050.50" in text and "Translation: £800.00" in text


def test_a_plan_is_drafted_from_the_live_data(rich, lead):
    plan = services.create_plan(project=rich, by=lead, title="NIHR stage 2", template_key="nihr")
    by_key = {s.key: s for s in plan.sections.all()}
    assert list(by_key) == ["outputs", "audiences", "pathways", "further", "barriers", "impact"]
    assert "More women screened 0" in by_key["impact"].text
    assert by_key["further"].text == ""  # the team writes it: no live data feeds it
    assert by_key["impact"].basis["items"]


def test_changes_since_the_text_was_written(rich, lead):
    plan = services.create_plan(project=rich, by=lead, title="KT", template_key="ktpt")
    section = plan.sections.get(key="partners")
    live = lambda: sources.Live(rich, plan).suggestion("partners").fingerprint  # noqa: E731
    assert fingerprints.changes(section.basis, live()) == []
    StakeholderFactory.create_batch(3, project=rich)
    assert fingerprints.changes(section.basis, live()) == ["3 stakeholders added"]
    first = rich.stakeholders.order_by("pk").first()
    first.group_name = "Renamed forum"
    first.save()
    rich.stakeholders.order_by("pk").last().delete()
    assert fingerprints.changes(section.basis, live()) == ["2 stakeholders added", "1 stakeholder changed"]
    # Saving the text records the data it was written against: nothing has changed since.
    section = services.save_section(section=section, text="Our partners", expected_version=1, by=lead)
    assert fingerprints.changes(section.basis, live()) == []


def test_a_finding_added_shows_on_main_messages(rich, lead):
    plan = services.create_plan(project=rich, by=lead, title="KT", template_key="ktpt")
    section = PlanSection.objects.get(plan=plan, key="messages")
    FindingFactory(project=rich)
    assert fingerprints.changes(section.basis, sources.Live(rich, plan).suggestion("messages").fingerprint) == [
        "1 finding added"
    ]


def test_sources_read_in_constant_queries(project, lead):
    def load():
        live = sources.Live(project)
        for key in sources.SOURCES:
            live.suggestion(key)

    # The map five (the first rows' ids, the rows, their roles, the tally, each row's stamp), the open actions three
    # (the tally, the stamps, the first by date), and one each for audiences, findings, elements, outputs,
    # workshops, questions and indicators.
    fill(project, 1)
    with assert_max_queries(15):
        load()
    fill(project, 4)
    ElementFactory(model=project.logic_model)
    with assert_max_queries(15):
        load()
