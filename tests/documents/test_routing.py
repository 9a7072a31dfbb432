"""Links go round boxes: no piece of a link's route reaches into a box that is not one of its two ends."""

import random

import pytest

from mobilise.documents.layout import layout
from mobilise.documents.model import normalise
from mobilise.planning import demo, modeldata

from .sample import COLUMNS, sample_model

# Drawing and rendering only: the same on every database engine, so make test runs it once.
pytestmark = pytest.mark.engine_neutral


def hull_box(piece):
    """The bounding box of a cubic piece's four points, which holds the whole piece."""
    xs, ys = piece[0::2], piece[1::2]
    return min(xs), min(ys), max(xs), max(ys)


def crossings(data):
    """(link, box) pairs where a piece of the link's route reaches into the inside of a box it does not end at."""
    geometry = layout(normalise(data))
    found = []
    for link in geometry.links:
        for piece in link.pieces:
            x0, y0, x1, y1 = hull_box(piece)
            for key, box in geometry.boxes.items():
                if key in (link.source, link.target):
                    continue
                if x0 < box.right and x1 > box.x and y0 < box.bottom and y1 > box.y:
                    found.append(((link.source, link.target), key))
    return found, geometry


def random_model(seed, n=40, m=70):
    rnd = random.Random(seed)
    keys = [c["key"] for c in COLUMNS]
    words = ["women", "screening", "uptake", "trust", "community", "leaders", "data", "sessions", "of", "the"]
    elements = [
        {"key": f"e{i}", "column": rnd.choice(keys), "text": " ".join(rnd.choices(words, k=rnd.randint(1, 14)))}
        for i in range(n)
    ]
    links = [{"source": f"e{rnd.randrange(n)}", "target": f"e{rnd.randrange(n)}"} for _ in range(m)]
    return {"title": "Random", "columns": COLUMNS, "elements": elements, "links": links}


def test_no_link_of_the_demo_model_runs_under_another_box():
    data = modeldata.for_documents(demo.screening_model(), "TOGETHER-Screen")
    found, geometry = crossings(data)
    assert found == []
    # The link the issue names skips a column, so it goes round the box in between, not under it.
    labels = {key: geometry.boxes[key].lines for key in geometry.boxes}
    skipping = [lk for lk in geometry.links if len(lk.pieces) > 1]
    assert skipping, labels


def test_no_link_of_the_sample_model_runs_under_another_box():
    assert crossings(sample_model())[0] == []


@pytest.mark.parametrize("seed", range(25))
def test_no_link_of_a_random_model_runs_under_another_box(seed):
    found, geometry = crossings(random_model(seed))
    assert found == []
    for link in geometry.links:  # each route is one unbroken line from its start to its end
        assert link.pieces[0][:2] == (link.x1, link.y1)
        assert link.pieces[-1][-2:] == (link.x2, link.y2)
        for before, after in zip(link.pieces, link.pieces[1:], strict=False):
            assert before[-2:] == after[:2]


def test_the_old_curves_did_cross_boxes_so_the_check_can_fail():
    """A straight curve from end to end across columns would pass under boxes in the columns between."""
    geometry = layout(normalise(random_model(3)))
    long_links = [lk for lk in geometry.links if len(lk.pieces) > 1]
    assert long_links
    hits = 0
    for link in long_links:
        x0, x1 = sorted((link.x1, link.x2))
        y0, y1 = sorted((link.y1, link.y2))
        hits += sum(
            1
            for key, box in geometry.boxes.items()
            if key not in (link.source, link.target)
            and x0 < box.right
            and x1 > box.x
            and y0 < box.bottom
            and y1 > box.y
        )
    assert hits > 0
