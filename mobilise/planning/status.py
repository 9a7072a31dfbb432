"""How the logic model stands, for the project's home (the projects.jobs hook): in four queries at most."""

from collections import Counter

from django.urls import reverse

from mobilise.core.models import User
from mobilise.projects import generations
from mobilise.projects.jobs import JobStatus, Step, plural
from mobilise.projects.models import Project
from mobilise.projects.rules import EDIT, can

from . import access, indicators, modeldata

# What the model review finds, as a count of things to fix, most pressing first.
FINDINGS = {
    "no_indicator": ("outcome without an indicator", "outcomes without an indicator"),
    "unreached": ("outcome no activity leads to", "outcomes no activity leads to"),
    "dead_end": ("activity leading to no outcome", "activities leading to no outcome"),
    "backwards": ("link going backwards", "links going backwards"),
    "unlinked": ("element without links", "elements without links"),
    "unattached": ("assumption or factor attached to nothing", "assumptions or factors attached to nothing"),
}


def status(project: Project, user: User) -> JobStatus:
    # Reading and reviewing the whole model was two fifths of the project's home on a 400-element model: worked out
    # once for each data generation (for editors and for readers, whose next step differs).
    editor = can(user, EDIT, project)
    return generations.cached_one("model-status", project.pk, lambda: _status(project, editor), part=str(editor))


def _status(project: Project, editor: bool) -> JobStatus:
    model = access.model_of(project)
    elements, links = access.contents(model)
    if not elements:
        if editor:
            url = reverse("planning:start", args=[project.pk])
            return JobStatus("Not started", (Step("No logic model yet: start from a template", url),))
        return JobStatus("Not started: no logic model yet")
    data = modeldata.serialise(model, elements, links)
    found = Counter(f["kind"] for f in modeldata.review(data, indicator_keys=indicators.element_keys(model)))
    url = reverse("planning:model", args=[project.pk]) + "#review"
    steps = tuple(Step(plural(found[kind], *nouns), url) for kind, nouns in FINDINGS.items() if found[kind])
    state = f"{plural(len(elements), 'element')} and {plural(len(links), 'link')}"
    return JobStatus(state, steps)
