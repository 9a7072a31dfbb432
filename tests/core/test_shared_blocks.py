"""The blocks several pages share through core: the list table and the paged one built on it, the folded data table
of a diagram, a chart with its table beside it, a section's heading over its tabs, a queued task's state, and the
send-for-review step (core.views.send_for_review)."""

from types import SimpleNamespace

from django.core.paginator import Paginator
from django.template import engines
from django.urls import reverse
from markupsafe import Markup

from mobilise.outputs import services as output_services

from ..factories import OutputFactory, SectionFactory


def render(source, **context):
    env = engines["jinja2"].env
    names = (
        "chart_beside, filter_row, filter_select, folded_table, item_table, paged_table, tabbed_heading, task_progress"
    )
    imports = '{% from "core/macros.html" import ' + names + " %}"
    return env.from_string(imports + source).render(**context)


PAGED = """{% call(n) paged_table(page, "q=a", "Numbers", ["Number"], "Nothing here.", numeric=["Number"], rows=rows,
    classes=classes) %}<tr class="nhsuk-table__row"><td>{{ n }}</td></tr>{% endcall %}"""


def test_paged_table_writes_a_row_for_each_item_then_the_pager():
    page = Paginator(range(60), 25).get_page(2)
    html = render(PAGED, page=page, rows=None, classes="nhsuk-table")
    assert html.count('<tr class="nhsuk-table__row"><td>') == 25 and "<td>25</td>" in html
    # Every list table scrolls in its frame, so a wide one does not push the page sideways at 320 px.
    assert '<div class="app-table-scroll">\n  <table class="nhsuk-table">' in html
    assert '<caption class="nhsuk-table__caption nhsuk-u-visually-hidden">Numbers</caption>' in html
    assert "nhsuk-table__header--numeric" in html
    assert 'href="?page=3&amp;q=a"' in html and "Nothing here." not in html


def test_paged_table_takes_a_presenters_rows_and_a_class():
    page = Paginator(range(3), 25).get_page(1)
    html = render(PAGED, page=page, rows=["a", "b"], classes="nhsuk-table-responsive")
    assert "<td>a</td>" in html and "<td>b</td>" in html and "<td>0</td>" not in html
    assert '<div class="app-table-scroll">' in html and '<table class="nhsuk-table-responsive">' in html
    assert "nhsuk-pagination" not in html


def test_paged_table_says_so_when_there_is_nothing():
    page = Paginator([], 25).get_page(1)
    html = render(PAGED, page=page, rows=None, classes="nhsuk-table")
    assert "<p>Nothing here.</p>" in html and "<table" not in html


def test_item_table_writes_a_row_for_each_item_with_no_pager_and_says_so_when_there_is_nothing():
    source = """{% set hidden %}<span class="nhsuk-u-visually-hidden">Action</span>{% endset %}
    {% call(n) item_table(items, "Numbers", ["Number", hidden], "Nothing here.") %}
    <tr><td>{{ n }}</td></tr>{% endcall %}"""
    html = render(source, items=["a", "b"])
    assert "<tr><td>a</td></tr>" in html and "<tr><td>b</td></tr>" in html and "nhsuk-pagination" not in html
    assert '<div class="app-table-scroll">' in html and '<table class="nhsuk-table">' in html
    assert (
        '<th scope="col" class="nhsuk-table__header"><span class="nhsuk-u-visually-hidden">Action</span></th>' in html
    )
    empty = render(source, items=[])
    assert "<p>Nothing here.</p>" in empty and "<table" not in empty


def test_folded_table_puts_the_rows_in_a_disclosure():
    source = '{% call folded_table("Links as a table", "Links", ["From", "To"], caption_class="") %}<tr><td>x</td></tr>'
    html = render(source + "{% endcall %}")
    assert '<details class="nhsuk-details">' in html
    assert '<span class="nhsuk-details__summary-text">Links as a table</span>' in html
    assert '<caption class="nhsuk-table__caption ">Links</caption>' in html and "<tr><td>x</td></tr>" in html


def test_chart_beside_its_table_and_the_table_alone_without_a_chart():
    source = '{% call chart_beside(chart, "c", "t") %}<table></table>{% endcall %}'
    html = render(source, chart=Markup("<svg></svg>"))
    assert '<div class="c"><svg></svg></div>' in html and '<div class="t">' in html and "<table></table>" in html
    alone = render(source, chart=None)
    assert '<div class="c">' not in alone and '<div class="t">' in alone


TASK = """{% call(part) task_progress("export-job", task, "/exports/5/", "Your PDF is ready", "No PDF") %}
{% if part == "done" %}<p>Download</p>{% elif part == "failed" %}<li>Try Word</li>{% else %}<p>Waiting</p>{% endif %}
{% endcall %}"""


def test_a_task_polls_for_its_state_while_active_then_shows_it_done_or_failed():
    waiting = render(TASK, task=SimpleNamespace(active=True, state="queued", error=""))
    assert '<div id="export-job" data-hx-get="/exports/5/"' in waiting
    assert 'data-hx-trigger="every 2s" data-hx-swap="outerHTML">' in waiting
    assert "<p>Waiting</p>" in waiting and "nhsuk-card" not in waiting and "nhsuk-error-summary" not in waiting
    done = render(TASK, task=SimpleNamespace(active=False, state="done", error=""))
    assert '<div id="export-job">' in done and "data-hx-get" not in done
    assert '<h2 class="nhsuk-card__heading nhsuk-card__heading--feature">Your PDF is ready</h2>' in done
    assert "<p>Download</p>" in done and "Waiting" not in done and "Try Word" not in done
    failed = " ".join(render(TASK, task=SimpleNamespace(active=False, state="failed", error="No <fonts>")).split())
    assert '<div class="nhsuk-error-summary" role="alert" tabindex="-1">' in failed
    assert '<h2 class="nhsuk-error-summary__title">No PDF</h2>' in failed
    assert '<p>No &lt;fonts&gt;</p> <ul class="nhsuk-list nhsuk-error-summary__list"> <li>Try Word</li> </ul>' in failed
    assert "Download" not in failed and "data-hx-get" not in failed


def test_a_refused_send_for_review_shows_why_on_the_form(client, project, lead, member, monkeypatch):
    output = OutputFactory(project=project, created_by=lead, title="Champions raise uptake")
    SectionFactory(output=output, heading="Key messages", body="Uptake rose.")

    def refuse(**kwargs):
        raise output_services.OutputError("It is already in review.")

    monkeypatch.setattr(output_services, "send_for_review", refuse)
    client.force_login(lead)
    response = client.post(reverse("outputs:review", args=[project.pk, output.pk]), {"reviewers": [member.pk]})
    assert response.status_code == 200
    page = response.content.decode()
    assert "It is already in review." in page and "Sent for review" not in page


def test_filter_row_puts_each_control_in_a_column_of_the_width():
    controls = '[filter_select("a", "A", "Any", [], ""), filter_select("b", "B", "Any", [], "")]'
    html = render('{{ filter_row("one-third", ' + controls + ") }}")
    assert (
        html.count('<div class="nhsuk-grid-column-one-third">') == 2 and html.count('<div class="nhsuk-grid-row">') == 1
    )
    assert (
        '<label class="nhsuk-label" for="a">A</label>' in html
        and '<label class="nhsuk-label" for="b">B</label>' in html
    )


def test_tabbed_heading_writes_the_caption_the_heading_and_the_tabs_with_the_current_one_marked():
    tabs = [("a", "First", "/a/"), ("b", "Second", "/b/")]
    html = render('{{ tabbed_heading("Trial", "Second things", "Section", tabs, "b") }}', tabs=tabs)
    assert '<span class="nhsuk-caption-l">Trial</span>' in html and "<h1>Second things</h1>" in html
    assert '<nav class="app-subnav nhsuk-u-margin-bottom-5" aria-label="Section">' in html
    assert '<a href="/b/" aria-current="page">Second</a>' in html and '<a href="/a/" >First</a>' in html
    assert html.index("caption") < html.index("<h1>") < html.index("<nav")
    assert "nhsuk-caption-l" not in render('{{ tabbed_heading("", "Directory", "Directory", [], "") }}')
