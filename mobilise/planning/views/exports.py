"""The logic model's exports: drawn at once for a small model; for a large one, asked for with a button, drawn by
the task queue, waited for on a page that refreshes itself (htmx polling with JavaScript, a meta refresh without),
then downloaded."""

import json

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.text import slugify
from django.views.decorators.http import require_GET, require_http_methods

from mobilise.core.uploads import serve_private
from mobilise.documents import logic_model as documents
from mobilise.projects.access import page_context, project_view

from .. import access, modeldata, services_export
from .common import board_url, diagram, document_data

EXPORTS = {
    "svg": lambda doc: diagram(doc).encode(),
    "png": documents.diagram_png,
    "pdf": documents.model_pdf,
    "docx": documents.model_docx,
}
NAMES = {"pdf": "PDF", "png": "PNG picture", "svg": "SVG picture", "docx": "Word document"}


def file_name(project, fmt):
    return f"{slugify(project.short_title) or 'project'}-logic-model.{fmt}"


@project_view()
@require_http_methods(["GET", "POST"])
def export(request, project, fmt):
    """A download; for a large model's PDF or PNG, a page with a button that has it drawn (a GET changes nothing)."""
    model = access.model_of(project)
    data = access.data(model)
    name = file_name(project, fmt)
    if fmt == "json":
        response = HttpResponse(json.dumps(data, indent=2, ensure_ascii=False), content_type="application/json")
    elif fmt in EXPORTS:
        if len(data["elements"]) > modeldata.MAX_ELEMENTS or len(data["links"]) > modeldata.MAX_LINKS:
            # Drawing and typesetting grow with the model; past the import limit nothing promises a bound.
            messages.error(
                request,
                f"This logic model is too large to export as {fmt.upper()}: it has {len(data['elements']):,} "
                f"elements and {len(data['links']):,} links, and exports can hold up to "
                f"{modeldata.MAX_ELEMENTS:,} elements and {modeldata.MAX_LINKS:,} links. "
                "Remove some elements or links, or export it as JSON.",
            )
            return redirect(board_url(project))
        doc = document_data(project, data)
        if services_export.queued(fmt, doc):
            if request.method == "POST":
                job = services_export.request_export(project=project, fmt=fmt, doc=doc, by=request.user)
                return redirect("planning:export-job", pk=project.pk, export_pk=job.pk)
            return render(
                request,
                "planning/export_start.html",
                page_context(request, project, fmt=fmt, kind=NAMES[fmt], count=len(data["elements"])),
            )
        response = HttpResponse(EXPORTS[fmt](doc), content_type=services_export.CONTENT_TYPES[fmt])
    else:
        raise Http404
    if request.method == "POST":
        return redirect("planning:export", pk=project.pk, fmt=fmt)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@project_view()
@require_GET
def export_job(request, project, export_pk):
    """How far a queued export is; htmx asks again every 2 seconds, and without JavaScript the page refreshes."""
    job = access.get_export(project, export_pk)
    context = page_context(request, project, job=job, kind=NAMES.get(job.fmt, job.fmt.upper()))
    if request.headers.get("HX-Request"):
        return render(request, "planning/_export_job.html", context)
    return render(request, "planning/export_job.html", context)


@project_view()
@require_GET
def export_download(request, project, export_pk):
    job = access.get_export(project, export_pk)
    return serve_private(
        job.file, name=file_name(project, job.fmt), content_type=services_export.CONTENT_TYPES.get(job.fmt, "")
    )
