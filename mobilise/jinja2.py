"""The Jinja2 environment: app templates, the NHS.UK frontend macros, and a few globals."""

import functools
import json
import threading
from collections import OrderedDict

from django.conf import settings
from django.contrib.messages import get_messages
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.templatetags.static import static
from django.urls import get_script_prefix, reverse
from django.utils.dates import MONTHS, MONTHS_3
from django.utils.formats import date_format
from django.utils.html import json_script
from django.utils.timezone import localtime
from jinja2 import ChainableUndefined, ChoiceLoader, Environment, FileSystemLoader, PackageLoader
from markupsafe import Markup

from mobilise.documents.text import counted, lower_first


@functools.lru_cache(maxsize=8192)
def _reversed(prefix, name, args, kwargs):
    return reverse(name, args=args or None, kwargs=dict(kwargs) or None)


def url(name, *args, **kwargs):
    """reverse(), remembered per process: a list page links each row several times, and the same link always
    reverses to the same path (for a given script prefix, which is part of the key). The arguments are keyed as
    the text reverse() writes them (Django's converters all write str(value)), so 1 and True stay apart."""
    text = tuple(map(str, args)), tuple(sorted((key, str(value)) for key, value in kwargs.items()))
    return _reversed(get_script_prefix(), name, *text)


@receiver(setting_changed)
def _forget_reversed(setting, **kwargs):
    if setting == "ROOT_URLCONF":
        _reversed.cache_clear()


def ukdate(value, fmt="j F Y"):
    """Dates as NHS style writes them: 5 March 2026."""
    if not value:
        return ""
    if hasattr(value, "tzinfo") and hasattr(value, "hour"):
        value = localtime(value)
    # The two commonest formats written directly: date_format looks the format up in the locale each time, about
    # 50 µs a date, a good part of a page that lists hundreds of them.
    if fmt == "j F Y":
        return f"{value.day} {MONTHS[value.month]} {value.year:04d}"
    if fmt == "j M Y":
        return f"{value.day} {MONTHS_3[value.month].title()} {value.year:04d}"
    return date_format(value, fmt)


def keep_indent(text, *args, **kwargs):
    return text


class Remembered:
    """`remembered(macro, params)`: what an NHS macro wrote for these parameters, kept per process (the last few
    hundred). The NHS macros are imported without the page's context, so what they write depends only on their
    parameters: the header (per kind of user and section) and footer (the same everywhere) cost a good part of the
    lightest page, to write the same markup again. For parameters of plain values (text, numbers, booleans, lists
    and dicts of them; anything else is keyed by its text, as the macros write it): a key of their JSON form."""

    def __init__(self, size: int = 512):
        self.size = size
        self._kept: OrderedDict[tuple[str, str], Markup] = OrderedDict()
        self._lock = threading.Lock()

    def __call__(self, macro, params):
        key = (macro.name, json.dumps(params, sort_keys=True, default=str))
        with self._lock:
            html = self._kept.get(key)
            if html is not None:
                self._kept.move_to_end(key)
                return html
        html = macro(params)
        with self._lock:
            self._kept[key] = html
            if len(self._kept) > self.size:
                self._kept.popitem(last=False)
        return html


def environment(**options):
    from mobilise.core.widgets import field_params, options_html

    app_dirs = sorted(str(p) for p in (settings.BASE_DIR / "mobilise").glob("*/templates"))
    options["loader"] = ChoiceLoader([FileSystemLoader(app_dirs), PackageLoader("nhsuk_frontend_jinja")])
    # The NHS macros read optional nested parameters, which needs ChainableUndefined.
    options["undefined"] = ChainableUndefined
    options.setdefault("autoescape", True)
    env = Environment(**options)
    env.globals.update(
        url=url,
        static=static,
        get_messages=get_messages,
        field_params=field_params,
        remembered=Remembered(),
        site_name=settings.SITE_NAME,
        # A folder, so not in the static manifest: static() would refuse it when DEBUG is off.
        asset_path=f"{settings.STATIC_URL}nhsuk/assets",
    )
    env.filters["ukdate"] = ukdate
    env.filters["lower_first"] = lower_first
    env.filters["json_script"] = json_script

    env.filters["counted"] = counted
    env.filters["options_html"] = options_html
    # The NHS macros indent every nested fragment to pretty-print the HTML source: a quarter of a form page's
    # render time, for whitespace the browser ignores (and, inside a textarea or pre, should not be added).
    env.filters["indent"] = keep_indent
    return env
