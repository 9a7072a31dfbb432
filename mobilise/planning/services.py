"""Writes to logic models. Each function is one transaction."""

import uuid

from django.db import IntegrityError, transaction
from django.db.models import Max

from mobilise.core.versioning import check_version

from . import modeldata
from .models import CAUSAL, NOTES, RANK, Element, Link, LogicModel, Snapshot


class PlanningError(Exception):
    pass


@transaction.atomic
def ensure_model(project):
    """The project's model, created on first write and locked for the rest of the transaction, so two
    people's changes to one model happen one after the other (positions, keys and links stay consistent)."""
    LogicModel.objects.get_or_create(project=project)
    return LogicModel.objects.select_for_update().get(project=project)


@transaction.atomic
def update_header(*, model, expected_version, problem, context, population):
    model = ensure_model(model.project)
    current = LogicModel.objects.select_for_update().get(pk=model.pk)
    check_version(current, expected_version, {"problem": problem, "context": context, "population": population})
    current.problem, current.context, current.population = problem, context, population
    current.version += 1
    current.save()
    return current


def _next_position(model, column):
    top = model.elements.filter(column=column).aggregate(top=Max("position"))["top"]
    return 0 if top is None else top + 1


def _check_attachment(model, column, about_element, about_link):
    if column not in NOTES and (about_element or about_link):
        raise PlanningError("Only assumptions and external factors can be attached to elements or links")
    if about_element and about_link:
        raise PlanningError("Attach it to an element or to a link, not both")
    for thing in (about_element, about_link):
        if thing is not None and thing.model_id != model.pk:
            raise PlanningError("Attach it to something in this model")


@transaction.atomic
def add_element(*, project, column, text, description="", about_element=None, about_link=None):
    model = ensure_model(project)
    _check_attachment(model, column, about_element, about_link)
    return Element.objects.create(
        model=model,
        column=column,
        text=text,
        description=description,
        position=_next_position(model, column),
        about_element=about_element,
        about_link=about_link,
    )


@transaction.atomic
def update_element(*, element, expected_version, text, description, column, about_element=None, about_link=None):
    ensure_model(element.model.project)
    current = Element.objects.select_for_update().get(pk=element.pk)
    check_version(current, expected_version, {"text": text, "description": description, "column": column})
    _check_attachment(current.model, column, about_element, about_link)
    if column != current.column:
        if (column in NOTES) != (current.column in NOTES):
            raise PlanningError("An element cannot become an assumption or external factor, or the reverse")
        current.position = _next_position(current.model, column)
    current.text, current.description, current.column = text, description, column
    current.about_element, current.about_link = about_element, about_link
    current.version += 1
    current.save()
    return current


@transaction.atomic
def move_element(*, element, direction):
    """Up or down within its column, or left or right to the next causal column."""
    ensure_model(element.model.project)
    element = Element.objects.select_for_update().get(pk=element.pk)
    siblings = list(element.model.elements.filter(column=element.column).order_by("position", "pk"))
    index = siblings.index(element)
    if direction in ("up", "down"):
        other = index - 1 if direction == "up" else index + 1
        if not 0 <= other < len(siblings):
            return element
        siblings[index], siblings[other] = siblings[other], siblings[index]
        for position, sibling in enumerate(siblings):
            if sibling.position != position:
                sibling.position = position
                sibling.version += 1
                sibling.save(update_fields=["position", "version"])
        return element
    if element.column not in RANK or direction not in ("left", "right"):
        raise PlanningError("This element cannot move that way")
    rank = RANK[element.column] + (-1 if direction == "left" else 1)
    if not 0 <= rank < len(CAUSAL):
        raise PlanningError("There is no column further that way")
    element.column = CAUSAL[rank]
    element.position = _next_position(element.model, element.column)
    element.version += 1
    element.save()
    return element


@transaction.atomic
def delete_element(*, element):
    element.delete()


def _check_link(source, target):
    if source.model_id != target.model_id:
        raise PlanningError("Both ends of a link must be in the same model")
    if source.pk == target.pk:
        raise PlanningError("An element cannot link to itself")
    if source.column not in RANK or target.column not in RANK:
        raise PlanningError("Assumptions and external factors are attached, not linked")
    if RANK[source.column] >= RANK[target.column]:
        raise PlanningError(f"Links run from an earlier column to a later one: “{target}” is not after “{source}”")


@transaction.atomic
def add_link(*, source, target, rationale=""):
    _check_link(source, target)
    ensure_model(source.model.project)
    if Link.objects.filter(source=source, target=target).exists():
        raise PlanningError(f"“{source}” already links to “{target}”")
    try:
        with transaction.atomic():
            return Link.objects.create(model_id=source.model_id, source=source, target=target, rationale=rationale)
    except IntegrityError:
        raise PlanningError(f"“{source}” already links to “{target}”") from None


@transaction.atomic
def update_link(*, link, rationale):
    link.rationale = rationale
    link.save()
    return link


@transaction.atomic
def delete_link(*, link):
    link.delete()


@transaction.atomic
def take_snapshot(*, project, name, by):
    model = ensure_model(project)
    data = modeldata.serialise(model, list(model.elements.all()), list(model.links.all()))
    return Snapshot.objects.create(model=model, name=name, data=data, created_by=by)


@transaction.atomic
def replace_contents(*, project, data, by, snapshot_name):
    """Make the model hold exactly data (already checked by modeldata.parse), after a safety snapshot."""
    model = ensure_model(project)
    if model.elements.exists() or model.problem or model.context or model.population:
        take_snapshot(project=project, name=snapshot_name, by=by)
    model.elements.all().delete()
    model.problem = data.get("problem", "")
    model.context = data.get("context", "")
    model.population = data.get("population", "")
    model.version += 1
    model.save()
    created = {}
    for item in sorted(data["elements"], key=lambda e: (e["column"], e.get("position", 0))):
        created[item["key"]] = Element.objects.create(
            model=model,
            key=uuid.UUID(item["key"]),
            column=item["column"],
            text=item["text"].strip(),
            description=item.get("description", ""),
            position=item.get("position", 0),
        )
    links = {}
    for item in data["links"]:
        link = Link.objects.create(
            model=model,
            source=created[item["source"]],
            target=created[item["target"]],
            rationale=item.get("rationale", ""),
        )
        links[(item["source"], item["target"])] = link
    for item in data["elements"]:
        if item.get("about") or item.get("about_link"):
            element = created[item["key"]]
            element.about_element = created.get(item.get("about"))
            element.about_link = links.get(tuple(item["about_link"])) if item.get("about_link") else None
            element.save(update_fields=["about_element", "about_link"])
    return model


def fresh_keys(data):
    """A copy of model data with new element keys, for copying one project's model into another."""
    mapping = {e["key"]: str(uuid.uuid4()) for e in data["elements"]}
    copy = {**data, "elements": [], "links": []}
    for e in data["elements"]:
        about_link = [mapping[k] for k in e["about_link"]] if e.get("about_link") else None
        copy["elements"].append(
            {**e, "key": mapping[e["key"]], "about": mapping.get(e.get("about")), "about_link": about_link}
        )
    for link in data["links"]:
        copy["links"].append({**link, "source": mapping[link["source"]], "target": mapping[link["target"]]})
    return copy


@transaction.atomic
def restore_snapshot(*, snapshot, by):
    return replace_contents(
        project=snapshot.model.project,
        data=snapshot.data,
        by=by,
        snapshot_name=f"Before restoring “{snapshot.name}”",
    )
