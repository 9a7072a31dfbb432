"""The logic model's board: the page, its description, and starting it from a template, a copy or a file."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from mobilise.core.versioning import StaleEdit
from mobilise.documents import logic_model as documents
from mobilise.projects import access as project_access
from mobilise.projects.access import EDIT, page_context, project_view

from .. import access, indicators, modeldata, services, starters
from ..forms import AddElementForm, HeaderForm, ImportForm, NoteForm
from ..models import CAUSAL, NOTES
from .common import board_url, columns, diagram, document_data, stale_message


@project_view()
def model_page(request, project):
    model = access.model_of(project)
    elements, links = access.contents(model)
    data = modeldata.serialise(model, elements, links)
    doc = document_data(project, data)
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
        page_context(
            request,
            project,
            model=model,
            columns=columns(elements, links),
            links=links,
            findings=findings,
            can_edit=can_edit,
            svg=diagram(doc, highlight) if elements else "",
            focus=focus,
            pathway=pathway,
            causal_elements=[e for e in elements if e.column not in NOTES],
            add_forms={c: AddElementForm(initial={"column": c}, prefix=c) for c in CAUSAL} if can_edit else {},
            note_forms={c: NoteForm(initial={"column": c}, prefix=c, elements=elements, links=links) for c in NOTES}
            if can_edit
            else {},
            snapshot_count=model.snapshots.count() if model.pk else 0,
        ),
    )


@project_view(EDIT)
@require_http_methods(["GET", "POST"])
def header_edit(request, project):
    model = access.model_of(project)
    form = HeaderForm(request.POST or None, instance=model)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_header(
                model=model,
                expected_version=form.cleaned_data["version"],
                **{f: form.cleaned_data[f] for f in ("problem", "context", "population")},
            )
        except StaleEdit as stale:
            form.add_error(None, stale_message(stale, "the model's description"))
            form.data = form.data.copy()
            form.data["version"] = stale.current.version
        else:
            messages.success(request, "Problem, context and population saved.")
            return redirect(board_url(project))
    return render(request, "planning/header_form.html", page_context(request, project, form=form))


@project_view(EDIT)
@require_http_methods(["GET", "POST"])
def start(request, project):
    """Start from a template, copy another project's model, or import a JSON file."""
    model = access.model_of(project)
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
            return redirect(board_url(project))
    return render(
        request,
        "planning/start.html",
        page_context(
            request,
            project,
            form=form,
            starters=starters.STARTERS,
            copyable=access.readable_models(request.user, project),
            has_content=model.pk is not None,
        ),
    )
