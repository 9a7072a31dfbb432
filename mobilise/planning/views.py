import hashlib
import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.text import slugify
from django.views.decorators.http import require_http_methods, require_POST

from mobilise.core.paging import paginate
from mobilise.core.versioning import StaleEdit
from mobilise.documents import logic_model as documents
from mobilise.projects import access as project_access

from . import access, indicators, modeldata, services, starters
from .forms import (
    AddElementForm,
    ElementForm,
    HeaderForm,
    ImportForm,
    LinkForm,
    NoteForm,
    RationaleForm,
    SnapshotForm,
)
from .models import CAUSAL, NOTES, Column

EDIT = "projects.change_project"


def _board_url(project, anchor=""):
    return reverse("planning:model", args=[project.pk]) + (f"#{anchor}" if anchor else "")


def _columns(elements, links):
    """Columns in order, each with its elements, and each element with what it leads to."""
    by_pk = {e.pk: e for e in elements}
    for e in elements:
        e.leads_to, e.attached_notes = [], []
    for link in links:
        link.source_el, link.target_el = by_pk[link.source_id], by_pk[link.target_id]
        by_pk[link.source_id].leads_to.append(link)
    link_by_pk = {link.pk: link for link in links}
    for e in elements:
        e.about_text = (
            by_pk[e.about_element_id].text
            if e.about_element_id in by_pk
            else str(link_by_pk[e.about_link_id].source_el) + " → " + str(link_by_pk[e.about_link_id].target_el)
            if e.about_link_id in link_by_pk
            else ""
        )
    return [{"column": c, "label": c.label, "elements": [e for e in elements if e.column == c]} for c in CAUSAL + NOTES]


def _document_data(project, data):
    return modeldata.for_documents(data, f"{project.short_title}: logic model")


def _diagram(doc, highlight=None):
    """The diagram's SVG, kept by its content: laying out a 300-element model is most of the page's time, and
    the same model is drawn again and again until someone changes it."""
    content = json.dumps([doc, sorted(map(str, highlight or ()))], sort_keys=True, default=str)
    key = f"logic-model-svg:{hashlib.sha256(content.encode()).hexdigest()}"
    return cache.get_or_set(key, lambda: documents.diagram_svg(doc, highlight=highlight), timeout=24 * 3600)


@login_required
def model_page(request, pk):
    project, model = access.get_project_model(request.user, pk)
    elements, links = access.contents(model)
    data = modeldata.serialise(model, elements, links)
    doc = _document_data(project, data)
    by_key = {str(e.key): e for e in elements}
    focus = by_key.get(request.GET.get("focus", ""))
    pathway = documents.pathways(doc, str(focus.key)) if focus else None
    highlight = (pathway["elements"] | pathway["links"]) if pathway else None
    findings = modeldata.review(data, indicator_keys=indicators.element_keys(model))
    for finding in findings:
        finding["element"] = by_key.get(finding["key"])
        if finding["kind"] == "no_indicator" and finding["element"]:
            finding["fix_url"] = indicators.fix_url(project, finding["element"])
    can_edit = project_access.can(request.user, EDIT, project)
    return render(
        request,
        "planning/model.html",
        {
            "project": project,
            "model": model,
            "columns": _columns(elements, links),
            "links": links,
            "findings": findings,
            "can_edit": can_edit,
            "nav": "projects",
            "svg": _diagram(doc, highlight) if elements else "",
            "focus": focus,
            "pathway": pathway,
            "causal_elements": [e for e in elements if e.column not in NOTES],
            "add_forms": {c: AddElementForm(initial={"column": c}, prefix=c) for c in CAUSAL} if can_edit else {},
            "note_forms": {c: NoteForm(initial={"column": c}, prefix=c, elements=elements, links=links) for c in NOTES}
            if can_edit
            else {},
            "snapshot_count": model.snapshots.count() if model.pk else 0,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def header_edit(request, pk):
    project, model = access.get_project_model(request.user, pk, EDIT)
    form = HeaderForm(request.POST or None, instance=model)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_header(
                model=model,
                expected_version=form.cleaned_data["version"],
                **{f: form.cleaned_data[f] for f in ("problem", "context", "population")},
            )
        except StaleEdit as stale:
            form.add_error(None, _stale_message(stale, "the model's description"))
            form.data = form.data.copy()
            form.data["version"] = stale.current.version
        else:
            messages.success(request, "Problem, context and population saved.")
            return redirect(_board_url(project))
    return render(request, "planning/header_form.html", {"project": project, "form": form, "nav": "projects"})


def _stale_message(stale, what):
    fields = ", ".join(stale.fields) if stale.fields else "it"
    return (
        f"Someone changed {what} after you opened this page ({fields}). Your changes are not saved yet: "
        "check the current version shown on the model, then save again."
    )


@login_required
@require_POST
def element_add(request, pk):
    project, model = access.get_project_model(request.user, pk, EDIT)
    column = request.POST.get("column") or next((c for c in Column.values if f"{c}-column" in request.POST), None)
    if column in NOTES:
        elements, links = access.contents(model)
        form = NoteForm(request.POST, prefix=column, elements=elements, links=links)
    else:
        form = AddElementForm(request.POST, prefix=column)
    if column in Column.values and form.is_valid():
        about_element, about_link = form.attachment() if column in NOTES else (None, None)
        element = services.add_element(
            project=project,
            column=form.cleaned_data["column"],
            text=form.cleaned_data["text"].strip(),
            about_element=about_element,
            about_link=about_link,
        )
        messages.success(request, f"Added “{element.text}” to {Column(element.column).label.lower()}.")
        return redirect(_board_url(project, f"col-{element.column}"))
    messages.error(request, "Enter the text of the element to add it.")
    return redirect(_board_url(project, f"col-{column}" if column in Column.values else ""))


@login_required
@require_http_methods(["GET", "POST"])
def element_edit(request, pk, element_pk):
    project, model = access.get_project_model(request.user, pk, EDIT)
    element = access.get_element(model, element_pk)
    elements, links = access.contents(model)
    form = ElementForm(
        request.POST or None, element=element, elements=[e for e in elements if e.pk != element.pk], links=links
    )
    if request.method == "POST" and form.is_valid():
        about_element, about_link = form.attachment() if element.is_note else (None, None)
        try:
            services.update_element(
                element=element,
                expected_version=form.cleaned_data["version"],
                text=form.cleaned_data["text"],
                description=form.cleaned_data["description"],
                column=form.cleaned_data["column"],
                about_element=about_element,
                about_link=about_link,
            )
        except StaleEdit as stale:
            form.add_error(None, _stale_message(stale, "this element") + f" It now reads “{stale.current.text}”.")
            form.data = form.data.copy()
            form.data["version"] = stale.current.version
        except services.PlanningError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, "Element saved.")
            return redirect(_board_url(project, f"el-{element.pk}"))
    outgoing = [link for link in links if link.source_id == element.pk]
    by_pk = {e.pk: e for e in elements}
    for link in outgoing:
        link.target_el = by_pk[link.target_id]
    link_form = LinkForm(source=element, elements=elements) if not element.is_note else None
    return render(
        request,
        "planning/element_form.html",
        {
            "project": project,
            "element": element,
            "form": form,
            "outgoing": outgoing,
            "link_form": link_form,
            "nav": "projects",
        },
    )


@login_required
@require_POST
def element_move(request, pk, element_pk):
    project, model = access.get_project_model(request.user, pk, EDIT)
    element = access.get_element(model, element_pk)
    try:
        element = services.move_element(element=element, direction=request.POST.get("direction"))
    except services.PlanningError as error:
        messages.error(request, str(error))
    return redirect(_board_url(project, f"el-{element.pk}"))


@login_required
@require_http_methods(["GET", "POST"])
def element_delete(request, pk, element_pk):
    project, model = access.get_project_model(request.user, pk, EDIT)
    element = access.get_element(model, element_pk)
    if request.method == "POST":
        services.delete_element(element=element)
        messages.success(request, f"Deleted “{element.text}” and its links.")
        return redirect(_board_url(project, f"col-{element.column}"))
    return render(
        request,
        "planning/confirm.html",
        {
            "project": project,
            "nav": "projects",
            "title": f"Delete “{element.text}”?",
            "body": "Its links are deleted too. Assumptions attached to it stay, attached to nothing.",
            "confirm_text": "Delete element",
            "cancel": _board_url(project, f"el-{element.pk}"),
        },
    )


@login_required
@require_POST
def link_add(request, pk, element_pk):
    project, model = access.get_project_model(request.user, pk, EDIT)
    source = access.get_element(model, element_pk)
    elements, links = access.contents(model)
    form = LinkForm(request.POST, source=source, elements=elements)
    if form.is_valid():
        try:
            services.add_link(
                source=source,
                target=form.targets[form.cleaned_data["target"]],
                rationale=form.cleaned_data["rationale"],
            )
        except services.PlanningError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, "Link added.")
    else:
        messages.error(request, " ".join(e["text"] for e in form.error_list()))
    return redirect(reverse("planning:element", args=[project.pk, source.pk]))


@login_required
@require_http_methods(["GET", "POST"])
def link_edit(request, pk, link_pk):
    project, model = access.get_project_model(request.user, pk, EDIT)
    link = access.get_link(model, link_pk)
    if request.method == "POST" and request.POST.get("action") == "delete":
        services.delete_link(link=link)
        messages.success(request, f"Deleted the link {link}.")
        return redirect(reverse("planning:element", args=[project.pk, link.source_id]))
    form = RationaleForm(request.POST or None, initial={"rationale": link.rationale})
    if request.method == "POST" and form.is_valid():
        services.update_link(link=link, rationale=form.cleaned_data["rationale"])
        messages.success(request, "Rationale saved.")
        return redirect(reverse("planning:element", args=[project.pk, link.source_id]))
    return render(
        request,
        "planning/link_form.html",
        {
            "project": project,
            "link": link,
            "form": form,
            "nav": "projects",
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def start(request, pk):
    """Start from a template, copy another project's model, or import a JSON file."""
    project, model = access.get_project_model(request.user, pk, EDIT)
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        data = None
        if request.POST.get("starter") in starters.STARTERS:
            data = starters.STARTERS[request.POST["starter"]][2]()
            label = starters.STARTERS[request.POST["starter"]][0]
        elif request.POST.get("copy_from"):
            source = access.readable_model(request.user, project, request.POST["copy_from"])
            data, label = services.fresh_keys(access.data(source)), f"the model of {source.project}"
        elif form.is_valid():
            try:
                data = modeldata.parse(form.cleaned_data["file"].read(modeldata.MAX_BYTES + 1))
                label = form.cleaned_data["file"].name
            except modeldata.InvalidModelFile as invalid:
                for problem in invalid.problems[:20]:
                    form.add_error("file", problem)
        if data is not None:
            services.replace_contents(
                project=project, data=data, by=request.user, snapshot_name=f"Before loading {label}"
            )
            messages.success(request, f"The model now holds {label}. The previous version is kept as a snapshot.")
            return redirect(_board_url(project))
    return render(
        request,
        "planning/start.html",
        {
            "project": project,
            "form": form,
            "starters": starters.STARTERS,
            "nav": "projects",
            "copyable": access.readable_models(request.user, project),
            "has_content": model.pk is not None,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def snapshots(request, pk):
    project, model = access.get_project_model(request.user, pk)
    can_edit = project_access.can(request.user, EDIT, project)
    form = SnapshotForm(request.POST or None)
    if request.method == "POST":
        if not can_edit:
            raise Http404
        if form.is_valid():
            services.take_snapshot(project=project, name=form.cleaned_data["name"], by=request.user)
            messages.success(request, f"Snapshot “{form.cleaned_data['name']}” taken.")
            return redirect("planning:snapshots", pk=project.pk)
    page, _ = paginate(request, access.snapshots(model))
    return render(
        request,
        "planning/snapshots.html",
        {
            "project": project,
            "page": page,
            "form": form,
            "can_edit": can_edit,
            "nav": "projects",
        },
    )


@login_required
def snapshot(request, pk, snapshot_pk):
    project, model = access.get_project_model(request.user, pk)
    snap = access.get_snapshot(model, snapshot_pk)
    doc = _document_data(project, snap.data)
    return render(
        request,
        "planning/snapshot.html",
        {
            "project": project,
            "snapshot": snap,
            "doc": doc,
            "svg": _diagram(doc),
            "findings": modeldata.review(snap.data),
            "can_edit": project_access.can(request.user, EDIT, project),
            "nav": "projects",
        },
    )


@login_required
def compare(request, pk):
    project, model = access.get_project_model(request.user, pk)
    if model.pk is None:
        raise Http404
    options = list(access.snapshots(model)[:200])

    def pick(value):
        if value == "current":
            return "The model now", access.data(model)
        snap = access.find_snapshot(model, value)
        return (snap.name, snap.data) if snap else (None, None)

    (old_name, old), (new_name, new) = pick(request.GET.get("a", "")), pick(request.GET.get("b", "current"))
    changes = modeldata.diff(old, new) if old is not None and new is not None else None
    return render(
        request,
        "planning/compare.html",
        {
            "project": project,
            "options": options,
            "a": request.GET.get("a", ""),
            "b": request.GET.get("b", "current"),
            "old_name": old_name,
            "new_name": new_name,
            "changes": changes,
            "labels": modeldata.LABELS,
            "nav": "projects",
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def restore(request, pk, snapshot_pk):
    project, model = access.get_project_model(request.user, pk, EDIT)
    snap = access.get_snapshot(model, snapshot_pk)
    if request.method == "POST":
        services.restore_snapshot(snapshot=snap, by=request.user)
        messages.success(request, f"Restored “{snap.name}”. The model as it was is kept as a snapshot.")
        return redirect(_board_url(project))
    return render(
        request,
        "planning/confirm.html",
        {
            "project": project,
            "nav": "projects",
            "title": f"Restore “{snap.name}”?",
            "body": "The model will be replaced by this snapshot. The model as it is now is kept as a new snapshot, "
            "so you can go back.",
            "confirm_text": "Restore snapshot",
            "cancel": reverse("planning:snapshot", args=[project.pk, snap.pk]),
        },
    )


EXPORTS = {
    "svg": ("image/svg+xml", lambda doc: _diagram(doc).encode()),
    "png": ("image/png", documents.diagram_png),
    "pdf": ("application/pdf", documents.model_pdf),
    "docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", documents.model_docx),
}


@login_required
def export(request, pk, fmt):
    project, model = access.get_project_model(request.user, pk)
    data = access.data(model)
    name = f"{slugify(project.short_title) or 'project'}-logic-model.{fmt}"
    if fmt == "json":
        import json

        response = HttpResponse(json.dumps(data, indent=2, ensure_ascii=False), content_type="application/json")
    elif fmt in EXPORTS:
        content_type, render_to = EXPORTS[fmt]
        response = HttpResponse(render_to(_document_data(project, data)), content_type=content_type)
    else:
        raise Http404
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
