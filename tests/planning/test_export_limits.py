"""An export of a model past the import limit is refused with a message, never drawn without bound."""

import pytest
from django.urls import reverse

from mobilise.planning import modeldata, services, starters


@pytest.fixture
def model(project):
    services.replace_contents(project=project, data=starters.coproduced_community(), by=None, snapshot_name="x")


@pytest.mark.parametrize("fmt", ["svg", "png", "pdf", "docx"])
@pytest.mark.parametrize("limit", ["MAX_ELEMENTS", "MAX_LINKS"])
def test_a_model_past_the_limit_is_refused_with_a_message(as_user, project, viewer, model, monkeypatch, fmt, limit):
    monkeypatch.setattr(modeldata, limit, 3)
    client = as_user(viewer)
    response = client.get(reverse("planning:export", args=[project.pk, fmt]), follow=True)
    assert response.status_code == 200
    assert response.redirect_chain[-1][0] == reverse("planning:model", args=[project.pk])
    page = response.content.decode()
    assert f"too large to export as {fmt.upper()}" in page and "export it as JSON" in page
    assert client.get(reverse("planning:export", args=[project.pk, "json"])).status_code == 200
