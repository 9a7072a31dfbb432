"""A logic-model file with a value of the wrong type anywhere gets the usual list of problems, never a crash."""

import io
import json

import pytest
from django.urls import reverse
from hypothesis import given, settings
from hypothesis import strategies as st

from mobilise.planning import modeldata
from mobilise.planning.models import LogicModel

A, B, C = (f"00000000-0000-0000-0000-00000000000{i}" for i in range(1, 4))
WRONG = [["x"], {"a": 1}, 7, 1.5, 10**30, True, None]


def model(**changes):
    """A valid file: input -> activity, an assumption on the activity; changes are (where, field) -> value."""
    data = {
        "format": modeldata.FORMAT,
        "problem": "",
        "context": "",
        "population": "",
        "elements": [
            {"key": A, "column": "inputs", "text": "Funding", "description": "", "position": 0},
            {"key": B, "column": "activities", "text": "Train champions", "description": "", "position": 0},
            {"key": C, "column": "assumptions", "text": "Champions stay", "about": B, "about_link": None},
        ],
        "links": [{"source": A, "target": B, "rationale": ""}],
    }
    for path, value in changes.items():
        *where, field = path.split("__")
        target = data
        for step in where:
            target = target[int(step)] if step.isdigit() else target[step]
        target[field] = value
    return json.dumps(data).encode()


def problems(raw):
    with pytest.raises(modeldata.InvalidModelFile) as error:
        modeldata.parse(raw)
    return error.value.problems


def test_the_base_file_is_valid():
    assert len(modeldata.parse(model())["elements"]) == 3


WHERE = [
    ("elements__0__column", "Element 1 has an unknown column"),
    ("elements__1__column", "Element 2 has an unknown column"),
    ("elements__0__key", "Element 1 has no valid key"),
    ("elements__0__text", "Element 1 needs text"),
    ("elements__0__description", "Element 1 has a description that is not text"),
    ("elements__2__about", "Element 3 is attached to an element that is not in the file"),
    ("links__0__source", "Link 1 points at an element that is not in the file"),
    ("links__0__rationale", "Link 1 has a rationale that is not text"),
    ("problem", "The problem must be text"),
]


@pytest.mark.parametrize(
    "path,message,value",
    [
        (path, message, value)
        for path, message in WHERE
        for value in WRONG
        # An element attached to nothing is valid (the review reports it).
        if not (path.endswith("about") and value is None)
    ],
)
def test_a_wrong_type_is_a_problem_not_a_crash(path, message, value):
    assert any(p.startswith(message) for p in problems(model(**{path: value}))), path


def test_a_list_for_a_column_is_reported_once_and_links_to_it_are_checked():
    found = problems(model(elements__1__column=["x"]))
    assert found == [
        "Element 2 has an unknown column \"['x']\"",
        "Link 1 connects an assumption or external factor; attach those instead",
    ]


@pytest.mark.parametrize("value", [["x", "y"], [[A], [B]], {"source": A}, "x", 7])
def test_a_wrong_link_attachment_is_a_problem(value):
    assert "Element 3 is attached to a link that is not in the file" in problems(model(elements__2__about_link=value))


@pytest.mark.parametrize("value", [1.5, "1", None, True, -1, 2**31, 10**30])
def test_a_position_must_be_a_small_whole_number(value):
    assert "Element 1 has a position that is not a whole number" in problems(model(elements__0__position=value))


@pytest.mark.parametrize("value", [{"a": 1}, "x", 7, None])
def test_elements_and_links_must_be_lists(value):
    assert "The file must list elements and links" in problems(model(elements=value))
    assert "The file must list elements and links" in problems(model(links=value))


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=5),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
    max_leaves=8,
)
fields = st.sampled_from(
    [f"elements__{n}__{f}" for n in range(3) for f in ("key", "column", "text", "position", "about", "about_link")]
    + [f"links__0__{f}" for f in ("source", "target", "rationale")]
    + [f"elements__{n}" for n in range(3)]
    + ["links__0", "elements", "links", "problem"]
)


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(fields, json_values, max_size=3))
def test_any_json_value_anywhere_is_parsed_or_refused(changes):
    # Replacing a whole element or list first, then a field inside it, can make the path vanish: skip those.
    try:
        raw = model(**changes)
    except (TypeError, KeyError, IndexError):
        return
    try:
        modeldata.parse(raw)
    except modeldata.InvalidModelFile as error:
        assert error.problems and all(isinstance(p, str) for p in error.problems)


def test_importing_a_file_with_a_list_for_a_column_shows_the_problems(as_user, project, member):
    upload = io.BytesIO(model(elements__0__column=["x"]))
    upload.name = "model.json"
    page = as_user(member).post(reverse("planning:start", args=[project.pk]), {"file": upload})
    assert page.status_code == 200
    assert "Element 1 has an unknown column" in page.content.decode()
    assert not LogicModel.objects.filter(project=project, elements__isnull=False).exists()
