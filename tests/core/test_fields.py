"""core/fields.html writes each kind of field as the NHS.UK frontend macros do: the same elements, attributes and
text (whitespace aside), with and without hints, errors and chosen items, and with every option templates pass.
When nhsuk_frontend_jinja is upgraded and its markup changes, these fail. And the header and footer, kept once
written, still show each page's own user."""

from html.parser import HTMLParser

import pytest
from django import forms
from django.template import engines
from django.test import Client
from django.urls import reverse

from mobilise.core.forms import NHSFormMixin
from mobilise.core.widgets import field_params
from mobilise.jinja2 import Remembered
from tests.conftest import client_for
from tests.factories import UserFactory

NHS = {
    "input": ("input", "input"),
    "file": ("input", "input"),
    "textarea": ("textarea", "textarea"),
    "select": ("select", "select"),
    "checkboxes": ("checkboxes", "checkboxes"),
    "checkbox": ("checkboxes", "checkboxes"),
    "radios": ("radios", "radios"),
    "date": ("date-input", "dateInput"),
}


class Markup(HTMLParser):
    """A page's elements as (tag, attributes) and its text, whitespace collapsed; class lists kept in order."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.items: list[tuple] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attributes = {k: " ".join((v or "").split()) for k, v in attrs}
        self.items.append(("<", tag, sorted(attributes.items())))

    def handle_endtag(self, tag):
        self.items.append((">", tag))

    def handle_data(self, data):
        text = " ".join(data.split())
        if text:
            self.items.append(("text", text))


class Example(NHSFormMixin, forms.Form):
    name = forms.CharField(
        label="Full name", help_text="As on <your> badge", widget=forms.TextInput(attrs={"autocomplete": "name"})
    )
    code = forms.CharField(label="Code", required=False, widget=forms.TextInput(attrs={"inputmode": "numeric"}))
    email = forms.EmailField(label="Email address")
    secret = forms.CharField(label="Password", widget=forms.PasswordInput)
    summary = forms.CharField(label="Summary", help_text="A line or two", widget=forms.Textarea(attrs={"rows": 4}))
    stage = forms.ChoiceField(
        label="Stage",
        help_text="Pick one",
        choices=[("", "Choose"), ("a", "A & B"), ("b", "B"), ('c"d', 'Say "hi" <now>')],
    )
    needs = forms.MultipleChoiceField(
        label="Needs",
        help_text="Any",
        choices=[("x", "X <1>"), ("y", "Y"), ("z", "Z")],
        widget=forms.CheckboxSelectMultiple,
    )
    kind = forms.ChoiceField(label="Kind", choices=[("p", "P"), ("q", "Q")], widget=forms.RadioSelect)
    when = forms.DateField(label="Date", help_text="For example 27 3 2026")
    agree = forms.BooleanField(label="I agree", help_text="Read the notice first")
    upload = forms.FileField(label="File", help_text="A PDF")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Hints under some choices: one escaped, one plain.
        self.fields["needs"].hints = {"y": "Why <Y>: it fits"}  # type: ignore[attr-defined]
        self.fields["kind"].hints = {"p": "P, explained"}  # type: ignore[attr-defined]


UNBOUND: dict = {}
INVALID = {"name": "", "code": 'a"b<c>', "stage": "zz", "needs": ["q"], "when[day]": "31", "when[month]": "2"}
VALID = {
    "name": "Ada & co",
    "email": "ada@example.org",
    "secret": "hidden",
    "summary": "\nFirst line\n<b>second</b>",
    "stage": "a",
    "needs": ["x", "z"],
    "kind": "q",
    "when[day]": "5",
    "when[month]": "3",
    "when[year]": "2026",
    "agree": "on",
}

# Every option the app's templates pass to `field`, on the kind they pass it to.
OPTIONS = [
    ("name", {"classes": "nhsuk-input--width-10"}),
    ("upload", {"attributes": {"accept": ".json,application/json"}}),
    ("upload", {"label": {"text": "Add material"}}),
    ("kind", {"classes": "nhsuk-radios--inline"}),
    ("kind", {"fieldset": {"legend": {"text": "Status", "classes": "nhsuk-fieldset__legend--m"}}}),
    (
        "summary",
        {
            "describedBy": "count",
            "formGroup": {"afterInput": {"html": '<p id="count">12 words</p>'}},
            "attributes": {"data-hx-post": "/count/?a=1&b=2", "data-hx-target": "#count"},
        },
    ),
    # An input and a select share their frame (core/fields.html `_framed`), what comes after the control included.
    ("name", {"describedBy": "count", "formGroup": {"afterInput": {"html": '<p id="count">3 words</p>'}}}),
    ("stage", {"formGroup": {"afterInput": {"html": "<p>More stages soon</p>"}}}),
]


def render(template: str, **context) -> str:
    return engines["jinja2"].env.from_string(template).render(**context)


def ours(bf, **options) -> str:
    return render('{% from "core/macros.html" import field %}{{ field(bf, **options) }}', bf=bf, options=options)


def theirs(bf, **options) -> str:
    kind, params, _ = field_params(bf, **options)
    folder, macro = NHS[kind]
    return render(f'{{% from "nhsuk/components/{folder}/macro.jinja" import {macro} %}}{{{{ {macro}(p) }}}}', p=params)


@pytest.mark.parametrize("data", [None, UNBOUND, INVALID, VALID], ids=["unbound", "empty", "invalid", "valid"])
def test_every_kind_is_written_as_the_nhs_macro_writes_it(data):
    form = Example(data)
    if data is not None:
        form.is_valid()
    for bf in form:
        assert field_params(bf)[2], bf.name
        assert Markup(ours(bf)).items == Markup(theirs(bf)).items, bf.name


@pytest.mark.parametrize(("name", "options"), OPTIONS)
@pytest.mark.parametrize("data", [None, INVALID], ids=["unbound", "invalid"])
def test_the_options_templates_pass_are_written_as_the_nhs_macro_writes_them(name, options, data):
    form = Example(data)
    if data is not None:
        form.is_valid()
    bf = form[name]
    assert field_params(bf, **options)[2]
    assert Markup(ours(bf, **options)).items == Markup(theirs(bf, **options)).items


def test_any_other_option_goes_to_the_nhs_macro():
    bf = Example()["name"]
    assert not field_params(bf, width=10)[2]
    assert not field_params(bf, formGroup={"beforeInput": {"text": "£"}})[2]
    html = ours(bf, prefix="£")
    assert "nhsuk-input-wrapper__prefix" in html
    assert Markup(html).items == Markup(theirs(bf, prefix="£")).items


def test_the_checks_see_what_users_see():
    html = ours(Example(VALID)["needs"])
    assert 'id="id_needs-3"' in html and html.count(" checked") == 2
    assert Markup('<a class="x">b</a>').items != Markup('<a class="y">b</a>').items
    assert Markup("<p>a  b</p>").items == Markup("<p>\n a b</p>").items


# The header and footer: written once per set of parameters (mobilise.jinja2.Remembered).


def test_a_remembered_macro_writes_what_the_macro_writes_for_the_same_parameters_only():
    env = engines["jinja2"].env
    header = env.get_template("nhsuk/components/header/macro.jinja").module.header
    remembered = Remembered(size=2)

    def params(name):
        return {"service": {"text": "Mobilise"}, "account": {"items": [{"href": "/a", "text": name, "icon": True}]}}

    ada = remembered(header, params("Ada"))
    assert ada == header(params("Ada")) and "Ada" in ada
    assert remembered(header, params("Ada")) is ada
    bob = remembered(header, params("Bob"))
    assert "Bob" in bob and "Ada" not in bob
    remembered(header, params("Cy"))
    assert remembered(header, params("Ada")) is not ada  # the oldest was let go


def test_each_page_names_the_user_signed_in(db):
    ada, bob = UserFactory(full_name="Ada Lovelace"), UserFactory(full_name="Bob Hope")
    url = reverse("accessibility")
    assert "Ada Lovelace" in client_for(ada).get(url).content.decode()
    page = client_for(bob).get(url).content.decode()
    assert "Bob Hope" in page and "Ada Lovelace" not in page
    assert "Sign in" in Client().get(url).content.decode()
