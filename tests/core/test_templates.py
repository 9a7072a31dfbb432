"""The templates: short lines, and shared components rendered by the one macro in core/macros.html."""

import datetime
import re
from pathlib import Path
from types import SimpleNamespace

from django.contrib.auth.models import AnonymousUser
from django.core.paginator import Paginator
from django.template import engines
from django.test import RequestFactory
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.timezone import localtime

from mobilise.core.paging import paginate
from mobilise.jinja2 import ukdate
from mobilise.stakeholders import services
from tests.conftest import client_for
from tests.factories import PersonFactory

ROOT = Path(__file__).resolve().parents[2]
TEMPLATES = sorted((ROOT / "mobilise").glob("*/templates/**/*.html"))
MAX_LINE = 160
DNC = re.compile(r"<strong[^>]*>Do not contact</strong>")


def macros():
    return engines["jinja2"].env.get_template("core/macros.html").module


def test_templates_are_found():
    assert len(TEMPLATES) > 50


def test_no_template_line_over_160_characters():
    long = [
        f"{path.relative_to(ROOT)}:{number}: {len(line)} characters"
        for path in TEMPLATES
        for number, line in enumerate(path.read_text().splitlines(), 1)
        if len(line) > MAX_LINE
    ]
    assert not long, "\n".join(long)


def test_only_the_macro_writes_the_do_not_contact_tag():
    macros_file = ROOT / "mobilise/core/templates/core/macros.html"
    writers = [str(p.relative_to(ROOT)) for p in TEMPLATES if p != macros_file and DNC.search(p.read_text())]
    assert not writers


def test_do_not_contact_tag_is_the_same_on_every_page(project, lead):
    person = PersonFactory(full_name="Fatima Begum", do_not_contact=True)
    s = services.add_stakeholder(project=project, by=None, person=person)
    tag = str(macros().dnc_tag(s))
    assert tag == str(macros().dnc_tag(person))
    assert DNC.fullmatch(tag)
    client = client_for(lead)
    pages = [
        reverse("stakeholders:register", args=[project.pk]),
        reverse("stakeholders:detail", args=[project.pk, s.pk]),
        reverse("engagement:stakeholder-timeline", args=[project.pk, s.pk]),
        reverse("engagement:due", args=[project.pk]),
        reverse("directory:person", args=[person.pk]),
    ]
    for url in pages:
        found = DNC.findall(client.get(url).content.decode())
        assert found and set(found) == {tag}, url


def test_no_tag_without_the_flag(db):
    assert str(macros().dnc_tag(PersonFactory(do_not_contact=False))) == ""
    assert str(macros().dnc_tag(None)) == ""


def render_pager(page, *args, **kwargs):
    return str(macros().pager(page, *args, **kwargs))


def test_pager_keeps_the_filters():
    page = Paginator(range(60), 25).get_page(2)
    html = render_pager(page, "q=ada&stage=active")
    assert 'href="?page=1&amp;q=ada&amp;stage=active"' in html
    assert 'href="?page=3&amp;q=ada&amp;stage=active"' in html
    assert "Page 1 of 3" in html and "Page 3 of 3" in html
    assert 'aria-label="Pagination"' in html


def test_pager_for_one_of_several_lists_names_its_parameter_and_landmark():
    page = Paginator(range(60), 25).get_page(1)
    html = render_pager(page, "page=2", "never", "Never engaged", "#never")
    assert 'href="?never=2&amp;page=2#never"' in html
    assert 'aria-label="Never engaged pages"' in html
    assert '<span class="nhsuk-u-visually-hidden"> never engaged</span>' in html
    assert 'rel="prev"' not in html


def test_no_pager_for_a_single_page():
    assert render_pager(Paginator(range(3), 25).get_page(1)).strip() == ""


def test_paginate_keeps_other_parameters_and_drops_its_own_and_empty_ones():
    request = RequestFactory().get("/", {"page": "2", "never": "3", "owner": "me", "q": ""})
    assert paginate(request, list(range(100)), param="never")[1] == "page=2&owner=me"


def test_table_head_hides_the_caption_and_aligns_number_columns_right():
    html = str(macros().table_head("Workshops, newest first", ["Workshop", "Invited"], numeric=["Invited"]))
    assert '<caption class="nhsuk-table__caption nhsuk-u-visually-hidden">Workshops, newest first</caption>' in html
    assert '<th scope="col" class="nhsuk-table__header">Workshop</th>' in html
    assert '<th scope="col" class="nhsuk-table__header nhsuk-table__header--numeric">Invited</th>' in html
    shown = str(macros().table_head("Values by period", ["Period"], caption_class="nhsuk-table__caption--s"))
    assert '<caption class="nhsuk-table__caption nhsuk-table__caption--s">' in shown


def test_filter_select_reads_pairs_or_named_attributes_and_marks_the_choice():
    html = str(macros().filter_select("sector", "Sector", "All sectors", [("nhs", "NHS"), ("vcse", "VCSE")], "vcse"))
    assert '<label class="nhsuk-label" for="sector">Sector</label>' in html
    assert '<option value="">All sectors</option>' in html
    assert '<option value="nhs" >NHS</option>' in html
    assert '<option value="vcse" selected>VCSE</option>' in html

    class Theme:
        pk, name = 7, "Ageing"

    html = str(macros().filter_select("theme", "Theme", "All themes", [Theme()], 7, value="pk", text="name"))
    assert '<option value="7" selected>Ageing</option>' in html


def test_filter_search_keeps_what_was_searched():
    html = str(macros().filter_search("Name", "Ada", classes="nhsuk-input--width-30"))
    assert 'class="nhsuk-input nhsuk-input--width-30" id="q" name="q" type="search" value="Ada"' in html
    assert 'value=""' in str(macros().filter_search("Name", None))


def test_form_pages_show_caption_heading_back_link_and_delete_button(project, lead):
    from mobilise.evaluation import services as evaluation_services

    question = evaluation_services.save_question(project=project, focus="what", text="Who used the brief?")
    client = client_for(lead)
    adding = client.get(reverse("evaluation:question-new", args=[project.pk])).content.decode()
    assert f"<title>Add an evaluation question – {project.short_title} – " in adding
    assert f'<span class="nhsuk-caption-l">{project.short_title}</span>' in adding
    assert "<h1>Add an evaluation question</h1>" in adding and "Delete question" not in adding
    assert f'href="{reverse("evaluation:home", args=[project.pk])}"' in adding
    editing = client.get(reverse("evaluation:question", args=[project.pk, question.pk])).content.decode()
    assert "<h1>Edit evaluation question</h1>" in editing and "Delete question" in editing


def render_page(source, **context):
    request = RequestFactory().get("/")
    request.user = AnonymousUser()
    return engines["jinja2"].env.from_string(source).render(request=request, **context)


def back_link(href, text):
    """The back link as the NHS macro writes it."""
    source = '{% from "nhsuk/components/back-link/macro.jinja" import backLink %}{{ backLink({"href": h, "text": t}) }}'
    return engines["jinja2"].env.from_string(source).render(h=href, t=text)


def test_the_base_layout_writes_the_back_link_a_page_sets():
    page = '{% extends "core/base.html" %}{% set back = {"href": "/directory/people/", "text": "All people"} %}'
    assert back_link("/directory/people/", "All people") in render_page(page)
    assert "nhsuk-back-link" not in render_page('{% extends "core/base.html" %}')


def test_a_project_page_goes_back_to_its_project_unless_it_sets_back():
    project = SimpleNamespace(pk=7, short_title="TOGETHER-Screen")
    html = render_page('{% extends "core/project_page.html" %}{% set heading = "Workshops" %}', project=project)
    assert back_link(reverse("project", args=[7]), "Back to TOGETHER-Screen") in html
    page = '{% extends "core/project_page.html" %}{% set back = {"href": "/elsewhere/", "text": "Elsewhere"} %}'
    html = render_page(page, project=project)
    assert back_link("/elsewhere/", "Elsewhere") in html and "Back to TOGETHER-Screen" not in html


def test_ukdate_writes_every_month_as_the_locale_does():
    """The two formats ukdate writes directly agree with Django's date_format for every month, dates and times."""
    for month in range(1, 13):
        day = datetime.date(2026, month, month + 9)
        moment = datetime.datetime(2026, month, 1, 23, 30, tzinfo=datetime.UTC)  # the next day in London in summer
        for fmt in ("j F Y", "j M Y"):
            assert ukdate(day, fmt) == date_format(day, fmt)
            assert ukdate(moment, fmt) == date_format(localtime(moment), fmt)
    assert ukdate(datetime.date(2026, 3, 5)) == "5 March 2026"
    assert ukdate(datetime.date(999, 3, 5), "j M Y") == date_format(datetime.date(999, 3, 5), "j M Y")
    assert ukdate(None) == ""
