"""Logic model rendering: SVG diagram, pathways, PNG, PDF and DOCX. No database needed."""

import io
import random
import re
import struct
import xml.etree.ElementTree as ET

import docx
import pypdf
import pytest
from docx.oxml.ns import qn

from mobilise.documents.layout import BOX_PAD_X, count_crossings, order_elements
from mobilise.documents.logic_model import diagram_png, diagram_svg, model_docx, model_pdf, pathways
from mobilise.documents.metrics import text_width
from mobilise.documents.model import normalise

from .sample import COLUMNS, sample_model

# Drawing and rendering only: the same on every database engine, so make test runs it once.
pytestmark = pytest.mark.engine_neutral

SVG = "{http://www.w3.org/2000/svg}"
NHS_BLUE = "#005eb8"
INJECTION = '<script>alert("x")</script> & #import "x" $x^2$ *bold* ] [ \\ @ref <lbl> //'


# Helpers ---------------------------------------------------------------------------------


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)


def squash(text: str) -> str:
    """Text with all white space removed, to compare across wrapped lines and table cells."""
    return re.sub(r"\s+", "", text)


def element_groups(root) -> dict[str, ET.Element]:
    return {g.get("data-key"): g for g in root.iter(f"{SVG}g") if g.get("data-key") is not None}


def group_text(group) -> str:
    return " ".join(tspan.text or "" for tspan in group.iter(f"{SVG}tspan"))


def rect_of(group) -> tuple[float, float, float, float]:
    rect = group.find(f"{SVG}rect")
    return tuple(float(rect.get(name)) for name in ("x", "y", "width", "height"))


def overlaps(a, b) -> bool:
    ax, ay, aw, ah = a
    bx, by, bw, bh = b
    return ax < bx + bw and bx < ax + aw and ay < by + bh and by < ay + ah


def assert_no_overlaps(root):
    rects = sorted(rect_of(g) for g in element_groups(root).values())
    for i, a in enumerate(rects):
        for b in rects[i + 1 :]:
            if b[0] >= a[0] + a[2]:
                break  # sorted by x: nothing further right can overlap a
            assert not overlaps(a, b), (a, b)


def link_paths(root) -> dict[tuple[str, str], ET.Element]:
    return {(p.get("data-source"), p.get("data-target")): p for p in root.iter(f"{SVG}path") if p.get("data-source")}


def path_ends(d: str) -> tuple[float, float, float, float]:
    numbers = [float(n) for n in re.findall(r"-?\d+(?:\.\d+)?", d)]
    return numbers[0], numbers[1], numbers[-2], numbers[-1]


def luminance(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def blend(colour: str, background: str, opacity: float) -> str:
    mixed = [
        round(int(colour[i : i + 2], 16) * opacity + int(background[i : i + 2], 16) * (1 - opacity)) for i in (1, 3, 5)
    ]
    return "#" + "".join(f"{c:02x}" for c in mixed)


def pdf_text(pdf: bytes) -> str:
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    return "\n".join(page.extract_text() or "" for page in reader.pages)


def png_size(png: bytes) -> tuple[int, int]:
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    assert png[12:16] == b"IHDR"
    return struct.unpack(">II", png[16:24])


def tiny_model(**overrides) -> dict:
    data = {
        "title": "Tiny",
        "problem": "",
        "context": "",
        "population": "",
        "columns": COLUMNS,
        "elements": [],
        "notes": [],
        "links": [],
    }
    data.update(overrides)
    return data


def big_model(n=300, m=600, seed=11) -> dict:
    rnd = random.Random(seed)
    keys = [c["key"] for c in COLUMNS]
    words = ["improve", "community", "screening", "uptake", "trust", "in", "data", "commissioners", "of", "care"]
    elements = [
        {
            "key": f"e{i}",
            "column": keys[i % len(keys)],
            "text": " ".join(rnd.choice(words) for _ in range(rnd.randint(2, 16))),
            "position": i // len(keys),
        }
        for i in range(n)
    ]
    links: set[tuple[str, str]] = set()
    while len(links) < m:
        a, b = rnd.randrange(n), rnd.randrange(n)
        if 0 < (b % len(keys)) - (a % len(keys)) <= 2:
            links.add((f"e{a}", f"e{b}"))
    return tiny_model(
        title="Big", elements=elements, links=[{"source": s, "target": t, "rationale": ""} for s, t in sorted(links)]
    )


@pytest.fixture
def data():
    return sample_model()


# SVG -------------------------------------------------------------------------------------


def test_svg_is_a_standalone_accessible_image(data):
    svg = diagram_svg(data)
    root = parse(svg)
    assert root.tag == f"{SVG}svg"
    assert root.get("role") == "img"
    min_x, min_y, width, height = (float(v) for v in root.get("viewBox").split())
    assert (min_x, min_y) == (0, 0)
    assert float(root.get("width")) == width and float(root.get("height")) == height
    labelled_by = root.get("aria-labelledby").split()
    ids = {el.get("id"): el for el in root.iter() if el.get("id")}
    assert [ids[i].tag for i in labelled_by] == [f"{SVG}title", f"{SVG}desc"]
    assert ids[labelled_by[0]].text == "TOGETHER-Screen logic model"
    assert "25 elements" in ids[labelled_by[1]].text
    assert root.get("font-family").startswith("'DejaVu Sans'")
    assert root.get("font-family").endswith("sans-serif")
    # No external resources: no images, scripts, styles or links to other documents.
    tags = {el.tag.removeprefix(SVG) for el in root.iter()}
    assert not tags & {"image", "script", "style", "foreignObject", "a", "use"}
    assert "href" not in svg and "url(http" not in svg
    # The title argument overrides the model title.
    other = parse(diagram_svg(data, title="Projector view"))
    assert other.find(f"{SVG}title").text == "Projector view"


def test_svg_draws_every_column_element_and_link(data):
    root = parse(diagram_svg(data))
    headings = [
        " ".join(t.text for t in text.iter(f"{SVG}tspan"))
        for text in root.iter(f"{SVG}text")
        if text.get("class") == "lm-heading"
    ]
    assert headings == [c["label"] for c in COLUMNS] or [squash(h) for h in headings] == [
        squash(c["label"]) for c in COLUMNS
    ]

    groups = element_groups(root)
    assert set(groups) == {e["key"] for e in data["elements"]}
    for element in data["elements"]:
        group = groups[element["key"]]
        assert group.get("id") == f"el-{element['key']}"
        assert group.get("data-column") == element["column"]
        assert squash(group_text(group)) == squash(element["text"])

    paths = link_paths(root)
    assert set(paths) == {(lk["source"], lk["target"]) for lk in data["links"]}
    for (source, target), path in paths.items():
        assert path.get("marker-end", "").startswith("url(#")
        assert " C" in path.get("d")
        x1, y1, x2, y2 = path_ends(path.get("d"))
        sx, sy, sw, sh = rect_of(groups[source])
        tx, ty, tw, th = rect_of(groups[target])
        assert sy <= y1 <= sy + sh and ty <= y2 <= ty + th
        if COLUMNS.index(next(c for c in COLUMNS if c["key"] == groups[source].get("data-column"))) < COLUMNS.index(
            next(c for c in COLUMNS if c["key"] == groups[target].get("data-column"))
        ):
            # Forward links run from the right edge of the source to the left edge of the target.
            assert x1 == pytest.approx(sx + sw, abs=0.1)
            assert x2 == pytest.approx(tx, abs=0.1)
    marker_ids = {m.get("id") for m in root.iter(f"{SVG}marker")}
    assert {p.get("marker-end")[5:-1] for p in paths.values()} <= marker_ids


def test_boxes_do_not_overlap_and_text_fits(data):
    root = parse(diagram_svg(data))
    assert_no_overlaps(root)
    for group in element_groups(root).values():
        x, y, w, h = rect_of(group)
        tspans = list(group.iter(f"{SVG}tspan"))
        size = float(root.get("font-size"))
        for tspan in tspans:
            assert text_width(tspan.text, size) <= w - 2 * BOX_PAD_X + 0.01
            assert y < float(tspan.get("y")) < y + h
    # Boxes sit inside their column band, columns left to right in the given order.
    bands = {}
    for column in root.iter(f"{SVG}g"):
        if column.get("class") == "lm-column":
            rect = column.find(f"{SVG}rect")
            bands[column.get("data-column")] = (float(rect.get("x")), float(rect.get("width")))
    assert list(bands) == [c["key"] for c in COLUMNS]
    xs = [x for x, _ in bands.values()]
    assert xs == sorted(xs)
    for group in element_groups(root).values():
        x, _, w, _ = rect_of(group)
        band_x, band_w = bands[group.get("data-column")]
        assert band_x <= x and x + w <= band_x + band_w


def test_text_is_at_least_14px_when_shown_1280_wide(data):
    root = parse(diagram_svg(data))
    width = float(root.get("viewBox").split()[2])
    assert width <= 1280
    sizes = [float(el.get("font-size")) for el in root.iter() if el.get("font-size")]
    assert min(sizes) * 1280 / width >= 14


def test_long_words_and_long_texts_are_wrapped_not_overflowing():
    long_word = "Pneumonoultramicroscopicsilicovolcanoconiosis" * 3
    long_text = "Community engagement with the screening programme " * 12
    data = tiny_model(
        elements=[
            {"key": "a", "column": "activities", "text": long_word, "position": 0},
            {"key": "b", "column": "activities", "text": long_text, "position": 1},
            {"key": "c", "column": "impact", "text": "", "position": 0},
        ]
    )
    root = parse(diagram_svg(data))
    groups = element_groups(root)
    assert squash(group_text(groups["a"])) == long_word
    assert squash(group_text(groups["b"])) == squash(long_text)
    assert len(list(groups["a"].iter(f"{SVG}tspan"))) > 1
    for group in groups.values():
        _, _, w, _ = rect_of(group)
        for tspan in group.iter(f"{SVG}tspan"):
            assert text_width(tspan.text or "", 14) <= w - 2 * BOX_PAD_X + 0.01
    assert_no_overlaps(root)


def test_highlight_marks_exactly_the_given_boxes_and_links(data):
    chosen = {"act-train", "out-champions", "short-trust"}
    chosen_links = {("act-train", "out-champions"), ("out-champions", "short-trust")}
    root = parse(diagram_svg(data, highlight=chosen | chosen_links))
    groups = element_groups(root)
    highlighted = {k for k, g in groups.items() if "is-highlighted" in g.get("class").split()}
    dimmed = {k for k, g in groups.items() if "is-dimmed" in g.get("class").split()}
    assert highlighted == chosen
    assert dimmed == set(groups) - chosen
    for key, group in groups.items():
        rect = group.find(f"{SVG}rect")
        if key in chosen:
            assert rect.get("stroke") == NHS_BLUE
            assert float(rect.get("stroke-width")) >= 2.5
            assert rect.get("opacity") is None
        else:
            assert rect.get("stroke") != NHS_BLUE
            assert float(rect.get("opacity")) < 1
    paths = link_paths(root)
    assert {pair for pair, p in paths.items() if p.get("stroke") == NHS_BLUE} == chosen_links
    assert all(float(p.get("opacity")) < 1 for pair, p in paths.items() if pair not in chosen_links)

    plain = parse(diagram_svg(data))
    assert not any("is-highlighted" in (el.get("class") or "") or el.get("opacity") for el in plain.iter())


def test_highlight_accepts_a_pathways_result(data):
    found = pathways(data, "short-intent")
    root = parse(diagram_svg(data, highlight=found["elements"] | found["links"]))
    groups = element_groups(root)
    assert {k for k, g in groups.items() if "is-highlighted" in g.get("class")} == found["elements"]
    paths = link_paths(root)
    assert {pair for pair, p in paths.items() if "is-highlighted" in p.get("class")} == found["links"]


@pytest.mark.parametrize("highlighted", [False, True])
def test_text_contrast_is_at_least_4_5_to_1(data, highlighted):
    highlight = {"act-train", "short-intent"} if highlighted else None
    root = parse(diagram_svg(data, highlight=highlight))
    bands = {}
    for column in root.iter(f"{SVG}g"):
        if column.get("class") == "lm-column":
            band, heading = column.find(f"{SVG}rect"), column.find(f"{SVG}path")
            bands[column.get("data-column")] = band.get("fill")
            text = column.find(f"{SVG}text")
            assert contrast(text.get("fill"), heading.get("fill")) >= 4.5
    for group in element_groups(root).values():
        rect, text = group.find(f"{SVG}rect"), group.find(f"{SVG}text")
        fill = blend(rect.get("fill"), bands[group.get("data-column")], float(rect.get("opacity") or 1))
        assert contrast(text.get("fill"), fill) >= 4.5, (group.get("data-key"), text.get("fill"), fill)


def test_text_is_escaped_not_markup():
    data = tiny_model(
        title=INJECTION,
        columns=[{"key": "activities", "label": "<b>Acts</b>"}, {"key": "impact", "label": "Impact & more"}],
        elements=[
            {"key": 'k"1<', "column": "activities", "text": INJECTION, "description": "</desc><x/>", "position": 0},
            {"key": "k2", "column": "impact", "text": "plain\x00\x07text", "position": 0},
        ],
        links=[{"source": 'k"1<', "target": "k2", "rationale": "]]><script>"}],
    )
    svg = diagram_svg(data)
    root = parse(svg)
    tags = {el.tag.removeprefix(SVG) for el in root.iter()}
    assert not tags & {"script", "b", "x"}
    assert root.find(f"{SVG}title").text == INJECTION
    groups = element_groups(root)
    assert set(groups) == {'k"1<', "k2"}
    assert groups['k"1<'].get("id") == 'el-k"1<'
    assert squash(group_text(groups['k"1<'])) == squash(INJECTION)
    assert group_text(groups["k2"]) == "plaintext"  # control characters dropped, XML stays well-formed
    assert set(link_paths(root)) == {('k"1<', "k2")}
    headings = [
        squash(" ".join(t.text for t in text.iter(f"{SVG}tspan")))
        for text in root.iter(f"{SVG}text")
        if text.get("class") == "lm-heading"
    ]
    assert headings == ["<b>Acts</b>", "Impact&more"]


def test_svg_is_deterministic_and_ordering_reduces_crossings(data):
    assert diagram_svg(data) == diagram_svg(data)
    model = normalise(data)
    assert count_crossings(order_elements(model), model) <= count_crossings(model.by_column, model)


def test_barycentre_ordering_untangles_a_crossing():
    # In position order the two links cross; swapping the outputs removes the crossing.
    data = tiny_model(
        elements=[
            {"key": "a1", "column": "activities", "text": "First activity", "position": 0},
            {"key": "a2", "column": "activities", "text": "Second activity", "position": 1},
            {"key": "o1", "column": "outputs", "text": "Output of the second", "position": 0},
            {"key": "o2", "column": "outputs", "text": "Output of the first", "position": 1},
        ],
        links=[{"source": "a1", "target": "o2"}, {"source": "a2", "target": "o1"}],
    )
    model = normalise(data)
    assert count_crossings(model.by_column, model) == 1
    order = order_elements(model)
    assert count_crossings(order, model) == 0
    root = parse(diagram_svg(data))
    groups = element_groups(root)
    assert rect_of(groups["o2"])[1] < rect_of(groups["o1"])[1]


def test_links_to_unknown_elements_and_unknown_columns_are_ignored():
    data = tiny_model(
        elements=[
            {"key": "a", "column": "activities", "text": "A", "position": 0},
            {"key": "n", "column": "not-a-column", "text": "Stray", "position": 0},
        ],
        links=[{"source": "a", "target": "missing"}, {"source": "a", "target": "n"}, {"source": "a", "target": "a"}],
    )
    root = parse(diagram_svg(data))
    assert set(element_groups(root)) == {"a"}
    assert link_paths(root) == {}


def test_large_model_lays_out_without_overlaps():
    data = big_model()
    svg = diagram_svg(data)
    root = parse(svg)
    assert len(element_groups(root)) == 300
    assert len(link_paths(root)) == 600
    assert_no_overlaps(root)
    _, _, width, height = (float(v) for v in root.get("viewBox").split())
    assert width == 1280 and height > 2000  # grows tall, not wide


def test_same_column_and_backward_links_are_drawn():
    data = tiny_model(
        elements=[
            {"key": "a", "column": "short", "text": "A", "position": 0},
            {"key": "b", "column": "short", "text": "B", "position": 1},
            {"key": "c", "column": "long", "text": "C", "position": 0},
        ],
        links=[{"source": "a", "target": "b"}, {"source": "c", "target": "a"}, {"source": "b", "target": "c"}],
    )
    root = parse(diagram_svg(data))
    assert set(link_paths(root)) == {("a", "b"), ("c", "a"), ("b", "c")}
    assert_no_overlaps(root)


# Pathways --------------------------------------------------------------------------------


@pytest.fixture
def branching():
    """act1 -> out1 -> short1 -> long1 -> imp1; out1 -> dead (goes nowhere); act2 -> out1;
    a feedback loop long1 -> short2 -> long1; in1 -> act1; out2 -> short1 (no activity behind it)."""
    elements = [
        ("in1", "inputs"),
        ("act1", "activities"),
        ("act2", "activities"),
        ("act3", "activities"),
        ("out1", "outputs"),
        ("out2", "outputs"),
        ("dead", "outputs"),
        ("short1", "short"),
        ("short2", "short"),
        ("long1", "long"),
        ("imp1", "impact"),
        ("imp2", "impact"),
    ]
    links = [
        ("in1", "act1"),
        ("act1", "out1"),
        ("act2", "out1"),
        ("out1", "dead"),
        ("out1", "short1"),
        ("short1", "long1"),
        ("long1", "imp1"),
        ("long1", "short2"),
        ("short2", "long1"),
        ("out2", "short1"),
        ("act3", "dead"),
    ]
    return tiny_model(
        elements=[{"key": k, "column": c, "text": k, "position": i} for i, (k, c) in enumerate(elements)],
        links=[{"source": s, "target": t} for s, t in links],
    )


def test_pathways_through_a_middle_element_include_every_input_upstream_and_everything_downstream(branching):
    result = pathways(branching, "out1")
    assert result["complete"] is True
    assert result["elements"] == {"in1", "act1", "act2", "out1", "dead", "short1", "long1", "short2", "imp1"}
    assert result["links"] == {
        ("in1", "act1"),
        ("act1", "out1"),
        ("act2", "out1"),
        ("out1", "dead"),
        ("out1", "short1"),
        ("short1", "long1"),
        ("long1", "imp1"),
        ("long1", "short2"),
        ("short2", "long1"),
    }


def test_pathways_through_an_outcome_include_the_inputs_that_feed_it(branching):
    result = pathways(branching, "short1")
    assert result["complete"] is True
    assert {"in1", "act1", "act2", "out1", "out2"} <= result["elements"]
    assert ("in1", "act1") in result["links"] and ("out2", "short1") in result["links"]
    assert "dead" not in result["elements"] and "act3" not in result["elements"]


def test_pathways_through_an_element_on_a_loop(branching):
    result = pathways(branching, "short2")
    assert result["complete"] is True
    assert result["elements"] == {"in1", "act1", "act2", "out1", "out2", "short1", "long1", "short2", "imp1"}
    assert ("short2", "long1") in result["links"] and ("long1", "imp1") in result["links"]
    assert ("in1", "act1") in result["links"] and ("out2", "short1") in result["links"]


def test_pathways_from_an_activity_and_an_impact(branching):
    assert pathways(branching, "act1")["elements"] == {
        "in1",
        "act1",
        "out1",
        "dead",
        "short1",
        "long1",
        "short2",
        "imp1",
    }
    result = pathways(branching, "imp1")
    assert result["complete"] is True
    assert result["elements"] == {"in1", "act1", "act2", "out1", "out2", "short1", "long1", "short2", "imp1"}


def test_pathways_from_an_input_start_there(branching):
    result = pathways(branching, "in1")
    assert result["complete"] is True
    assert result["elements"] == {"in1", "act1", "out1", "dead", "short1", "long1", "short2", "imp1"}


def test_pathways_are_every_element_upstream_and_downstream_on_random_models():
    rnd = random.Random(13)
    for _ in range(30):
        keys = [f"e{i}" for i in range(25)]
        columns = ["inputs", "activities", "outputs", "short", "medium", "long", "impact"]
        links = {(rnd.choice(keys), rnd.choice(keys)) for _ in range(40)}
        data = tiny_model(
            elements=[{"key": k, "column": rnd.choice(columns), "text": k} for k in keys],
            links=[{"source": s, "target": t} for s, t in links if s != t],
        )
        key = rnd.choice(keys)
        up, down = {key}, {key}
        for _ in keys:  # a fixed point by brute force
            up |= {s for s, t in links if t in up and s != t}
            down |= {t for s, t in links if s in down and s != t}
        assert pathways(data, key)["elements"] == up | down


def test_pathways_without_a_complete_path_return_reachable_sets(branching):
    dead = pathways(branching, "dead")  # reached from activities, leads nowhere
    assert dead["complete"] is False
    assert dead["elements"] == {"dead", "out1", "act1", "act2", "act3", "in1"}
    assert dead["links"] == {("out1", "dead"), ("act1", "out1"), ("act2", "out1"), ("act3", "dead"), ("in1", "act1")}

    orphan = pathways(branching, "out2")  # reaches impact, but no activity leads to it
    assert orphan["complete"] is False
    assert orphan["elements"] == {"out2", "short1", "long1", "short2", "imp1"}
    assert ("long1", "short2") in orphan["links"]

    alone = pathways(branching, "imp2")
    assert alone == {"elements": {"imp2"}, "links": set(), "complete": False}


def test_pathways_unknown_key(branching):
    with pytest.raises(KeyError):
        pathways(branching, "nope")


def test_pathways_on_the_large_model_terminates():
    data = big_model()
    result = pathways(data, "e3")
    assert "e3" in result["elements"]
    assert all(s in result["elements"] and t in result["elements"] for s, t in result["links"])


# PNG, PDF, DOCX --------------------------------------------------------------------------


def test_png_of_the_diagram(data):
    root = parse(diagram_svg(data))
    width, height = (float(v) for v in root.get("viewBox").split()[2:])
    png = diagram_png(data, scale=1)
    assert png_size(png) == (round(width), pytest.approx(round(height), abs=1))
    png = diagram_png(data, highlight={"act-train"}, scale=1.5)
    assert png_size(png)[0] == round(width * 1.5)


def test_pdf_contains_the_whole_model(data):
    pdf = model_pdf(data)
    assert pdf.startswith(b"%PDF")
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    box = reader.pages[0].mediabox
    assert float(box.width) > float(box.height)  # landscape
    assert float(box.width) == pytest.approx(841.89, abs=1)  # A4
    assert reader.metadata.title == "TOGETHER-Screen logic model"
    catalog = reader.trailer["/Root"]
    assert str(catalog["/Lang"]).lower().startswith("en")
    assert "/StructTreeRoot" in catalog  # tagged
    text = squash(pdf_text(pdf))
    for element in data["elements"]:
        assert squash(element["text"]) in text
        if element["description"]:
            assert squash(element["description"]) in text
    for note in data["notes"]:
        assert squash(note["text"]) in text
    for link in data["links"]:
        if link["rationale"]:
            assert squash(link["rationale"]) in text
    for heading in ("Problem", "Context", "Population", "Diagram", "Elements by column", "Links and their rationale"):
        assert squash(heading) in text
    assert squash("Late diagnosis follows.") in text


def test_pdf_renders_typst_syntax_literally():
    data = tiny_model(
        title=INJECTION,
        problem='#set page(width: 1cm) #panic("boom")',
        elements=[
            {
                "key": "a",
                "column": "activities",
                "text": INJECTION,
                "description": '#read("/etc/passwd")',
                "position": 0,
            },
            {"key": "b", "column": "impact", "text": "$ x $ _under_ `raw`", "position": 0},
        ],
        notes=[{"kind": "Assumption", "text": "= Not a heading", "about": "#x"}],
        links=[{"source": "a", "target": "b", "rationale": '#include "main.typ"'}],
    )
    pdf = model_pdf(data)
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    assert reader.metadata.title == INJECTION
    text = squash(pdf_text(pdf))
    for literal in (
        INJECTION,
        '#set page(width: 1cm) #panic("boom")',
        '#read("/etc/passwd")',
        "$ x $ _under_ `raw`",
        "= Not a heading",
        '#include "main.typ"',
    ):
        assert squash(literal) in text


def test_pdf_of_an_empty_model():
    pdf = model_pdf({})
    assert pdf.startswith(b"%PDF")
    assert "Logic model" in pdf_text(pdf)


def test_pdf_of_a_large_model_spreads_the_diagram_over_pages():
    data = big_model(n=120, m=200)
    reader = pypdf.PdfReader(io.BytesIO(model_pdf(data)))

    def flatten(items):
        for item in items:
            yield from flatten(item) if isinstance(item, list) else [item.title]

    outline = list(flatten(reader.outline))
    parts = [title for title in outline if title.startswith("Diagram, part 1 of ")]
    assert len(parts) == 1
    count = int(parts[0].rsplit(" ", 1)[1])
    assert count >= 2
    assert outline.index("Elements by column") == outline.index(parts[0]) + 1
    # The diagram takes `count` pages after the first; the tables follow (text extraction of the
    # diagram pages is slow, so only the page after them is read).
    first_table_page = reader.pages[1 + count]
    assert squash(data["elements"][0]["text"]) in squash(first_table_page.extract_text())


def test_docx_has_a_table_per_column(data):
    document = docx.Document(io.BytesIO(model_docx(data)))
    assert document.core_properties.title == "TOGETHER-Screen logic model"
    assert document.core_properties.language == "en-GB"
    normal_lang = document.styles["Normal"].element.rPr.find(qn("w:lang"))
    assert normal_lang.get(qn("w:val")) == "en-GB"
    paragraphs = [p.text for p in document.paragraphs]
    assert paragraphs[0] == "TOGETHER-Screen logic model"
    assert data["problem"].split("\n\n")[0] in paragraphs
    for label in ("Problem", "Context", "Population", "Assumptions and external factors", "Links and their rationale"):
        assert label in paragraphs
    tables = document.tables
    assert len(tables) == len(COLUMNS) + 2  # one per column, then notes and links
    for column, table in zip(COLUMNS, tables, strict=False):
        assert [c.text for c in table.rows[0].cells] == ["Element", "Description"]
        rows = [(r.cells[0].text, r.cells[1].text) for r in table.rows[1:]]
        expected = [(e["text"], e["description"]) for e in data["elements"] if e["column"] == column["key"]]
        assert sorted(rows) == sorted(expected)
    notes, links = tables[-2], tables[-1]
    assert [r.cells[1].text for r in notes.rows[1:]] == [n["text"] for n in data["notes"]]
    assert len(links.rows) == len(data["links"]) + 1
    assert "Screening finds cancers earlier." in [r.cells[2].text for r in links.rows]


def test_docx_keeps_text_literal():
    data = tiny_model(
        title=INJECTION,
        elements=[
            {"key": "a", "column": "activities", "text": INJECTION + "\x0b", "description": "<w:p/>", "position": 0}
        ],
    )
    document = docx.Document(io.BytesIO(model_docx(data)))
    assert document.core_properties.title == INJECTION
    table = document.tables[0]  # empty columns get a sentence, not a table
    assert [c.text for c in table.rows[1].cells] == [INJECTION, "<w:p/>"]
