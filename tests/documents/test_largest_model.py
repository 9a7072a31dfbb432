"""The largest logic model the app accepts (400 elements, 800 links) exports in bounded time in every format, and
the PDF's diagram pages hold only what they show. A guard, not a benchmark: `make bench` measures time and memory."""

import io
import time

import pypdf
import pytest

from bench.exports import largest_model
from mobilise.documents import diagram_typst
from mobilise.documents.diagram_typst import Window, links_by_page
from mobilise.documents.logic_model import diagram_png, diagram_svg, model_docx, model_pdf

# Drawing and rendering only: the same on every database engine, so make test runs it once.
pytestmark = pytest.mark.engine_neutral

# Processor seconds, not wall-clock ones, so that a loaded machine does not fail the guard; before the fix the PDF
# took minutes and the PNG 30 s of processor time at 3 GB, now a few seconds.
CPU_SECONDS = 20


@pytest.fixture(scope="module")
def largest():
    return largest_model()


@pytest.mark.parametrize("render", [diagram_svg, diagram_png, model_pdf, model_docx], ids=lambda f: f.__name__)
def test_each_export_of_the_largest_model_takes_bounded_time(largest, render):
    start = time.process_time()
    output = render(largest)
    assert output
    assert time.process_time() - start < CPU_SECONDS


def test_a_tall_png_is_drawn_within_the_pixel_budget():
    png = diagram_png(largest_model(elements=800))
    width, height = int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")
    assert width * height <= diagram_typst.MAX_PNG_PIXELS * 1.01
    assert height > width  # the whole diagram, smaller, not a crop


def test_diagram_pages_do_not_each_carry_the_whole_model():
    # Before, every page of the diagram embedded the whole picture: 120 elements made 3 MB, 800 elements 43 MB.
    data = largest_model(elements=400)
    reader = pypdf.PdfReader(io.BytesIO(model_pdf(data)))
    assert len(reader.pages) > 15
    assert len(model_pdf(data)) < 3_000_000


def link(top, bottom):
    return {"start": [0, top], "pieces": [[[0, top], [0, bottom], [0, bottom]]], "top": top, "bottom": bottom}


def test_a_link_across_many_pages_is_drawn_where_it_starts_and_ends():
    cuts = [0, 100, 200, 300, 400]
    short, across, long = link(90, 150), link(50, 250), link(10, 390)  # two pages, three, four
    pages = links_by_page([short, across, long], cuts)
    assert [[id(lk) for lk in page] for page in pages] == [
        [id(short), id(across), id(long)],
        [id(short)],
        [id(across)],
        [id(long)],
    ]


def test_window_finds_the_boxes_a_slice_shows_and_counts_those_a_cut_crosses():
    boxes = [{"top": top, "bottom": top + 50, "n": n} for n, top in enumerate([300, 0, 120, 60, 200])]
    window = Window(boxes)
    assert [box["n"] for box in window.between(100, 210)] == [2, 3, 4]  # in the order given
    assert window.crossing(70) == 1 and window.crossing(55) == 0
