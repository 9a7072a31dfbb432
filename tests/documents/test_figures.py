"""documents/figures.py: the one table-and-chart shape the support report and the webinar figures share."""

from mobilise.documents.figures import Table, charted, sheets


def test_a_table_gets_a_bar_chart_of_its_last_column_unless_it_has_no_rows_or_wants_none():
    counts = Table("By sector", ["Sector", "People"], [["NHS", 3], ["Charity & <community>", 1]])
    empty = Table("No-shows", ["Event", "People"], [])
    plain = Table("Times", ["Measure", "Days"], [["Median", 2]], chart=False)
    (first, svg), (second, none), (third, nothing) = charted([counts, empty, plain])
    assert (first, second, third) == (counts, empty, plain) and none is None and nothing is None
    assert svg.startswith("<svg") and "By sector" in svg and "Charity &amp; &lt;community&gt;" in svg


def test_each_table_is_a_sheet_named_after_it_with_its_header_first():
    tables = [Table("A", ["x", "n"], [["a", 1]]), Table("B", ["y", "m"], [])]
    assert sheets(tables) == {"A": [["x", "n"], ["a", 1]], "B": [["y", "m"]]}
