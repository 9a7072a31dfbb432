from datetime import UTC, datetime, timedelta

import pytest

from mobilise.stakeholders import timeline


def test_providers_merge_newest_first_and_page_by_date():
    start = datetime(2026, 1, 1, tzinfo=UTC)

    def provider(kind, days):
        def entries(project, stakeholder=None, before=None, limit=50):
            items = [
                timeline.Entry(when=start + timedelta(days=d), kind=kind, pk=d, title=f"{kind} {d}", url="/")
                for d in sorted(days, reverse=True)
                if before is None or (start + timedelta(days=d), kind, d) < before
            ]
            return items[:limit]

        return entries

    with timeline.TIMELINE.temporarily(provider("interaction", [1, 4, 7]), provider("output", [2, 5])):
        first = timeline.entries(None, limit=3)
        assert [e.title for e in first] == ["interaction 7", "output 5", "interaction 4"]
        rest = timeline.entries(None, before=first[-1].cursor, limit=3)
        assert [e.title for e in rest] == ["output 2", "interaction 1"]
        assert [e.title for e in timeline.entries(None, kinds={"output"})] == ["output 5", "output 2"]


def test_entries_at_one_instant_are_ordered_by_kind_then_id():
    when = datetime(2026, 3, 2, 9, tzinfo=UTC)

    def provider(project, stakeholder=None, before=None, limit=50):
        rows = sorted(((when, kind, pk) for kind in ("action", "interaction") for pk in (1, 2, 3)), reverse=True)
        return [
            timeline.Entry(when=w, kind=k, pk=p, title=f"{k} {p}", url="/")
            for w, k, p in rows
            if before is None or (w, k, p) < before
        ][:limit]

    with timeline.TIMELINE.temporarily(provider):
        first = timeline.entries(None, limit=4)
        assert [e.title for e in first] == ["interaction 3", "interaction 2", "interaction 1", "action 3"]
        assert [e.title for e in timeline.entries(None, before=first[-1].cursor)] == ["action 2", "action 1"]


def test_a_cursor_reads_back_what_it_writes():
    cursor = timeline.Cursor(datetime(2026, 3, 2, 9, 30, tzinfo=UTC), "interaction", 42)
    assert str(cursor) == "2026-03-02T09:30:00+00:00~interaction~42"
    assert timeline.parse_cursor(str(cursor)) == cursor


@pytest.mark.parametrize(
    "value",
    [
        "",
        "2026-03-02T09:30:00+00:00",  # the old form, a bare time
        "2026-03-02T09:30:00~interaction~42",  # no time zone
        "2026-03-02T09:30:00+00:00~Interaction~42",
        "2026-03-02T09:30:00+00:00~interaction~-1",
        "2026-03-02T09:30:00+00:00~interaction~1234567890123456789",
        "2026-02-30T09:30:00+00:00~interaction~1",
        "2026-03-02T09:30:00+00:00~interaction~42\n",
        "9999-12-31T23:59:59-14:00~interaction~1",  # past the largest date once in UTC
        "0001-01-01T00:00:00+14:00~interaction~1",  # before the smallest
        "9999-12-31T00:00:00+00:00~interaction~1",  # in range, but not in every time zone
        "0001-01-01T00:00:00+00:00~action~1",
    ],
)
def test_a_malformed_or_out_of_range_cursor_is_no_cursor(value):
    assert timeline.parse_cursor(value) is None
