import json

import pytest

from mobilise.core.versioning import StaleEdit
from mobilise.planning import modeldata, services, starters
from mobilise.planning.access import contents, data
from mobilise.planning.models import Column, Element, Link, LogicModel


def add(project, column, text, **kw):
    return services.add_element(project=project, column=column, text=text, **kw)


@pytest.fixture
def chain(project):
    """input -> activity -> output -> short -> impact, plus a spare activity."""
    els = {
        "in": add(project, Column.INPUTS, "Funding"),
        "act": add(project, Column.ACTIVITIES, "Train champions"),
        "out": add(project, Column.OUTPUTS, "20 champions trained"),
        "short": add(project, Column.SHORT, "Women know about screening"),
        "impact": add(project, Column.IMPACT, "Fewer late cancer diagnoses"),
    }
    for a, b in [("in", "act"), ("act", "out"), ("out", "short"), ("short", "impact")]:
        services.add_link(source=els[a], target=els[b])
    return els


def test_links_run_forward_only(project, chain):
    with pytest.raises(services.PlanningError, match="earlier column to a later one"):
        services.add_link(source=chain["short"], target=chain["act"])
    with pytest.raises(services.PlanningError, match="itself"):
        services.add_link(source=chain["act"], target=chain["act"])
    with pytest.raises(services.PlanningError, match="already links"):
        services.add_link(source=chain["act"], target=chain["out"])
    same_column = add(project, Column.ACTIVITIES, "Run sessions")
    with pytest.raises(services.PlanningError):
        services.add_link(source=chain["act"], target=same_column)
    note = add(project, Column.ASSUMPTIONS, "Champions stay for a year", about_element=chain["act"])
    with pytest.raises(services.PlanningError, match="attached, not linked"):
        services.add_link(source=note, target=chain["out"])
    assert Link.objects.count() == 4


def test_links_stay_within_one_model(project, chain):
    from ..factories import ProjectFactory

    other = add(ProjectFactory(), Column.IMPACT, "Elsewhere")
    with pytest.raises(services.PlanningError, match="same model"):
        services.add_link(source=chain["act"], target=other)


def test_only_notes_attach(project, chain):
    with pytest.raises(services.PlanningError, match="Only assumptions"):
        add(project, Column.OUTPUTS, "x", about_element=chain["act"])


def test_review_of_a_complete_chain_is_clean(chain):
    model = LogicModel.objects.get()
    assert modeldata.review(data(model)) == []


def test_review_finds_each_weakness(project, chain):
    model = LogicModel.objects.get()
    lonely = add(project, Column.OUTPUTS, "Leaflet")
    orphan_outcome = add(project, Column.MEDIUM, "Uptake rises")
    dead_end = add(project, Column.ACTIVITIES, "Hold a launch event")
    services.add_link(source=dead_end, target=lonely)
    floating = add(project, Column.EXTERNAL, "NHS reorganisation")
    # An element moved after linking leaves a link that goes backwards.
    services.move_element(element=chain["out"], direction="left")
    findings = {(f["kind"], f["key"]) for f in modeldata.review(data(model))}
    assert ("unlinked", str(orphan_outcome.key)) in findings
    assert ("unreached", str(orphan_outcome.key)) in findings
    assert ("dead_end", str(dead_end.key)) in findings
    assert ("unattached", str(floating.key)) in findings
    assert ("backwards", str(chain["act"].key)) in findings
    assert ("unlinked", str(lonely.key)) not in findings
    with_indicators = modeldata.review(data(model), indicator_keys={str(chain["short"].key)})
    assert {f["key"] for f in with_indicators if f["kind"] == "no_indicator"} == {str(orphan_outcome.key)}


def test_move_within_and_across_columns(project):
    a, b, c = (add(project, Column.ACTIVITIES, t) for t in "abc")
    services.move_element(element=c, direction="up")
    assert [e.text for e in Element.objects.filter(column=Column.ACTIVITIES).order_by("position")] == ["a", "c", "b"]
    services.move_element(element=a, direction="up")  # already first: nothing happens
    services.move_element(element=b, direction="right")
    b.refresh_from_db()
    assert b.column == Column.OUTPUTS
    inputs = add(project, Column.INPUTS, "money")
    with pytest.raises(services.PlanningError):
        services.move_element(element=inputs, direction="left")


def test_stale_element_edit_is_refused(project):
    element = add(project, Column.ACTIVITIES, "Train champions")
    services.update_element(
        element=element, expected_version=1, text="Train 20 champions", description="", column=Column.ACTIVITIES
    )
    with pytest.raises(StaleEdit) as stale:
        services.update_element(
            element=element, expected_version=1, text="Train staff", description="", column=Column.ACTIVITIES
        )
    assert stale.value.current.text == "Train 20 champions" and stale.value.fields == ["text"]


def test_a_moved_element_with_a_backwards_link_still_round_trips(project, chain):
    services.move_element(element=chain["act"], direction="right")
    services.move_element(element=chain["act"], direction="right")
    exported = data(LogicModel.objects.get())
    parsed = modeldata.parse(json.dumps(exported).encode())
    assert any(f["kind"] == "backwards" for f in modeldata.review(parsed))


def test_import_accepts_keys_in_any_case(project, chain):
    exported = data(LogicModel.objects.get())
    for link in exported["links"]:
        link["source"], link["target"] = link["source"].upper(), link["target"].upper()
    assert len(modeldata.parse(json.dumps(exported).encode())["links"]) == 4


def test_json_round_trip_and_restore(project, chain):
    model = LogicModel.objects.get()
    add(project, Column.ASSUMPTIONS, "Faith leaders endorse it", about_element=chain["act"])
    link = Link.objects.get(source=chain["out"])
    add(project, Column.EXTERNAL, "Screening programme changes", about_link=link)
    before = data(model)
    raw = json.dumps(before).encode()
    parsed = modeldata.parse(raw)
    snapshot = services.take_snapshot(project=project, name="As submitted", by=None)
    services.delete_element(element=chain["short"])
    services.add_element(project=project, column=Column.LONG, text="Screening becomes routine")
    changed = data(model)
    d = modeldata.diff(snapshot.data, changed)
    assert [e["text"] for e in d["removed"]] == ["Women know about screening"]
    assert [e["text"] for e in d["added"]] == ["Screening becomes routine"]
    assert {(x["source"], x["target"]) for x in d["links_removed"]} == {
        ("20 champions trained", "Women know about screening"),
        ("Women know about screening", "Fewer late cancer diagnoses"),
    }
    services.restore_snapshot(snapshot=snapshot, by=None)
    restored = data(model)
    assert modeldata.diff(parsed, restored) == modeldata.diff(before, before)
    assert model.snapshots.filter(name="Before restoring “As submitted”").exists()
    notes = {e.text: e for e in Element.objects.filter(column__in=[Column.ASSUMPTIONS, Column.EXTERNAL])}
    assert notes["Faith leaders endorse it"].about_element.text == "Train champions"
    assert str(notes["Screening programme changes"].about_link) == "20 champions trained → Women know about screening"


def test_diff_reports_changed_text_and_rationale(project, chain):
    model = LogicModel.objects.get()
    old = data(model)
    services.update_element(
        element=chain["act"], expected_version=1, text="Train 20 champions", description="", column=Column.ACTIVITIES
    )
    services.update_link(link=Link.objects.get(source=chain["act"]), rationale="Trained champions run sessions")
    new = data(model)
    d = modeldata.diff(old, new)
    assert [(c["old"]["text"], c["new"]["text"], c["fields"]) for c in d["changed"]] == [
        ("Train champions", "Train 20 champions", ["text"])
    ]
    assert d["links_changed"][0]["rationale"] == "Trained champions run sessions"


@pytest.mark.parametrize(
    "raw,message",
    [
        (b"not json", "not a JSON file"),
        (b'{"format": "other"}', "not a logic model exported from Mobilise"),
        (
            json.dumps({"format": "mobilise-logic-model", "elements": [{"key": "x"}], "links": []}).encode(),
            "no valid key",
        ),
        (
            json.dumps(
                {
                    "format": "mobilise-logic-model",
                    "elements": [{"key": "00000000-0000-0000-0000-000000000001", "column": "nowhere", "text": ""}],
                    "links": [],
                }
            ).encode(),
            "unknown column",
        ),
        (
            json.dumps(
                {
                    "format": "mobilise-logic-model",
                    "elements": [
                        {"key": "00000000-0000-0000-0000-000000000001", "column": "impact", "text": "A"},
                        {"key": "00000000-0000-0000-0000-000000000002", "column": "inputs", "text": "B"},
                    ],
                    "links": [
                        {
                            "source": "00000000-0000-0000-0000-000000000001",
                            "target": "00000000-0000-0000-0000-000000000001",
                        }
                    ],
                }
            ).encode(),
            "to itself",
        ),
        (
            json.dumps(
                {
                    "format": "mobilise-logic-model",
                    "elements": [
                        {
                            "key": "00000000-0000-0000-0000-000000000001",
                            "column": "impact",
                            "text": "A",
                            "position": 10**30,
                        }
                    ],
                    "links": [],
                }
            ).encode(),
            "position",
        ),
        (
            json.dumps(
                {
                    "format": "mobilise-logic-model",
                    "elements": [
                        {"key": "00000000-0000-0000-0000-000000000001", "column": "impact", "text": "A\u0000"}
                    ],
                    "links": [],
                }
            ).encode(),
            "needs text",
        ),
        (b"[" * 100000, "not a JSON file"),
        (
            json.dumps(
                {"format": "mobilise-logic-model", "elements": [], "links": [{"source": "a", "target": "b"}]}
            ).encode(),
            "not in the file",
        ),
        (b"x" * (modeldata.MAX_BYTES + 1), "larger than"),
        (json.dumps({"format": "mobilise-logic-model", "hints": ["x"], "elements": [], "links": []}).encode(), "hints"),
        (
            json.dumps(
                {"format": "mobilise-logic-model", "hints": {"rationale": "x"}, "elements": [], "links": []}
            ).encode(),
            "hints",
        ),
    ],
)
def test_bad_import_files_are_refused_with_reasons(raw, message):
    with pytest.raises(modeldata.InvalidModelFile) as error:
        modeldata.parse(raw)
    assert any(message in p for p in error.value.problems), error.value.problems


@pytest.mark.parametrize("name", list(starters.STARTERS))
def test_starters_are_valid_and_load(project, name):
    template = starters.STARTERS[name][2]()
    modeldata.parse(json.dumps(template).encode())
    services.replace_contents(project=project, data=template, by=None, snapshot_name="x")
    model = LogicModel.objects.get()
    elements, links = contents(model)
    assert len(elements) == len(template["elements"]) and len(links) == len(template["links"])
    if name != "blank":
        assert [f for f in modeldata.review(data(model)) if f["kind"] != "no_indicator"] == []


def test_copy_gets_new_keys(project, chain):
    from ..factories import ProjectFactory

    other = ProjectFactory()
    copied = services.fresh_keys(data(LogicModel.objects.get(project=project)))
    services.replace_contents(project=other, data=copied, by=None, snapshot_name="x")
    assert not set(Element.objects.filter(model__project=other).values_list("key", flat=True)) & set(
        Element.objects.filter(model__project=project).values_list("key", flat=True)
    )
    assert Link.objects.filter(model__project=other).count() == 4
