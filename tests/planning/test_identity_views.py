"""The pages that remove elements (delete, restore, template, copy, import) name, before anything changes, what
in other apps would lose its link; and a template applied to an empty model does not claim a snapshot."""

import io
import json

from django.urls import reverse

from mobilise.evaluation.models import Indicator
from mobilise.planning import services
from mobilise.planning.access import data
from mobilise.planning.models import LogicModel

from .test_identity import build, links_of


def test_delete_page_names_what_loses_its_link(as_user, project, member):
    els, indicator, claim = build(project)
    page = as_user(member).get(reverse("planning:element-delete", args=[project.pk, els["short"].pk])).content.decode()
    assert "1 thing will no longer be linked to the logic model" in page
    assert "Indicator “Women who know”, linked to “Women know about screening”" in page
    assert "will be removed" not in page, "the element itself is named in the heading, not listed as removed"


def test_restore_page_names_removed_elements_and_lost_links_before_restoring(as_user, project, member):
    snapshot = services.take_snapshot(project=project, name="Empty", by=None)
    els, indicator, claim = build(project)
    before = links_of(project)
    page = as_user(member).get(reverse("planning:restore", args=[project.pk, snapshot.pk])).content.decode()
    assert "4 elements will be removed" in page and "Train champions" in page
    assert "Impact claim “Late diagnoses fell”, linked to “Fewer late cancer diagnoses”" in page
    assert "Indicator “Women who know”" in page
    assert links_of(project) == before


def test_template_over_a_model_is_confirmed_first_naming_lost_links(as_user, project, member):
    build(project)
    client = as_user(member)
    model = LogicModel.objects.get()
    before = json.dumps(data(model), sort_keys=True)
    page = client.post(reverse("planning:start", args=[project.pk]), {"starter": "service"}).content.decode()
    assert "Replace the model with Evaluation of a service intervention?" in page
    assert "Indicator “Women who know”, linked to “Women know about screening”" in page
    assert json.dumps(data(model), sort_keys=True) == before and model.snapshots.count() == 0
    done = client.post(reverse("planning:start", args=[project.pk]), {"starter": "service", "confirmed": "yes"})
    assert done.status_code == 302
    assert model.elements.filter(text="Map how the service works").exists()
    assert Indicator.objects.get().element is None
    assert model.snapshots.count() == 1


def test_import_over_a_model_is_confirmed_then_applied_from_the_posted_back_file(as_user, project, member):
    build(project)
    client = as_user(member)
    exported = data(LogicModel.objects.get())
    exported["elements"] = [e for e in exported["elements"] if e["text"] != "Women know about screening"]
    exported["links"] = [
        link for link in exported["links"] if link["source"] in {e["key"] for e in exported["elements"]}
    ]
    exported["links"] = [
        link for link in exported["links"] if link["target"] in {e["key"] for e in exported["elements"]}
    ]
    upload = io.BytesIO(json.dumps(exported).encode())
    upload.name = "trimmed.json"
    page = client.post(reverse("planning:start", args=[project.pk]), {"file": upload}).content.decode()
    assert "Replace the model with trimmed.json?" in page and "Indicator “Women who know”" in page
    assert "Impact claim" not in page, "the claim's element is kept, so it keeps its link"
    assert LogicModel.objects.get().elements.count() == 4
    again = {"model_file": json.dumps(exported), "file_name": "trimmed.json", "confirmed": "yes"}
    assert client.post(reverse("planning:start", args=[project.pk]), again).status_code == 302
    assert LogicModel.objects.get().elements.count() == 3
    assert sum(1 for key in links_of(project).values() if key) == 1


def test_a_template_on_an_empty_model_keeps_no_snapshot_and_says_none(as_user, project, member):
    client = as_user(member)
    response = client.post(reverse("planning:start", args=[project.pk]), {"starter": "community"}, follow=True)
    page = response.content.decode()
    assert "The model now holds Co-produced community intervention." in page
    assert "kept as a snapshot" not in page
    assert LogicModel.objects.get().snapshots.count() == 0


def test_template_prompts_are_hints_not_content(as_user, project, member):
    client = as_user(member)
    client.post(reverse("planning:start", args=[project.pk]), {"starter": "community"})
    model = LogicModel.objects.get()
    assert (model.problem, model.population) == ("", "")
    exported = json.loads(client.get(reverse("planning:export", args=[project.pk, "json"])).content)
    assert (exported["problem"], exported["population"]) == ("", "")
    board = client.get(reverse("planning:model", args=[project.pk])).content.decode()
    assert "Not written yet. From the template: Describe the health problem as the community describes it." in board
    form = client.get(reverse("planning:header", args=[project.pk])).content.decode()
    assert "From the template: Name the community, for example by place, language, age and ethnicity." in form
    # Once written, the text is the user's and the hint is no longer shown on the board.
    client.post(
        reverse("planning:header", args=[project.pk]),
        {"problem": "Late diagnoses", "context": "", "population": "", "version": model.version},
    )
    board = client.get(reverse("planning:model", args=[project.pk])).content.decode()
    assert "Late diagnoses" in board and "Describe the health problem" not in board
    # A snapshot keeps the hints, and restoring it brings them back without making them content.
    snapshot = services.take_snapshot(project=project, name="With hints", by=None)
    services.restore_snapshot(snapshot=snapshot, by=None)
    assert LogicModel.objects.get().hints["population"].startswith("Name the community")


def test_a_posted_back_file_with_hostile_fields_is_refused_or_cleaned(as_user, project, member):
    build(project)
    client = as_user(member)
    url = reverse("planning:start", args=[project.pk])
    page = client.post(url, {"model_file": "{not json", "file_name": "x", "confirmed": "yes"}).content.decode()
    assert "The file is not a JSON file exported from a logic model" in page
    exported = json.dumps(data(LogicModel.objects.get()) | {"elements": [], "links": []})
    done = client.post(url, {"model_file": exported, "file_name": "a\x00b.json", "confirmed": "yes"})
    assert done.status_code == 302
    assert LogicModel.objects.get().snapshots.get().name == "Before loading ab.json"
