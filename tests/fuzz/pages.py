"""Find every page from the URL configuration and every form on it (posts and filters), so that forms added later
are fuzzed too."""

from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urljoin

from django.urls import URLPattern, URLResolver, get_resolver

# Not ours (admin), not pages (static files), or downloads that hold no form and only cost time.
SKIPPED_PREFIXES = ("admin/", "static/", "assets/")
DOWNLOAD_KWARGS = {"fmt"}


@dataclass
class Route:
    name: str  # the full name for reverse(), with namespaces
    route: str
    kwargs: dict[str, str]  # kwarg name -> converter class name ("int", "str", ...)


def routes() -> list[Route]:
    """Every named URL pattern, walked recursively, with the converter of each of its kwargs."""
    found: list[Route] = []

    def walk(patterns, prefix: str, namespace: str, converters: dict[str, str]) -> None:
        for entry in patterns:
            route = prefix + str(entry.pattern)
            kinds = {**converters, **{k: type(c).__name__ for k, c in entry.pattern.converters.items()}}
            if route.startswith(SKIPPED_PREFIXES):
                continue
            if isinstance(entry, URLResolver):
                inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
                walk(entry.url_patterns, route, inner, kinds)
            elif isinstance(entry, URLPattern) and entry.name:
                found.append(Route(namespace + entry.name, route, kinds))

    walk(get_resolver().url_patterns, "", "", {})
    return found


@dataclass
class Form:
    action: str
    method: str = "post"
    fields: dict[str, list[str]] = field(default_factory=dict)  # name -> default value(s), posted as such
    options: dict[str, list[str]] = field(default_factory=dict)  # select/radio name -> the values offered
    buttons: list[tuple[str, str]] = field(default_factory=list)  # named submit buttons
    files: list[str] = field(default_factory=list)
    numeric: set[str] = field(default_factory=set)
    textual: set[str] = field(default_factory=set)  # free text: inputs and textareas the user types into

    @property
    def key(self) -> tuple:
        return self.method, tuple(sorted(self.fields)), tuple(self.files)


TEXT_TYPES = {"text", "email", "url", "search", "tel", "number", "password", "date", "datetime-local", ""}


class _FormParser(HTMLParser):
    def __init__(self, page_url: str):
        super().__init__(convert_charrefs=True)
        self.page_url = page_url
        self.forms: list[Form] = []
        self.current: Form | None = None
        self.select: str | None = None
        self.textarea: str | None = None

    def handle_starttag(self, tag, attrs):
        a = {k: v or "" for k, v in attrs}
        if tag == "form":
            method = a.get("method", "get").lower()
            self.current = Form(urljoin(self.page_url, a.get("action") or self.page_url).split("#")[0], method)
            self.forms.append(self.current)
            return
        form, name = self.current, a.get("name")
        if form is None or not name:
            if tag == "option" and form is not None and self.select:
                self._option(a)
            return
        if tag == "input":
            self._input(form, name, a)
        elif tag == "button" and a.get("type", "submit") == "submit":
            form.buttons.append((name, a.get("value", "")))
        elif tag == "select":
            self.select = name
            form.fields.setdefault(name, [])
            form.options.setdefault(name, [])
        elif tag == "textarea":
            self.textarea = name
            form.fields[name] = [""]
            form.textual.add(name)

    def _input(self, form: Form, name: str, a: dict) -> None:
        kind = a.get("type", "text").lower()
        if kind == "file":
            form.files.append(name)
        elif kind in ("checkbox", "radio"):
            form.options.setdefault(name, []).append(a.get("value", "on"))
            form.fields.setdefault(name, [])
            if "checked" in a:
                form.fields[name].append(a.get("value", "on"))
        elif kind == "submit":
            form.buttons.append((name, a.get("value", "")))
        else:
            form.fields[name] = [a.get("value", "")]
            if kind in TEXT_TYPES:
                form.textual.add(name)
            if kind == "number" or a.get("inputmode") == "numeric":
                form.numeric.add(name)

    def _option(self, a: dict) -> None:
        form = self.current
        assert form is not None and self.select is not None
        form.options[self.select].append(a.get("value", ""))
        if "selected" in a:
            form.fields[self.select].append(a.get("value", ""))

    def handle_data(self, data):
        if self.current is not None and self.textarea:
            self.current.fields[self.textarea] = [self.current.fields[self.textarea][0] + data]

    def handle_endtag(self, tag):
        if tag == "form":
            self.current = None
        elif tag == "select":
            self.select = None
        elif tag == "textarea":
            self.textarea = None


def forms(html: str, page_url: str) -> list[Form]:
    parser = _FormParser(page_url)
    parser.feed(html)
    return parser.forms
