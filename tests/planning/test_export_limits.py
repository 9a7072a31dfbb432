"""A model holds no more than the limits its exports are measured at: the board refuses more, and an export of a
model past them (one from before the limits) is refused with a message, never drawn without bound."""

import pytest
from django.urls import reverse

from mobilise.planning import modeldata, services, starters
from mobilise.planning.models import Column, Element, Link


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


def test_the_board_refuses_an_element_past_the_limit_and_saves_nothing(as_user, project, member, model, monkeypatch):
    elements = Element.objects.filter(model__project=project)
    monkeypatch.setattr(modeldata, "MAX_ELEMENTS", elements.count())
    response = as_user(member).post(
        reverse("planning:element-add", args=[project.pk]),
        {"outputs-column": "outputs", "outputs-text": "One too many"},
        follow=True,
    )
    page = response.content.decode()
    assert f"A logic model can hold up to {elements.count():,} elements. Remove one before adding another." in page
    assert not elements.filter(text="One too many").exists()


def test_the_board_refuses_a_link_past_the_limit_and_saves_nothing(as_user, project, member, model, monkeypatch):
    links = Link.objects.filter(model__project=project)
    monkeypatch.setattr(modeldata, "MAX_LINKS", links.count())
    source = Element.objects.get(model__project=project, column=Column.INPUTS, text="Research team")
    target = Element.objects.get(model__project=project, column=Column.IMPACT)
    response = as_user(member).post(
        reverse("planning:link-add", args=[project.pk, source.pk]), {"target": target.pk}, follow=True
    )
    assert "A logic model can hold up to" in response.content.decode()
    assert not links.filter(source=source, target=target).exists()
    monkeypatch.setattr(modeldata, "MAX_LINKS", links.count() + 1)
    services.add_link(source=source, target=target)  # one below the limit is still added
    assert links.filter(source=source, target=target).exists()
