import pytest
from django.core.exceptions import ImproperlyConfigured

from mobilise.core import hooks
from mobilise.planning.indicators import INDICATORS
from mobilise.stakeholders.timeline import TIMELINE


def test_a_hook_keeps_its_providers_once_and_in_order(monkeypatch):
    monkeypatch.setattr(hooks, "_hooks", {})
    hook = hooks.declare("tests.things", "provider() -> a thing")

    @hook.register
    def first():
        return 1

    def second():
        return 2

    hook.register(second)
    hook.register(first)  # ready() may run again
    assert hook.providers == (first, second)
    assert hooks.declared() == {"tests.things": hook}
    assert hook.__doc__ == "provider() -> a thing"
    with hook.temporarily(second):
        assert hook.providers == (second,)
    assert hook.providers == (first, second)


def test_a_hook_is_declared_once(monkeypatch):
    monkeypatch.setattr(hooks, "_hooks", {})
    hooks.declare("tests.things", "")
    with pytest.raises(ImproperlyConfigured):
        hooks.declare("tests.things", "")


def test_the_apps_fill_the_hooks_declared_below_them():
    from mobilise.engagement import providers
    from mobilise.events import history
    from mobilise.outputs.access import timeline_entries

    assert set(hooks.declared()) >= {"stakeholders.timeline", "planning.indicators"}
    assert TIMELINE.providers == (
        timeline_entries,
        providers.interactions,
        providers.actions,
        providers.workshops,
        history.timeline_entries,
    )
    assert len(INDICATORS.providers) == 1
    for hook in hooks.declared().values():
        assert "queries" in hook.__doc__  # each hook states its query budget
