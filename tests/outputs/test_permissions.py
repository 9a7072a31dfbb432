"""Every outputs URL (findings, audiences, products) and the glossary, for every persona."""

import pytest

from ..factories import FindingFactory, OutputFactory, ReviewCommentFactory, ReviewFactory, SectionFactory
from ..permissions import EDIT, READ, SIGNED_IN, Url, check_every_persona, names_in, when_allowed

P = ("project",)
OUT = (*P, "output")
URLS = [
    Url("outputs:home", P, READ),
    Url("outputs:finding-new", P, EDIT),
    Url("outputs:finding", (*P, "finding"), EDIT),
    Url("outputs:finding-hear", (*P, "finding"), READ),
    Url("outputs:audience-new", P, EDIT),
    Url("outputs:audience", (*P, "audience"), EDIT),
    Url("outputs:output-new", P, EDIT),
    Url("outputs:output", OUT, READ),
    Url("outputs:edit", OUT, EDIT),
    Url("outputs:readability", OUT, EDIT, "post", {"body": "Uptake rose."}),
    Url("outputs:action", OUT, when_allowed(EDIT, 302), "post", {"action": "return"}),
    Url("outputs:review", OUT, EDIT),
    Url("outputs:versions", OUT, READ),
    Url("outputs:send", OUT, EDIT),
    Url("outputs:export", (*OUT, "html"), READ),
    Url("glossary", (), SIGNED_IN),
]


@pytest.fixture
def objects(project, lead):
    finding = FindingFactory(project=project)
    output = OutputFactory(project=project, created_by=lead)
    output.findings.add(finding)
    SectionFactory(output=output)
    ReviewCommentFactory(review=ReviewFactory(target=output, requested_by=lead), author=lead)
    return {"project": project, "finding": finding, "audience": output.audience, "output": output}


@pytest.mark.parametrize("url", URLS, ids=str)
def test_url_by_persona(request, objects, url):
    check_every_persona(url, objects, request)


def test_the_table_has_every_url():
    assert names_in("mobilise.outputs.urls") | {"glossary"} == {url.name for url in URLS}
