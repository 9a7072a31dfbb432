"""The plan's timeline chart: a mark for each dated activity on one axis of months, every text escaped."""

import datetime
from xml.etree import ElementTree

from mobilise.documents.timeline_chart import timeline_svg

DAY = datetime.date(2027, 1, 15)


def test_a_mark_for_each_activity_in_date_order_and_a_line_for_today():
    items = [(DAY, "Workshop: <b>plan</b> & agree", "workshop"), (DAY + datetime.timedelta(days=90), "Brief", "action")]
    svg = timeline_svg(title="Timeline", items=items, today=DAY + datetime.timedelta(days=30))
    root = ElementTree.fromstring(svg)  # well-formed: the label's markup is escaped
    ns = "{http://www.w3.org/2000/svg}"
    marks = root.findall(f"{ns}circle")
    assert len(marks) == 2 and float(marks[0].get("cx")) < float(marks[1].get("cx"))
    assert "Workshop: <b>plan</b> & agree: 15 Jan 2027" in root.get("aria-label")
    assert [t.text for t in root.findall(f"{ns}text")][:4] == ["Jan 2027", "Feb 2027", "Mar 2027", "Apr 2027"]


def test_a_long_label_is_cut_with_an_ellipsis():
    svg = timeline_svg(title="Timeline", items=[(DAY, "word " * 40, "action")], today=DAY)
    assert "…</text>" in svg
