import io
import json
import re

import pytest
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from mobilise.planning import services, starters
from mobilise.planning.access import data
from mobilise.planning.models import Column, Element, Link, LogicModel

from ..permissions import EDIT, READ
from ..queries import assert_max_queries


@pytest.fixture
def model(project):
    services.replace_contents(project=project, data=starters.coproduced_community(), by=None, snapshot_name="x")
    return LogicModel.objects.get(project=project)


@pytest.fixture
def snapshot(model, project):
    return services.take_snapshot(project=project, name="As submitted with the grant", by=None)


def pages(project, model, snapshot):
    element = model.elements.filter(column=Column.ACTIVITIES).first()
    link = model.links.first()
    read = [
        reverse("planning:model", args=[project.pk]),
        reverse("planning:model", args=[project.pk]) + f"?focus={element.key}",
        reverse("planning:snapshots", args=[project.pk]),
        reverse("planning:snapshot", args=[project.pk, snapshot.pk]),
        reverse("planning:compare", args=[project.pk]) + f"?a={snapshot.pk}&b=current",
    ] + [reverse("planning:export", args=[project.pk, fmt]) for fmt in ("json", "svg")]
    edit = [
        reverse("planning:header", args=[project.pk]),
        reverse("planning:element", args=[project.pk, element.pk]),
        reverse("planning:element-delete", args=[project.pk, element.pk]),
        reverse("planning:link", args=[project.pk, link.pk]),
        reverse("planning:start", args=[project.pk]),
        reverse("planning:restore", args=[project.pk, snapshot.pk]),
    ]
    return read, edit


@pytest.mark.parametrize("persona", list(READ))
def test_every_page_by_persona(request, as_user, project, model, snapshot, persona):
    client = as_user(request.getfixturevalue(persona))
    read, edit = pages(project, model, snapshot)
    for url in read:
        assert client.get(url).status_code == READ[persona], url
    for url in edit:
        assert client.get(url).status_code == EDIT[persona], url


@pytest.mark.parametrize("persona", ["viewer", "outsider"])
def test_writes_refused_below_member(request, as_user, project, model, snapshot, persona):
    client = as_user(request.getfixturevalue(persona))
    element = model.elements.first()
    before = json.dumps(data(model), sort_keys=True)
    for url, body in [
        (
            reverse("planning:element-add", args=[project.pk]),
            {"activities-column": "activities", "activities-text": "x"},
        ),
        (reverse("planning:element-move", args=[project.pk, element.pk]), {"direction": "down"}),
        (reverse("planning:element-delete", args=[project.pk, element.pk]), {}),
        (reverse("planning:restore", args=[project.pk, snapshot.pk]), {}),
        (reverse("planning:start", args=[project.pk]), {"starter": "blank"}),
        (reverse("planning:snapshots", args=[project.pk]), {"name": "mine"}),
    ]:
        assert client.post(url, body).status_code == 404, url
    assert json.dumps(data(model), sort_keys=True) == before
    assert model.snapshots.count() == 1


def test_anonymous_sent_to_sign_in(client, project):
    response = client.get(reverse("planning:model", args=[project.pk]))
    assert response["Location"].startswith(reverse("login"))


def test_member_builds_and_links_a_model_without_javascript(as_user, project, member):
    client = as_user(member)
    board = reverse("planning:model", args=[project.pk])
    empty = client.get(board).content.decode()
    assert "The model is empty" in empty
    r = client.post(
        reverse("planning:element-add", args=[project.pk]),
        {"activities-column": "activities", "activities-text": "Train champions"},
    )
    assert r["Location"] == board + "#col-activities"
    client.post(
        reverse("planning:element-add", args=[project.pk]),
        {"impact-column": "impact", "impact-text": "Fewer late diagnoses"},
    )
    act = Element.objects.get(text="Train champions")
    impact = Element.objects.get(text="Fewer late diagnoses")
    client.post(
        reverse("planning:link-add", args=[project.pk, act.pk]),
        {"target": impact.pk, "rationale": "Champions reach women services miss"},
    )
    assert Link.objects.get().rationale == "Champions reach women services miss"
    client.post(
        reverse("planning:element-add", args=[project.pk]),
        {
            "assumptions-column": "assumptions",
            "assumptions-text": "Faith leaders support it",
            "assumptions-about": f"e:{act.pk}",
        },
    )
    assert Element.objects.get(column=Column.ASSUMPTIONS).about_element == act
    page = client.get(board).content.decode()
    assert "No problems found" in page and "<svg" in page and "Champions reach women services miss" in page
    # Edit, then a stale second edit is told what changed.
    url = reverse("planning:element", args=[project.pk, act.pk])
    ok = client.post(url, {"text": "Train 20 champions", "description": "", "column": "activities", "version": 1})
    assert ok.status_code == 302
    stale = client.post(url, {"text": "Train staff", "description": "", "column": "activities", "version": 1})
    assert "Someone changed this element" in stale.content.decode() and "Train 20 champions" in stale.content.decode()
    act.refresh_from_db()
    assert act.text == "Train 20 champions"


def test_bad_input_is_explained(as_user, project, member, model):
    client = as_user(member)
    element = model.elements.filter(column=Column.OUTPUTS).first()
    page = client.post(
        reverse("planning:element", args=[project.pk, element.pk]),
        {"text": "", "column": "nowhere", "version": element.version},
    ).content.decode()
    assert "Enter the element&#39;s text" in page and "Select a valid choice" in page
    earlier = model.elements.filter(column=Column.INPUTS).first()
    response = client.post(
        reverse("planning:link-add", args=[project.pk, element.pk]), {"target": earlier.pk}, follow=True
    )
    assert "Select a valid choice" in response.content.decode()
    missing = client.post(reverse("planning:element-add", args=[project.pk]), {"x": "y"}, follow=True)
    assert "Enter the text of the element" in missing.content.decode()


def test_import_bad_file_changes_nothing(as_user, project, member, model):
    client = as_user(member)
    before = json.dumps(data(model), sort_keys=True)
    bad = io.BytesIO(b'{"format": "mobilise-logic-model", "elements": [{"key": "nope"}], "links": []}')
    bad.name = "model.json"
    page = client.post(reverse("planning:start", args=[project.pk]), {"file": bad}).content.decode()
    assert "There is a problem" in page and "Element 1 has no valid key" in page
    assert json.dumps(data(model), sort_keys=True) == before
    assert model.snapshots.count() == 0


def test_export_json_then_import_into_another_project(as_user, project, member, model):
    from ..factories import MembershipFactory, ProjectFactory

    client = as_user(member)
    exported = client.get(reverse("planning:export", args=[project.pk, "json"]))
    assert exported["Content-Disposition"].startswith("attachment")
    other = ProjectFactory()
    MembershipFactory(project=other, user=member)
    upload = io.BytesIO(exported.content)
    upload.name = "cascade.json"
    assert client.post(reverse("planning:start", args=[other.pk]), {"file": upload}).status_code == 302
    imported = data(LogicModel.objects.get(project=other))
    assert sorted(e["text"] for e in imported["elements"]) == sorted(e["text"] for e in data(model)["elements"])
    assert len(imported["links"]) == model.links.count()


def test_copy_only_from_projects_the_user_can_read(as_user, project, member, model, outsider):
    from ..factories import ProjectFactory

    hidden = ProjectFactory()
    services.replace_contents(project=hidden, data=starters.service_evaluation(), by=None, snapshot_name="x")
    client = as_user(member)
    hidden_model = LogicModel.objects.get(project=hidden)
    mine = ProjectFactory()
    from ..factories import MembershipFactory

    MembershipFactory(project=mine, user=member)
    assert client.post(reverse("planning:start", args=[mine.pk]), {"copy_from": hidden_model.pk}).status_code == 404
    assert client.post(reverse("planning:start", args=[mine.pk]), {"copy_from": model.pk}).status_code == 302
    assert Element.objects.filter(model__project=mine).count() == model.elements.count()


def test_snapshot_compare_restore(as_user, project, member, model, snapshot):
    client = as_user(member)
    removed = model.elements.filter(column=Column.IMPACT).first()
    client.post(reverse("planning:element-delete", args=[project.pk, removed.pk]))
    compare = client.get(reverse("planning:compare", args=[project.pk]), {"a": snapshot.pk, "b": "current"})
    page = compare.content.decode()
    assert "Elements removed (1)" in page and removed.text in page
    client.post(reverse("planning:restore", args=[project.pk, snapshot.pk]))
    assert model.elements.filter(text=removed.text).exists()
    names = list(model.snapshots.values_list("name", flat=True))
    assert "Before restoring “As submitted with the grant”" in names


def test_odd_input_gets_404_not_500(as_user, project, member, model):
    client = as_user(member)
    for odd in ("abc", "²", "99999999999999999999999"):  # "²" is a digit to Python but not to int()
        assert client.post(reverse("planning:start", args=[project.pk]), {"copy_from": odd}).status_code == 404
        assert client.get(reverse("planning:compare", args=[project.pk]), {"a": "x", "b": odd}).status_code == 200
    header = client.post(reverse("planning:header", args=[project.pk]), {"problem": "p"})
    assert "There is a problem" in header.content.decode()


def test_pathways_highlight(as_user, project, member, model):
    focus = model.elements.get(text="Train community champions")
    page = as_user(member).get(reverse("planning:model", args=[project.pk]), {"focus": str(focus.key)})
    text = page.content.decode()
    assert "on pathways from inputs and activities to impact" in text
    assert "Fairer health outcomes for the community" in text
    # The input that feeds the champions' training is on the highlighted pathway too (issue 13).
    listed = text.split('class="app-pathway-list"')[1].split("</ul>")[0]
    assert "Funding for community time" in listed


def test_a_phone_gets_the_model_column_by_column_with_links_and_assumptions_named(as_user, project, member, model):
    text = as_user(member).get(reverse("planning:model", args=[project.pk])).content.decode()
    narrow = text.split('<div class="app-diagram-narrow">')[1].split("</div>")[0]
    card = narrow.split("<strong>Co-design the intervention with community members</strong>")[1].split("</li>")[0]
    assert "Comes from: Community partners and members; Research team" in card
    assert "Leads to: Intervention designed with the community" in card
    assert "Assumption: Community partners have capacity to take part throughout" in card
    assert "Long-term outcomes" in narrow and "Assumptions" not in narrow.split("Assumption:")[0]


def test_the_diagram_shows_the_assumptions(as_user, project, member, model):
    text = as_user(member).get(reverse("planning:model", args=[project.pk])).content.decode()
    svg = text.split('class="lm-diagram"')[1].split("</svg>")[0]
    notes = svg.split('<g class="lm-notes">')[1]
    words = " ".join(re.sub(r"<[^>]+>", " ", notes).split())  # the text of the strip, its wrapped lines joined
    assert words.startswith("Assumptions and external factors")
    assert "Assumption: Community partners have capacity to take part throughout" in words
    assert "About: Co-design the intervention with community members" in words


def test_model_page_queries_do_not_grow(as_user, project, member):
    client = as_user(member)
    counts = []
    for n in (5, 60):
        previous = None
        for i in range(n):
            column = [Column.ACTIVITIES, Column.OUTPUTS, Column.SHORT][i % 3]
            element = services.add_element(project=project, column=column, text=f"Element {column} {i}")
            if previous is not None and previous.column == Column.ACTIVITIES and column == Column.OUTPUTS:
                services.add_link(source=previous, target=element)
            previous = element
        for url in [
            reverse("planning:model", args=[project.pk]),
            reverse("planning:model", args=[project.pk]) + f"?focus={element.key}",
        ]:
            # 10 at most: the whole model's board is kept under the project's data generation, read first.
            with assert_max_queries(10) as queries:
                assert client.get(url).status_code == 200
            counts.append(len(queries))
    assert counts[:2] == counts[2:], counts


def test_a_warm_model_page_reads_no_model_yet_shows_a_change_at_once(as_user, project, lead, viewer):
    """The board is kept for each data generation, apart for those who edit and those who read, with each
    request's own form token put in; a change to the model, or evidence for one of its outcomes, shows at once."""
    # Text that names the mark is shown as written, not with a token put in.
    mark = 'value="csrf-token-of-the-request">'
    element = services.add_element(project=project, column=Column.SHORT, text=f"Women feel able {mark}")
    client = Client(enforce_csrf_checks=True)
    client.force_login(lead)
    url = reverse("planning:model", args=[project.pk])
    client.get(url)
    with override_settings(GENERATIONS_VERIFY=False), CaptureQueriesContext(connection) as warm:
        page = client.get(url).content.decode()
    # Session, user, project, model, the generation and the snapshot count: no element or link.
    assert len(warm) <= 6 and not any("planning_element" in q["sql"] for q in warm.captured_queries)
    assert "Women feel able value=&#34;csrf-token-of-the-request&#34;&gt;" in page
    # The kept board's forms carry this request's token, which the server accepts.
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    moved = client.post(f"{url}elements/{element.pk}/move/", {"direction": "up", "csrfmiddlewaretoken": token})
    assert moved.status_code == 302
    services.add_element(project=project, column=Column.SHORT, text="Practices keep the champions on")
    assert "Practices keep the champions on" in client.get(url).content.decode()
    read = as_user(viewer).get(url).content.decode()
    assert "Practices keep the champions on" in read and "/move/" not in read


def test_exports_open_and_hold_the_elements(as_user, project, viewer, model):
    import docx
    import pypdf

    client = as_user(viewer)
    texts = list(model.elements.values_list("text", flat=True))

    def get(fmt):
        response = client.get(reverse("planning:export", args=[project.pk, fmt]))
        assert response.status_code == 200
        assert f"-logic-model.{fmt}" in response["Content-Disposition"]
        return response.content

    pdf = pypdf.PdfReader(io.BytesIO(get("pdf")))
    pdf_text = " ".join(" ".join(page.extract_text().split()) for page in pdf.pages)
    assert all(" ".join(t.split()) in pdf_text for t in texts)
    document = docx.Document(io.BytesIO(get("docx")))
    cells = {cell.text for table in document.tables for row in table.rows for cell in row.cells}
    assert all(t in cells for t in texts if not t.startswith(("Community partners have",)))
    assert get("png").startswith(b"\x89PNG")
    svg = get("svg").decode()
    assert svg.startswith("<svg") or svg.startswith("<?xml")
    assert "Train community champions" in svg
    assert as_user(None).get(reverse("planning:export", args=[project.pk, "pdf"])).status_code == 302
    assert client.get(reverse("planning:export", args=[project.pk, "exe"])).status_code == 404


def test_outsider_gets_404_on_every_export(as_user, project, outsider, model):
    for fmt in ("json", "svg", "png", "pdf", "docx"):
        assert as_user(outsider).get(reverse("planning:export", args=[project.pk, fmt])).status_code == 404
