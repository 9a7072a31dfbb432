"""A large model's PDF or PNG is drawn by the task queue, within limits, and then downloaded; a small one at once."""

import uuid

import pytest
from django.urls import reverse

from bench.exports import largest_model
from mobilise.documents import bounded
from mobilise.planning import services, services_export
from mobilise.planning.models import DiagramExport


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def big_model_data(elements):
    """A model in the import shape, past the size drawn in the request."""
    doc = largest_model(elements=elements)
    keys = {e["key"]: str(uuid.UUID(int=i + 1)) for i, e in enumerate(doc["elements"])}
    for element in doc["elements"]:
        element.update({"key": keys[element["key"]], "about": None, "about_link": None})
    for link in doc["links"]:
        link.update({"source": keys[link["source"]], "target": keys[link["target"]]})
    doc["notes"] = []
    return {"format": "mobilise-logic-model", "version": 1, **doc}


@pytest.fixture
def big(project):
    services.replace_contents(
        project=project, data=big_model_data(services_export.QUEUED_FROM + 10), by=None, snapshot_name="x"
    )


def test_a_big_model_png_is_drawn_by_the_task_and_downloads(
    as_user, project, viewer, big, django_capture_on_commit_callbacks
):
    client = as_user(viewer)
    url = reverse("planning:export", args=[project.pk, "png"])
    page = client.get(url)  # a GET draws nothing: it offers a button
    assert page.status_code == 200 and "Prepare the PNG picture" in page.content.decode()
    assert not DiagramExport.objects.exists()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url)
    job = DiagramExport.objects.get()
    assert response.url == reverse("planning:export-job", args=[project.pk, job.pk])
    assert job.state == DiagramExport.State.DONE and job.file

    waiting = client.get(response.url).content.decode()
    assert "Your PNG picture is ready" in waiting and 'http-equiv="refresh"' not in waiting
    download = client.get(reverse("planning:export-download", args=[project.pk, job.pk]))
    assert download.status_code == 200
    assert b"".join(download.streaming_content).startswith(b"\x89PNG")
    assert 'filename="' in download["Content-Disposition"]

    with django_capture_on_commit_callbacks(execute=True):  # asked again for the same model: the same file
        assert client.post(url).url == response.url
    assert DiagramExport.objects.count() == 1


def test_the_waiting_page_refreshes_itself_with_and_without_javascript(
    as_user, project, viewer, big, django_capture_on_commit_callbacks
):
    client = as_user(viewer)
    with django_capture_on_commit_callbacks(execute=False):  # no worker has picked it up yet
        response = client.post(reverse("planning:export", args=[project.pk, "pdf"]))
    job = DiagramExport.objects.get()
    assert job.state == DiagramExport.State.QUEUED
    page = client.get(response.url).content.decode()
    assert '<meta http-equiv="refresh" content="5">' in page  # inside <noscript>
    assert f'data-hx-get="{response.url}"' in page and 'data-hx-trigger="every 2s"' in page
    fragment = client.get(response.url, headers={"HX-Request": "true"}).content.decode()
    assert fragment.lstrip().startswith("{#") is False and 'id="export-job"' in fragment
    assert client.get(reverse("planning:export-download", args=[project.pk, job.pk])).status_code == 404


def test_an_export_past_its_time_limit_fails_with_a_message(
    as_user, project, viewer, big, monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(services_export, "TIME_LIMIT", 0.01)
    client = as_user(viewer)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("planning:export", args=[project.pk, "pdf"]))
    job = DiagramExport.objects.get()
    assert job.state == DiagramExport.State.FAILED and not job.file
    assert "took longer than" in client.get(response.url).content.decode()


def test_a_small_model_downloads_at_once(as_user, project, viewer):
    services.replace_contents(project=project, data=big_model_data(20), by=None, snapshot_name="x")
    response = as_user(viewer).get(reverse("planning:export", args=[project.pk, "png"]))
    assert response.status_code == 200 and response.content.startswith(b"\x89PNG")
    assert not DiagramExport.objects.exists()


def test_the_bounded_renderer_stops_at_its_memory_limit():
    with pytest.raises(bounded.ExportFailed, match="memory"):
        bounded.render("png", largest_model(elements=400), seconds=60, memory_mb=150)
