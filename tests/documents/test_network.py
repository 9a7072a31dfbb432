"""The stakeholder network picture from plain data: a layout that is the same for the same map and keeps nodes
apart, and an SVG whose labels are horizontal, inside the picture and never over another. No database needed."""

import itertools
import math
import random
import re
import time
import xml.etree.ElementTree as ET

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mobilise.documents.graph_layout import GAP, layout, layout_key
from mobilise.documents.metrics import text_width
from mobilise.documents.network import LABEL_SIZE, NetNode, network_svg, radius

# Drawing and rendering only: the same on every database engine, so make test runs it once.
pytestmark = pytest.mark.engine_neutral

SVG = "{http://www.w3.org/2000/svg}"
GROUPS = [("nhs", "NHS provider"), ("vcse", "Voluntary and community sector"), ("council", "Local authority")]
ATTITUDES = [("champion", "Champion"), ("neutral", "Neutral"), ("opposed", "Opposed"), ("unknown", "Not known yet")]


def random_map(n, m, seed=1):
    rng = random.Random(seed)
    radii = {i: radius(rng.choice([None, 1, 2, 3, 4, 5])) for i in range(1, n + 1)}
    edges = set()
    while len(edges) < m:
        a, b = rng.randint(1, n), rng.randint(1, n)
        if a != b:
            edges.add((a, b))
    return radii, sorted(edges)


def overlaps(pos, radii, tolerance=0.5):
    return [
        (a, b)
        for a, b in itertools.combinations(pos, 2)
        if math.dist(pos[a], pos[b]) < radii[a] + radii[b] + GAP - tolerance
    ]


def test_the_same_map_gives_the_same_picture_whatever_the_order():
    radii, edges = random_map(80, 120)
    first = layout(radii, edges)
    shuffled = dict(reversed(list(radii.items())))
    again = layout(shuffled, [(b, a) for a, b in reversed(edges)])
    assert first == again
    assert layout_key(radii, edges) == layout_key(shuffled, [(b, a) for a, b in edges])
    assert layout_key(radii, edges[1:]) != layout_key(radii, edges)


@settings(max_examples=15, deadline=None)
@given(n=st.integers(1, 60), density=st.floats(0, 3), seed=st.integers(0, 1000))
def test_no_two_nodes_overlap(n, density, seed):
    radii, edges = random_map(n, min(int(n * density), n * (n - 1) // 2), seed)
    pos = layout(radii, edges)
    assert set(pos) == set(radii)
    assert not overlaps(pos, radii)


def test_a_map_as_large_as_is_drawn_is_laid_out_quickly():
    radii, edges = random_map(150, 300)
    start = time.perf_counter()
    pos = layout(radii, edges)
    took = time.perf_counter() - start
    assert not overlaps(pos, radii)
    assert took < 3, f"{took:.2f} s for 150 stakeholders and 300 relationships"


def linked_nodes(n, seed=2):
    rng = random.Random(seed)
    names = [
        "Bedfordshire, Luton and Milton Keynes Integrated Care Board Primary Care Commissioning Committee",
        "Luton Faith Forum",
        "Ward 7 <script>alert(1)</script> & friends",
        "South Asian women aged 50 to 70 in Luton",
    ]
    return [
        NetNode(
            i,
            names[i % len(names)] + f" {i}",
            rng.choice([*dict(GROUPS), ""]),
            rng.choice([None, 1, 3, 5]),
            rng.choice([*dict(ATTITUDES), "supportive", "sceptical"]),
            rng.random() < 0.2,
            f"/s/{i}/",
        )
        for i in range(1, n + 1)
    ]


def draw(nodes, edges, highlight=()):
    pos = layout({n.id: radius(n.size) for n in nodes}, edges)
    svg = network_svg(nodes, edges, pos, title="Network", groups=GROUPS, attitudes=ATTITUDES, highlight=highlight)
    return svg, ET.fromstring(svg)


def label_boxes(root):
    boxes = []
    for text in root.iter(f"{SVG}text"):
        if text.get("font-size") != str(LABEL_SIZE):
            continue
        x, y, anchor = float(text.get("x")), float(text.get("y")), text.get("text-anchor")
        w = text_width(text.text, LABEL_SIZE)
        x0 = x if anchor == "start" else x - w if anchor == "end" else x - w / 2
        boxes.append((x0, y - LABEL_SIZE, x0 + w, y + 3))
    return boxes


@pytest.mark.parametrize("n", [3, 40, 150])
def test_labels_are_horizontal_inside_the_picture_and_apart(n):
    nodes = linked_nodes(n)
    edges = [(i, i + 1) for i in range(1, n)] + [(1, i) for i in range(3, n, 4)]
    svg, root = draw(nodes, edges)
    assert "rotate" not in svg
    left, top, width, height = map(float, root.get("viewBox").split())
    boxes = label_boxes(root)
    assert len(boxes) >= min(n, 3)  # the most influential at least are named
    for x0, y0, x1, y1 in boxes:
        assert left <= x0 and x1 <= left + width and top <= y0 and y1 <= top + height
    for a, b in itertools.combinations(boxes, 2):
        assert not (a[0] < b[2] - 1 and b[0] < a[2] - 1 and a[1] < b[3] - 1 and b[1] < a[3] - 1), (a, b)
    for link in root.iter(f"{SVG}a"):
        for circle in link.iter(f"{SVG}circle"):
            cx, cy, r = (float(circle.get(k)) for k in ("cx", "cy", "r"))
            assert left <= cx - r and cx + r <= left + width and top <= cy - r and cy + r <= top + height
    # Every stakeholder is a link named in full, even where the drawn label is shortened or left out.
    titles = [a.find(f"{SVG}title").text for a in root.iter(f"{SVG}a")]
    assert titles == [n.label for n in nodes]
    assert all(len(t.text) <= 40 for t in root.iter(f"{SVG}text") if t.get("font-size") == str(LABEL_SIZE))


def test_hostile_names_are_text():
    svg, root = draw(linked_nodes(4), [(1, 2), (2, 3)])
    assert "<script>" not in svg
    assert any("<script>" in (t.text or "") for t in root.iter(f"{SVG}title"))


def test_the_legend_says_what_colour_size_outline_and_shape_mean():
    nodes = [
        NetNode(1, "Trust", "nhs", 5, "champion", False, "/1/"),
        NetNode(2, "Forum", "vcse", 2, "opposed", True, "/2/"),
        NetNode(3, "New group", "", None, "unknown", False, "/3/"),
    ]
    svg, root = draw(nodes, [(1, 2), (2, 3)], highlight=[1, 2])
    legend = " ".join(t.text for t in root.iter(f"{SVG}text") if t.get("font-size") == "13")
    for words in ("Sector", "NHS provider", "Voluntary and community sector", "Sector not recorded", "Size: influence"):
        assert words in legend
    for words in ("Not yet scored", "Outline: attitude", "Champion", "Opposed", "Under-served", "Chain shown"):
        assert words in legend
    assert "Local authority" not in legend  # only the sectors on the map
    # Under-served is a diamond; not yet scored is the smallest and pale; the chain is drawn in blue.
    assert len(re.findall(r'<path d="M[^"]+Z" fill="#', svg)) >= 1
    assert 'fill-opacity="0.3"' in svg
    assert radius(None) < radius(1)
    assert svg.count('stroke="#005eb8" stroke-width="3"') == 2  # the chain's link and its legend line
