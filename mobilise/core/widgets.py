"""The widgets of NHS-style forms, and the parameters of the NHS macro that renders each bound field
(`field` in core/macros.html, through core/fields.html where it can)."""

import datetime
from typing import Any

from django import forms
from markupsafe import Markup, escape


class DateInput(forms.MultiWidget):
    """Day, month and year boxes, as the NHS date input pattern asks; posted as name[day] and so on."""

    template_name = "django/forms/widgets/multiwidget.html"
    parts = ("day", "month", "year")

    def __init__(self, attrs=None):
        super().__init__([forms.TextInput(), forms.TextInput(), forms.TextInput()], attrs)

    def decompress(self, value):
        if isinstance(value, str):
            try:
                value = datetime.date.fromisoformat(value)
            except ValueError:
                return [None, None, None]
        if value:
            return [value.day, value.month, value.year]
        return [None, None, None]

    def value_from_datadict(self, data, files, name):
        day, month, year = (data.get(f"{name}[{part}]", "").strip() for part in self.parts)
        if not (day or month or year):
            return ""
        # A partial or impossible date stays invalid and DateField says so.
        return f"{year}-{month.zfill(2)}-{day.zfill(2)}"

    def value_omitted_from_data(self, data, files, name):
        return not any(f"{name}[{part}]" in data for part in self.parts)


class HoneypotInput(forms.TextInput):
    """A box people never meet (off-screen, out of the tab order, hidden from screen readers): bots fill it in."""


# Each widget's kind, for field_params; the first match counts, so a subclass comes before its base class.
WIDGET_KINDS: tuple[tuple[type[forms.Widget], str], ...] = (
    (DateInput, "date"),
    (forms.CheckboxSelectMultiple, "checkboxes"),
    (forms.RadioSelect, "radios"),
    (forms.CheckboxInput, "checkbox"),
    (forms.Select, "select"),
    (forms.Textarea, "textarea"),
    (HoneypotInput, "honeypot"),
    (forms.HiddenInput, "hidden"),
    (forms.FileInput, "file"),
)


def widget_kind(bf):
    widget = bf.field.widget
    return next((kind for widget_class, kind in WIDGET_KINDS if isinstance(widget, widget_class)), "input")


def field_anchor(bf):
    """The id of the first focusable element of a field, for error summary links."""
    kind = widget_kind(bf)
    if kind == "date":
        return f"{bf.auto_id}-day"
    return bf.auto_id


DATE_WIDTHS = (2, 2, 4)  # the day, month and year boxes, in characters


def _str_values(value):
    if value is None:
        return set()
    if isinstance(value, list | tuple | set):
        return {str(v) for v in value}
    return {str(value)}


# The options a template may pass to `field` (core/macros.html) beyond those field_params sets, that the lean
# templates of core/fields.html write as the NHS macros would; any other option goes to the NHS macro itself.
LEAN_OPTIONS = {"classes", "attributes", "describedBy", "label", "fieldset", "formGroup"}


def _lean(extra: dict[str, Any]) -> bool:
    group = extra.get("formGroup") or {}
    label = extra.get("label") or {}
    legend = (extra.get("fieldset") or {}).get("legend") or {}
    return (
        extra.keys() <= LEAN_OPTIONS
        and group.keys() <= {"afterInput"}
        and set(group.get("afterInput") or {}) <= {"html"}
        and label.keys() <= {"text", "classes"}
        and legend.keys() <= {"text", "classes", "size"}
        and all(isinstance(v, str) for v in (extra.get("attributes") or {}).values())
    )


def options_html(items: list[dict[str, Any]]) -> Markup:
    """A select's options (field_params' items) in the markup the NHS macro writes, in one pass: a template's loop
    over a map's two thousand stakeholders took most of the page that offers them."""
    return Markup(
        "".join(
            f'\n    <option value="{escape(item["value"])}"{" selected" if item["selected"] else ""}>'
            f"{escape(item['text'])}</option>"
            for item in items
        )
    )


def field_params(bf, **extra):
    """(kind, parameters for the NHS macro that renders this bound field, whether core/fields.html can write it)."""
    kind = widget_kind(bf)
    errors = " ".join(str(e) for e in bf.errors)
    params = {"id": bf.auto_id, "name": bf.html_name, "hint": str(bf.help_text or "") or None}
    if errors:
        params["errorMessage"] = {"text": errors}
    label = str(bf.label)
    if kind in ("checkboxes", "radios", "checkbox"):
        # The macros put "id" on the wrapping group; the first input takes idPrefix, so it keeps its label.
        del params["id"]
    if kind in ("checkboxes", "radios"):
        selected = _str_values(bf.value())
        params["idPrefix"] = bf.auto_id
        params["fieldset"] = {"legend": {"text": label, "size": "s"}}
        # A field may explain each choice (a hints dict, by value): the hint sits under the choice's label.
        hints = getattr(bf.field, "hints", {})
        params["items"] = [
            {"value": str(v), "text": str(t), "checked": str(v) in selected}
            | ({"hint": {"text": hints[str(v)]}} if hints.get(str(v)) else {})
            for v, t in bf.field.choices
            if str(v) != ""
        ]
    elif kind == "checkbox":
        params["idPrefix"] = bf.auto_id
        params["items"] = [{"value": "on", "text": label, "checked": bool(bf.value())}]
        params["fieldset"] = None
    elif kind == "select":
        selected = _str_values(bf.value())
        params["label"] = {"text": label}
        params["items"] = [
            {"value": str(v), "text": str(t), "selected": str(v) in selected} for v, t in bf.field.choices
        ]
    elif kind == "date":
        if bf.form.is_bound:
            data = bf.form.data
            day, month, year = (data.get(f"{bf.html_name}[{p}]", "") for p in DateInput.parts)
        else:
            day, month, year = bf.field.widget.decompress(bf.value())
        classes = "nhsuk-input--error" if errors else ""
        params["namePrefix"] = bf.html_name
        params["fieldset"] = {"legend": {"text": label, "size": "s"}}
        params["items"] = [
            {"name": part, "label": part.capitalize(), "value": str(value or ""), "width": width, "classes": classes}
            for part, value, width in zip(DateInput.parts, (day, month, year), DATE_WIDTHS, strict=True)
        ]
    else:
        value = bf.value()
        params["label"] = {"text": label}
        params["value"] = "" if value is None else str(value)
        if kind == "input":
            params["type"] = getattr(bf.field.widget, "input_type", "text")
            attrs = bf.field.widget.attrs
            if attrs.get("autocomplete"):
                params["autocomplete"] = attrs["autocomplete"]
            if attrs.get("inputmode"):
                params["inputmode"] = attrs["inputmode"]
            if params["type"] == "password":
                params["value"] = ""
        if kind == "file":
            # The plain file input: the NHS drop zone's button name does not match its label (axe).
            params.pop("value")
            params["type"] = "file"
        if kind == "textarea":
            params["rows"] = bf.field.widget.attrs.get("rows", 5)
    params.update(extra)
    return kind, params, _lean(extra)
