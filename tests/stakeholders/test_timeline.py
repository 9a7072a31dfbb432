from datetime import UTC, datetime, timedelta

from mobilise.stakeholders import timeline


def test_providers_merge_newest_first_and_page_by_date(monkeypatch):
    monkeypatch.setattr(timeline, "_providers", [])
    start = datetime(2026, 1, 1, tzinfo=UTC)

    def provider(kind, days):
        def entries(project, stakeholder=None, before=None, limit=50):
            items = [
                timeline.Entry(when=start + timedelta(days=d), kind=kind, title=f"{kind} {d}", url="/")
                for d in sorted(days, reverse=True)
                if before is None or start + timedelta(days=d) < before
            ]
            return items[:limit]

        return entries

    timeline.register(provider("interaction", [1, 4, 7]))
    timeline.register(provider("output", [2, 5]))
    first = timeline.entries(None, limit=3)
    assert [e.title for e in first] == ["interaction 7", "output 5", "interaction 4"]
    rest = timeline.entries(None, before=first[-1].when, limit=3)
    assert [e.title for e in rest] == ["output 2", "interaction 1"]
    assert [e.title for e in timeline.entries(None, kinds={"output"})] == ["output 5", "output 2"]
