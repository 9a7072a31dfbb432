"""Writes to logic models. Each function is one transaction."""

import uuid

from django.db import IntegrityError, transaction
from django.db.models import Max

from mobilise.core.versioning import check_version

from . import modeldata, references
from .models import CAUSAL, NOTES, RANK, Element, Link, LogicModel, LostLink, Snapshot


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


def _check_room(rows, limit, noun):
    if rows.count() >= limit:
        raise PlanningError(f"A logic model can hold up to {limit:,} {noun}. Remove one before adding another.")


@transaction.atomic
def add_element(*, project, column, text, description="", about_element=None, about_link=None):
    model = ensure_model(project)
    _check_attachment(model, column, about_element, about_link)
    _check_room(model.elements, modeldata.MAX_ELEMENTS, "elements")
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
    model = ensure_model(element.model.project)
    _forget(model, [element])
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
    _check_room(Link.objects.filter(model_id=source.model_id), modeldata.MAX_LINKS, "links")
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


def _forget(model, elements):
    """Before these elements go: remember, by element key, what in other apps points at them."""
    keys = {e.pk: e.key for e in elements}
    LostLink.objects.bulk_create(
        LostLink(model=model, key=keys[ref.element_pk], provider=name, ref=ref.ref[:100])
        for name, ref in references.linked(elements)
    )


def _bring_back(model, elements):
    """What pointed at these elements before they went points at them again."""
    by_key = {e.key: e for e in elements}
    lost = list(LostLink.objects.filter(model=model, key__in=list(by_key)))
    for item in lost:
        references.relink(item.provider, item.ref, by_key[item.key])
    LostLink.objects.filter(pk__in=[item.pk for item in lost]).delete()


def has_content(model):
    return model.pk is not None and (
        model.elements.exists() or bool(model.problem or model.context or model.population)
    )


def _put_elements(model, wanted):
    """Elements as data lists them, by key: kept ones updated in place, so whatever points at them still does;
    the rest created. Returns {key text: element}, and the elements created."""
    current = {str(e.key): e for e in model.elements.all()}
    gone = [e for key, e in current.items() if key not in wanted]
    _forget(model, gone)
    Element.objects.filter(pk__in=[e.pk for e in gone]).delete()
    elements, created = {}, []
    for key, item in wanted.items():
        values = {
            "column": item["column"],
            "text": item["text"].strip(),
            "description": item.get("description", ""),
            "position": item.get("position", 0),
        }
        element = current.get(key)
        if element is None:
            element = Element.objects.create(model=model, key=uuid.UUID(key), **values)
            created.append(element)
        elif any(getattr(element, name) != value for name, value in values.items()):
            for name, value in values.items():
                setattr(element, name, value)
            element.version += 1
            # Only these fields: its attachment may name an element just removed, and is set afterwards.
            element.save(update_fields=[*values, "version"])
        elements[key] = element
    return elements, created


def _put_links(model, data, elements):
    """Links as data lists them, by the keys of their ends; returns {(source key, target key): link}."""
    current = {
        (str(link.source.key), str(link.target.key)): link for link in model.links.select_related("source", "target")
    }
    wanted = {(item["source"], item["target"]): item for item in data["links"]}
    Link.objects.filter(pk__in=[link.pk for pair, link in current.items() if pair not in wanted]).delete()
    links = {}
    for pair, item in wanted.items():
        link = current.get(pair)
        if link is None:
            link = Link.objects.create(
                model=model, source=elements[pair[0]], target=elements[pair[1]], rationale=item.get("rationale", "")
            )
        elif link.rationale != item.get("rationale", ""):
            link.rationale = item.get("rationale", "")
            link.save()
        links[pair] = link
    return links


@transaction.atomic
def replace_contents(*, project, data, by, snapshot_name):
    """Make the model hold exactly data (already checked by modeldata.parse). Elements are matched by key, so an
    element that stays keeps everything that points at it; a safety snapshot is taken first when there is
    anything to keep, and returned (else None)."""
    model = ensure_model(project)
    safety = take_snapshot(project=project, name=snapshot_name, by=by) if has_content(model) else None
    model.problem = data.get("problem", "")
    model.context = data.get("context", "")
    model.population = data.get("population", "")
    model.hints = dict(data.get("hints") or {})
    model.version += 1
    model.save()
    elements, created = _put_elements(model, {item["key"]: item for item in data["elements"]})
    links = _put_links(model, data, elements)
    for item in data["elements"]:
        element = elements[item["key"]]
        about = elements.get(item.get("about")) if item.get("about") else None
        about_link = links.get(tuple(item["about_link"])) if item.get("about_link") else None
        if (element.about_element_id, element.about_link_id) != (
            getattr(about, "pk", None),
            getattr(about_link, "pk", None),
        ):
            element.about_element, element.about_link = about, about_link
            element.version += 1
            element.save(update_fields=["about_element", "about_link", "version"])
    _bring_back(model, created)
    return safety


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
