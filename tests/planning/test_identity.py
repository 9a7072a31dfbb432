"""Elements keep their identity through snapshots, restores, templates and imports, so what other apps link to
them (indicators, impact claims) stays linked while the element exists, and is linked again when it comes back."""

import contextlib
import json

import pytest
from django.apps import apps
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mobilise.evaluation.models import ImpactClaim, Indicator
from mobilise.planning import modeldata, references, services, starters
from mobilise.planning.access import data
from mobilise.planning.models import CAUSAL, RANK, Column, Element, Link, LogicModel

from ..factories import ProjectFactory
from ..factories.evaluation import ImpactClaimFactory, IndicatorFactory


def add(project, column, text):
    return services.add_element(project=project, column=column, text=text)


def build(project):
    els = {
        "act": add(project, Column.ACTIVITIES, "Train champions"),
        "out": add(project, Column.OUTPUTS, "20 champions trained"),
        "short": add(project, Column.SHORT, "Women know about screening"),
        "impact": add(project, Column.IMPACT, "Fewer late cancer diagnoses"),
    }
    for a, b in [("act", "out"), ("out", "short"), ("short", "impact")]:
        services.add_link(source=els[a], target=els[b])
    indicator = IndicatorFactory(project=project, element=els["short"], name="Women who know")
    claim = ImpactClaimFactory(project=project, outcome=els["impact"], title="Late diagnoses fell")
    return els, indicator, claim


def links_of(project):
    """Which element (by key) each indicator and claim of the project points at."""
    return {
        **{f"i{i.pk}": i.element and i.element.key for i in Indicator.objects.filter(project=project)},
        **{f"c{c.pk}": c.outcome and c.outcome.key for c in ImpactClaim.objects.filter(project=project)},
    }


def test_restoring_an_unchanged_snapshot_keeps_every_link(project):
    els, indicator, claim = build(project)
    before = links_of(project)
    snapshot = services.take_snapshot(project=project, name="Now", by=None)
    services.restore_snapshot(snapshot=snapshot, by=None)
    assert links_of(project) == before
    assert Element.objects.get(pk=els["short"].pk).text == "Women know about screening"


def test_restore_brings_back_a_deleted_element_with_its_links(project):
    els, indicator, claim = build(project)
    before = links_of(project)
    snapshot = services.take_snapshot(project=project, name="As submitted", by=None)
    services.delete_element(element=els["short"])
    indicator.refresh_from_db()
    assert indicator.element is None
    services.restore_snapshot(snapshot=snapshot, by=None)
    assert links_of(project) == before


def test_undoing_a_restore_brings_the_links_back(project):
    build(project)
    empty = services.take_snapshot(project=project, name="Empty", by=None)
    empty.data = {**empty.data, "elements": [], "links": []}
    empty.save()
    before = links_of(project)
    services.restore_snapshot(snapshot=empty, by=None)
    assert set(links_of(project).values()) == {None}
    services.restore_snapshot(snapshot=LogicModel.objects.get().snapshots.get(name="Before restoring “Empty”"), by=None)
    assert links_of(project) == before


def test_a_template_over_a_model_then_undone_keeps_the_links(project):
    build(project)
    before = links_of(project)
    services.replace_contents(project=project, data=starters.service_evaluation(), by=None, snapshot_name="Before")
    assert set(links_of(project).values()) == {None}
    services.restore_snapshot(snapshot=LogicModel.objects.get().snapshots.get(name="Before"), by=None)
    assert links_of(project) == before


def test_importing_the_models_own_export_keeps_every_link(project):
    els, indicator, claim = build(project)
    before = links_of(project)
    exported = data(LogicModel.objects.get())
    exported["elements"][0]["text"] = "Renamed in the file"
    services.replace_contents(
        project=project, data=modeldata.parse(json.dumps(exported).encode()), by=None, snapshot_name="x"
    )
    assert links_of(project) == before
    assert Element.objects.filter(text="Renamed in the file").exists()


def test_references_name_what_loses_its_link(project):
    els, indicator, claim = build(project)
    assert references.losing([els["short"], els["impact"], els["act"]]) == [
        "Impact claim “Late diagnoses fell”, linked to “Fewer late cancer diagnoses”",
        "Indicator “Women who know”, linked to “Women know about screening”",
    ]


def test_every_reference_to_an_element_has_a_provider():
    """A new foreign key to an element in another app must be reported through the planning.references hook
    (and this list), or a restore would unlink it without a word."""
    pointing = {
        (field.related_model._meta.label, field.field.name)
        for field in Element._meta.related_objects
        if field.related_model._meta.app_label != "planning"
        and not field.related_model.__name__.startswith("Historical")
    }
    assert pointing == {("evaluation.Indicator", "element"), ("evaluation.ImpactClaim", "outcome")}
    assert [p.name for p in references.REFERENCES.providers] == ["evaluation"]
    assert apps.get_app_config("evaluation")


# One edit to the model: (kind, a number choosing the element or link, a number choosing a column or text).
edits = st.lists(
    st.tuples(
        st.sampled_from(["add", "rename", "move", "delete", "link", "unlink"]), st.integers(0, 50), st.integers(0, 50)
    ),
    max_size=12,
)


def edit(project, kind, pick, other):
    elements = list(Element.objects.filter(model__project=project).order_by("pk"))
    links = list(Link.objects.filter(model__project=project).order_by("pk"))
    if kind == "add" or not elements:
        add(project, CAUSAL[other % len(CAUSAL)], f"New element {other}")
        return
    element = elements[pick % len(elements)]
    if kind == "rename":
        services.update_element(
            element=element,
            expected_version=element.version,
            text=f"Renamed {other}",
            description="",
            column=element.column,
        )
    elif kind == "move":
        with contextlib.suppress(services.PlanningError):
            services.move_element(element=element, direction=["up", "down", "left", "right"][other % 4])
    elif kind == "delete":
        services.delete_element(element=element)
    elif kind == "link":
        later = [e for e in elements if RANK[e.column] > RANK[element.column]]
        if later and not Link.objects.filter(source=element, target=later[other % len(later)]).exists():
            services.add_link(source=element, target=later[other % len(later)])
    elif links:
        services.delete_link(link=links[pick % len(links)])


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(edits=edits)
@pytest.mark.django_db
def test_snapshot_edits_restore_gives_every_reference_back(edits):
    project = ProjectFactory()
    build(project)
    model = LogicModel.objects.get(project=project)
    before, contents = links_of(project), data(model)
    snapshot = services.take_snapshot(project=project, name="Before the edits", by=None)
    for kind, pick, other in edits:
        edit(project, kind, pick, other)
    services.restore_snapshot(snapshot=snapshot, by=None)
    assert links_of(project) == before
    assert modeldata.diff(contents, data(model)) == modeldata.diff(contents, contents)
