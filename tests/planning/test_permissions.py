"""Every logic-model URL, for every persona."""

import pytest
from django.core.files.base import ContentFile

from mobilise.planning.models import Column, DiagramExport

from ..factories import ElementFactory, LinkFactory, LogicModelFactory, SnapshotFactory
from ..permissions import EDIT, READ, Url, check_every_persona, names_in, when_allowed

P = ("project",)
URLS = [
    Url("planning:model", P, READ),
    Url("planning:header", P, EDIT),
    Url("planning:element-add", P, when_allowed(EDIT, 302), "post", {"outputs-column": "outputs", "outputs-text": "x"}),
    Url("planning:element", (*P, "element"), EDIT),
    Url("planning:element-move", (*P, "element"), when_allowed(EDIT, 302), "post", {"direction": "down"}),
    Url("planning:element-delete", (*P, "element"), EDIT),
    Url("planning:link-add", (*P, "element"), when_allowed(EDIT, 302), "post", {}),
    Url("planning:link", (*P, "link"), EDIT),
    Url("planning:start", P, EDIT),
    Url("planning:snapshots", P, READ),
    Url("planning:compare", P, READ),
    Url("planning:snapshot", (*P, "snapshot"), READ),
    Url("planning:restore", (*P, "snapshot"), EDIT),
    Url("planning:export", (*P, "json"), READ),
    Url("planning:export-job", (*P, "export"), READ),
    Url("planning:export-download", (*P, "export"), READ),
]


@pytest.fixture
def objects(project, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    model = LogicModelFactory(project=project)
    link = LinkFactory(model=model)
    ElementFactory(model=model, column=Column.SHORT)
    export = DiagramExport.objects.create(project=project, fmt="svg", digest="0" * 64, state=DiagramExport.State.DONE)
    export.file.save("x.svg", ContentFile(b"<svg/>"))
    return {
        "project": project,
        "element": link.source,
        "link": link,
        "snapshot": SnapshotFactory(model=model),
        "export": export,
    }


@pytest.mark.parametrize("url", URLS, ids=str)
def test_url_by_persona(request, objects, url):
    check_every_persona(url, objects, request)


def test_the_table_has_every_url():
    assert names_in("mobilise.planning.urls") == {url.name for url in URLS}
