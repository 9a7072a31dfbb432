"""Evaluation charts as SVG: what the picture holds, from plain data. No database needed."""

import xml.etree.ElementTree as ET
from decimal import Decimal

import pytest

from mobilise.documents.progress_chart import bar_svg, progress_svg

# Drawing and rendering only: the same on every database engine, so make test runs it once.
pytestmark = pytest.mark.engine_neutral

NS = {"svg": "http://www.w3.org/2000/svg"}


def chart(**kwargs):
    values = {"title": "Staff trained <2026>", "unit": "people", "labels": ["Q1", "Q2", "Q3", "Q4"]}
    return ET.fromstring(progress_svg(**{**values, **kwargs}))


def test_a_missing_actual_breaks_the_line_and_single_points_get_none():
    svg = chart(actuals=[1, 2, None, 4], targets=[None, None, None, None])
    assert len(svg.findall("svg:polyline", NS)) == 1
    assert len(svg.findall("svg:circle", NS)) == 3 + 1  # a point for each actual, and the legend's
    assert "Q3: actual not measured" in svg.find("svg:desc", NS).text


def test_targets_are_dashed_squares_and_the_baseline_a_rule_named_in_the_legend():
    svg = chart(actuals=[None] * 4, targets=[10, 20, 30, None], baseline=Decimal("5.50"))
    (target_line,) = svg.findall("svg:polyline", NS)
    assert target_line.get("stroke-dasharray") == "8 6"
    assert len([r for r in svg.findall("svg:rect", NS) if r.get("width") == "10"]) == 3 + 1
    assert any(t.text == "Baseline 5.5" for t in svg.findall("svg:text", NS))
    assert "Q2: actual not measured, target 20" in svg.find("svg:desc", NS).text


def test_text_is_escaped_and_an_empty_chart_still_draws():
    svg = chart(labels=[], actuals=[], targets=[])
    assert svg.find("svg:title", NS).text == "Staff trained <2026>"
    assert not svg.findall("svg:polyline", NS) and not any("Baseline" in (t.text or "") for t in svg.iter())


def test_bar_chart_has_a_bar_and_a_count_per_item():
    svg = ET.fromstring(bar_svg(title="Answers", items=[("Yes", 3), ("No & maybe", 1)]))
    assert len(svg.findall("svg:rect", NS)) == 2
    assert "Yes: 3; No & maybe: 1" in svg.get("aria-label")
