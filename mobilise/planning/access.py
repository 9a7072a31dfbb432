"""Scoped reads of logic models: through the project, so the project's roles decide."""

from collections.abc import Iterable
from types import SimpleNamespace
from typing import NamedTuple

from django.core.cache import caches
from django.db.models import Case, Count, IntegerField, QuerySet, Sum, Value, When
from django.http import Http404
from django.shortcuts import get_object_or_404

from mobilise.core.forms import is_id
from mobilise.projects import access as project_access
from mobilise.projects.models import Project

from . import modeldata
from .models import CAUSAL, NOTES, OUTCOMES, DiagramExport, Element, Link, LogicModel, Snapshot

summaries = caches["summaries"]
_EMPTY_MODEL = SimpleNamespace(problem="", context="", population="", hints={})
MEASURED = OUTCOMES[:3]  # the outcomes the model review expects an indicator on (not impact)


def model_of(project: Project) -> LogicModel:
    """The project's logic model; unsaved and empty until the first edit."""
    return LogicModel.objects.filter(project=project).first() or LogicModel(project=project)


def project_elements(project: Project, columns: Iterable[str]) -> QuerySet[Element]:
    """The elements in these columns of the project's model, in the board's order (columns left to right, each
    top to bottom): for the apps that measure or cite them."""
    rank = Case(*(When(column=c, then=Value(i)) for i, c in enumerate(CAUSAL + NOTES)), output_field=IntegerField())
    return (
        Element.objects.filter(model__project=project, column__in=columns)
        .annotate(column_rank=rank)
        .order_by("column_rank", "position", "pk")
    )


def project_snapshots(project: Project) -> QuerySet[Snapshot]:
    """The snapshots of the project's model, without their data: for choosing one."""
    return Snapshot.objects.filter(model__project=project).defer("data")


def contents(model):
    """Elements and links of the model, in two queries whatever its size."""
    if model.pk is None:
        return [], []
    elements = list(model.elements.order_by("position", "pk"))
    links = list(model.links.all())
    return elements, links


def data(model):
    return modeldata.serialise(model, *contents(model))


def removed_by(model: LogicModel, new: dict) -> list[Element]:
    """The model's elements that new model data (a snapshot, a template, a file) does not keep, matched by key."""
    if model.pk is None:
        return []
    keep = {e["key"] for e in new["elements"]}
    return [e for e in model.elements.order_by("column", "position", "pk") if str(e.key) not in keep]


def document(project: Project, data: dict) -> dict:
    """The model's data in the shape the documents draw, titled after the project."""
    return modeldata.for_documents(data, f"{project.short_title}: logic model")


def get_export(project: Project, pk: int) -> DiagramExport:
    """An export of the project's model (the project was resolved with its permission already)."""
    return get_object_or_404(DiagramExport.objects.filter(project=project), pk=pk)


def get_element(model, pk):
    return get_object_or_404(Element.objects.filter(model_id=model.pk), pk=pk)


def get_link(model, pk):
    return get_object_or_404(Link.objects.filter(model_id=model.pk).select_related("source", "target"), pk=pk)


def snapshots(model):
    """Snapshots newest first, without their data, for lists."""
    return Snapshot.objects.filter(model_id=model.pk).select_related("created_by").defer("data")


def get_snapshot(model, pk):
    return get_object_or_404(Snapshot.objects.filter(model_id=model.pk).select_related("created_by"), pk=pk)


def find_snapshot(model, value):
    """The snapshot a query-string value names, or None when it names none of this model's."""
    return Snapshot.objects.filter(model_id=model.pk, pk=int(value)).first() if is_id(str(value)) else None


def readable_model(user, project, pk):
    """Another project's model the user may copy, or 404."""
    if not is_id(str(pk)):
        raise Http404
    return get_object_or_404(readable_models(user, project), pk=int(pk))


def readable_models(user, exclude_project):
    """Other projects' models the user may copy from."""
    projects = project_access.projects_for(user).exclude(pk=exclude_project.pk)
    return (
        LogicModel.objects.filter(project__in=projects, elements__isnull=False)
        .distinct()
        .select_related("project")
        .order_by("project__short_title")
    )


class ReviewedElement(NamedTuple):
    """An element as the model review's count reads it (modeldata.serialise), without building a model instance:
    its pk stands for its key, and no text is loaded (the count of findings does not read it)."""

    pk: int
    column: str
    about_element_id: int | None
    about_link_id: int | None
    key: int = 0
    text: str = ""
    description: str = ""
    position: int = 0


class ReviewedLink(NamedTuple):
    pk: int
    source_id: int
    target_id: int
    rationale: str = ""


class ModelSummary(NamedTuple):
    """What the plan health check reads of a logic model: how many elements it has, how many findings the model
    review has on it, and how many outcomes the review expects an indicator on (in the columns `MEASURED`)."""

    elements: int
    findings: int
    outcomes: int


SUMMARY_SECONDS = 24 * 3600


def _fingerprints(ids: Iterable[int]) -> dict[int, str]:
    """Per project with a model, a name for everything the review reads of it, from two aggregate queries. Every
    edit changes it: pks only grow, so a change to which elements or links exist changes a count or a sum of pks;
    a change to an element's column or attachment adds one to its version (planning.services); the review reads
    nothing of a link that can be edited."""
    elements = (
        Element.objects.filter(model__project_id__in=ids)
        .values("model__project_id")
        .annotate(n=Count("pk"), pks=Sum("pk"), versions=Sum("version"))
        .order_by()
        .values_list("model__project_id", "n", "pks", "versions")
    )
    links = (
        Link.objects.filter(model__project_id__in=ids)
        .values("model__project_id")
        .annotate(n=Count("pk"), pks=Sum("pk"))
        .order_by()
        .values_list("model__project_id", "n", "pks")
    )
    names = {project: [n, pks, versions, 0, 0] for project, n, pks, versions in elements}
    for project, n, pks in links:
        names[project][3:] = [n, pks]
    return {project: ":".join(map(str, name)) for project, name in names.items()}


def _contents(ids: list[int]) -> dict[int, tuple[list[ReviewedElement], list[ReviewedLink]]]:
    """Each project's elements and links as plain rows holding only what the review reads, in two queries."""
    result: dict[int, tuple[list[ReviewedElement], list[ReviewedLink]]] = {}
    elements = Element.objects.filter(model__project_id__in=ids).order_by()
    for project, pk, *element in elements.values_list("model__project_id", *ReviewedElement._fields[:4]):
        result.setdefault(project, ([], []))[0].append(ReviewedElement(pk, *element, key=pk))
    links = Link.objects.filter(model__project_id__in=ids).order_by()
    for project, *link in links.values_list("model__project_id", *ReviewedLink._fields[:3]):
        result.setdefault(project, ([], []))[1].append(ReviewedLink(*link))
    return result


def summaries_of_projects(project_ids: Iterable[int]) -> dict[int, ModelSummary]:
    """Each project's model summary, for the plan health check over many projects (a project without elements is
    missing). Reviewing a model means reading all of its rows, so each summary is kept in the cache under its
    model's fingerprint: an unchanged model costs the two fingerprint queries, and an edited one has a new name, so
    an old summary is never read; only the changed models are read again (two more queries)."""
    fingerprints = _fingerprints(project_ids)
    names = {project: f"model-summary:{project}:{name}" for project, name in fingerprints.items()}
    kept = summaries.get_many(list(names.values()))
    result = {project: kept[name] for project, name in names.items() if name in kept}
    missing = [p for p in names if p not in result]
    if not missing:  # the usual case: building the two reads for no project costs as much as the rest
        return result
    fresh = {}
    for project, (elements, links) in _contents(missing).items():
        findings = modeldata.review(modeldata.serialise(_EMPTY_MODEL, elements, links))
        outcomes = sum(1 for e in elements if e.column in MEASURED)
        result[project] = fresh[names[project]] = ModelSummary(len(elements), len(findings), outcomes)
    summaries.set_many(fresh, SUMMARY_SECONDS)
    return result
