"""The logic model's board: the page, its description, and starting it from a template, a copy or a file."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.template.backends.utils import csrf_input
from django.template.loader import render_to_string
from django.urls import reverse
from django.views.decorators.http import require_http_methods
from markupsafe import Markup

from mobilise.core.versioning import StaleEdit, refuse_stale
from mobilise.documents import logic_model as documents
from mobilise.documents.text import clean_text
from mobilise.projects import access as project_access
from mobilise.projects import generations
from mobilise.projects.access import EDIT, page_context, project_view

from .. import access, indicators, modeldata, services, starters
from ..forms import AddElementForm, HeaderForm, ImportForm, NoteForm, in_column_order
from ..models import CAUSAL, NOTES
from .common import board_url, columns, confirm_page, diagram, document_data, stale_message

# The board is rendered with this in place of each form's token field, which the page puts back for each request:
# the whole field, which text a user wrote cannot hold (it is escaped, quotes and all).
TOKEN_MARK = Markup('<input type="hidden" name="csrfmiddlewaretoken" value="csrf-token-of-the-request">')


def _board(project, model, focus_key, can_edit):
    """The review, the diagram and the elements with their forms: all worked out from the project's data and
    whether the reader may edit. The whole model, as most visits ask for it, is rendered once for each data
    generation of the project (projects/generations.py); a view of one element's pathways is worked out afresh, so
    the cache holds two bodies a model (for those who edit and those who read)."""

    def work():
        elements, links = access.contents(model)
        data = modeldata.serialise(model, elements, links)
        doc = document_data(project, data)
        by_key = {str(e.key): e for e in elements}
        focus = by_key.get(focus_key)
        pathway = documents.pathways(doc, str(focus.key)) if focus else None
        highlight = (pathway["elements"] | pathway["links"]) if pathway else None
        findings = modeldata.review(data, indicator_keys=indicators.element_keys(model))
        for finding in findings:
            finding["element"] = by_key.get(finding["key"])
            if finding["kind"] == "no_indicator" and finding["element"]:
                finding["fix_url"] = indicators.fix_url(project, finding["element"])
        evidenced, chain_url = indicators.evidenced(project, model)
        context = {
            "project": project,
            "can_edit": can_edit,
            "csrf_input": TOKEN_MARK,
            "columns": columns(elements, links),
            "links": links,
            "findings": findings,
            "svg": diagram(doc, highlight, evidenced) if elements else "",
            "evidenced": evidenced,
            "chain_url": chain_url,
            "focus": focus,
            "pathway": pathway,
            "causal_elements": [e for e in in_column_order(elements) if e.column not in NOTES],
            "add_forms": {c: AddElementForm(initial={"column": c}, prefix=c) for c in CAUSAL} if can_edit else {},
            "note_forms": {c: NoteForm(initial={"column": c}, prefix=c, elements=elements, links=links) for c in NOTES}
            if can_edit
            else {},
        }
        return render_to_string("planning/_board.html", context)

    if focus_key:
        return work()
    return generations.cached_one("logic-model-page", project.pk, work, part=str(can_edit))


@project_view()
def model_page(request, project):
    model = access.model_of(project)
    can_edit = project_access.can(request.user, EDIT, project)
    board = _board(project, model, request.GET.get("focus", ""), can_edit)
    return render(
        request,
        "planning/model.html",
        page_context(
            request,
            project,
            model=model,
            can_edit=can_edit,
            board=Markup(board.replace(TOKEN_MARK, csrf_input(request))),
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
            refuse_stale(form, stale, stale_message(stale, "the model's description"))
        else:
            messages.success(request, "Problem, context and population saved.")
            return redirect(board_url(project))
    return render(request, "planning/header_form.html", page_context(request, project, form=form))


def _chosen(request, project, form):
    """(model data, what it is called, the fields that choose it again) from the start page's POST; data is None
    when nothing valid was chosen (the form then holds the file's problems)."""
    post = request.POST
    if post.get("starter") in starters.STARTERS:
        name, _, build = starters.STARTERS[post["starter"]]
        return build(), name, {"starter": post["starter"]}
    if post.get("copy_from"):
        source = access.readable_model(request.user, project, post["copy_from"])
        return services.fresh_keys(access.data(source)), f"the model of {source.project}", {"copy_from": source.pk}
    # The confirmation page posts the file's content back, as the browser cannot post the file again.
    if "model_file" in post:
        raw, name = post["model_file"].encode(), clean_text(post.get("file_name", "")).strip()[:200] or "the file"
    elif form.is_valid():
        raw, name = form.cleaned_data["file"].read(modeldata.MAX_BYTES + 1), form.cleaned_data["file"].name
    else:
        return None, "", {}
    try:
        data = modeldata.parse(raw)
    except modeldata.InvalidModelFile as invalid:
        form.errors.pop("file", None)
        for problem in invalid.problems[:20]:
            form.add_error("file", problem)
        return None, "", {}
    return data, name, {"model_file": raw.decode("utf-8-sig"), "file_name": name}


@project_view(EDIT)
@require_http_methods(["GET", "POST"])
def start(request, project):
    """Start from a template, copy another project's model, or import a JSON file; when that would remove
    elements, a confirmation page first names them and what would lose its link to them."""
    model = access.model_of(project)
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        data, label, again = _chosen(request, project, form)
        removed = access.removed_by(model, data) if data is not None else []
        if removed and request.POST.get("confirmed") != "yes":
            return confirm_page(
                request,
                project,
                title=f"Replace the model with {label}?",
                body="The model as it is now is kept as a snapshot first, so you can restore it.",
                removed=removed,
                hidden={**again, "confirmed": "yes"},
                confirm_text="Replace the model",
                cancel=reverse("planning:start", args=[project.pk]),
            )
        if data is not None:
            kept = services.replace_contents(
                project=project, data=data, by=request.user, snapshot_name=f"Before loading {label}"
            )
            messages.success(
                request,
                f"The model now holds {label}." + (" The previous version is kept as a snapshot." if kept else ""),
            )
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
            has_content=services.has_content(model),
        ),
    )
