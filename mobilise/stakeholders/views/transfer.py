"""Exporting a stakeholder map, and importing one from a spreadsheet in four steps: upload, map, check, import;
the import itself runs on the task queue, and a page shows how far it is."""

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.text import slugify
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from mobilise.core.tables import TableError, problem_rows
from mobilise.directory.models import Sector
from mobilise.projects.access import EDIT, project_view

from .. import access, exports, import_plan, importing, services_import
from ..forms import ConfirmImportForm, MappingForm, UploadForm
from ..models import Attitude, ImportRun, Role

# Where a finished or cancelled import lands.
DONE_URL_NAME = "stakeholders:register"
PREVIEW_ROWS = 20
ERRORS_SHOWN = 200
MATCHES_SHOWN = 200

EXPORTS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "graphml": "application/graphml+xml",
}


def _done_url(project):
    return reverse(DONE_URL_NAME, args=[project.pk])


@project_view()
@require_GET
def export(request, project, fmt):
    if fmt not in EXPORTS:
        raise Http404
    stakeholders = list(access.stakeholders(project))
    if fmt == "csv":
        body = exports.stakeholders_csv(stakeholders).encode("utf-8-sig")  # the BOM tells Excel it is UTF-8
    else:
        relationships = list(access.relationships(project))
        render_to = exports.stakeholders_xlsx if fmt == "xlsx" else exports.stakeholders_graphml
        body = render_to(stakeholders, relationships)
    response = HttpResponse(body, content_type=EXPORTS[fmt])
    name = f"{slugify(project.short_title) or 'project'}-stakeholders.{fmt}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@project_view(EDIT)
@require_http_methods(["GET", "POST"])
def import_upload(request, project):
    posted = request.method == "POST"
    form = UploadForm(request.POST if posted else None, request.FILES if posted else None)
    if posted and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            batch = services_import.start_batch(
                project=project, by=request.user, filename=upload.name, content=upload.read()
            )
        except TableError as problem:
            form.add_error("file", problem.message)
        else:
            return redirect("stakeholders:import-map", pk=project.pk, batch_pk=batch.pk)
    return render(
        request,
        "stakeholders/import_upload.html",
        {
            "project": project,
            "form": form,
            "fields": importing.FIELDS,
            "nav": "projects",
            "back_href": _done_url(project),
        },
    )


@project_view(EDIT)
@require_http_methods(["GET", "POST"])
def import_map(request, project, batch_pk):
    batch = access.get_batch(project, request.user, batch_pk)
    headers, rows = importing.batch_table(batch)
    initial = batch.mapping or importing.guess_mapping(headers)
    form = MappingForm(request.POST if request.method == "POST" else None, headers=headers, initial=initial)
    if request.method == "POST" and form.is_valid():
        services_import.set_mapping(batch=batch, mapping=form.cleaned_data)
        return redirect("stakeholders:import-check", pk=project.pk, batch_pk=batch.pk)
    examples = []
    for i, header in enumerate(headers):
        example = next((row[i] for row in rows[:50] if i < len(row) and row[i]), "")
        examples.append((header, example[:80]))
    return render(
        request,
        "stakeholders/import_map.html",
        {
            "project": project,
            "batch": batch,
            "form": form,
            "examples": examples,
            "nav": "projects",
        },
    )


def _display(item, joins):
    return {
        "row": item["row"],
        "name": item["name"],
        "kind": item["kind"],
        "organisation": item["organisation"],
        "sector": Sector(item["sector"]).label if item["sector"] else "",
        "roles": ", ".join(Role(r).label for r in item["roles"]),
        "interest": item["interest"],
        "influence": item["influence"],
        "impact": item["impact"],
        "attitude": Attitude(item["attitude"]).label,
        "joins": joins,
    }


def _joins(item, key, by_key):
    """What the row's directory record will be, as the preview's column says it."""
    if key:
        match = by_key[key]
        return f"{match.name} ({match.detail})"
    return "A new record" if item["kind"] != "group" else "No directory record (a group)"


def _needs_basis(batch):
    """The file holds contact details: one lawful basis for the people it adds is required."""
    return bool(batch.mapping.get("email"))


def _check_page(request, project, batch, data=None):
    """The rows' problems, or a preview of them with the directory records they join and the confirmation form
    (bound to `data` when a confirmation was refused)."""
    _, clean, errors = importing.read_batch(batch)
    preview: list[dict] = []
    matches: list[import_plan.Match] = []
    if not errors and clean:
        per_row, matches = import_plan.preview_matches(clean, import_plan.plan_rows(clean, None))
        by_key = {m.key: m for m in matches}
        shown = zip(clean[:PREVIEW_ROWS], per_row[:PREVIEW_ROWS], strict=True)
        preview = [_display(item, _joins(item, key, by_key)) for item, key in shown]
    else:
        preview = [_display(item, "") for item in clean[:PREVIEW_ROWS]]
    form = ConfirmImportForm(data, needs_basis=_needs_basis(batch), matches=matches[:MATCHES_SHOWN])
    if data is not None:
        form.is_valid()
    return render(
        request,
        "stakeholders/import_check.html",
        {
            "project": project,
            "batch": batch,
            "nav": "projects",
            "count": len(clean),
            "preview": preview,
            "matches": len(matches),
            "doubtful": sum(m.doubtful for m in matches),
            "matches_shown": MATCHES_SHOWN,
            "form": form,
            "errors": errors[:ERRORS_SHOWN],
            "error_count": len(errors),
            "error_rows": problem_rows(errors),
            "mapped": [(importing.FIELD_LABELS[k], v) for k, v in batch.mapping.items() if k in importing.FIELD_LABELS],
        },
    )


@project_view(EDIT)
@require_GET
def import_check(request, project, batch_pk):
    batch = access.get_batch(project, request.user, batch_pk)
    if not batch.mapping.get("name"):
        return redirect("stakeholders:import-map", pk=project.pk, batch_pk=batch.pk)
    return _check_page(request, project, batch)


@project_view(EDIT)
@require_POST
def import_confirm(request, project, batch_pk):
    batch = access.get_batch(project, request.user, batch_pk)
    form = ConfirmImportForm(request.POST, needs_basis=_needs_basis(batch))
    if not form.is_valid():
        return _check_page(request, project, batch, request.POST)
    try:
        run = services_import.confirm_batch(
            batch=batch,
            by=request.user,
            lawful_basis=form.cleaned_data["lawful_basis"],
            refused=form.cleaned_data.get("refused", []),
        )
    except services_import.AlreadyImported:
        return redirect(_done_url(project))
    run.refresh_from_db()
    if run.state == ImportRun.State.DONE:  # run at once, as the immediate task backend does
        messages.success(request, summary_message(run.summary, run.filename))
        return redirect(_done_url(project))
    return redirect("stakeholders:import-progress", pk=project.pk, run_pk=run.pk)


@project_view(EDIT)
@require_GET
def import_progress(request, project, run_pk):
    """How far the import task is, polled by htmx every 2 seconds; without JavaScript, a link refreshes it."""
    run = access.get_run(project, request.user, run_pk)
    context = {
        "project": project,
        "run": run,
        "nav": "projects",
        "percent": int(100 * run.done / run.total) if run.total else 0,
        "summary": summary_message(run.summary, run.filename) if run.state == ImportRun.State.DONE else "",
        "done_url": _done_url(project),
    }
    if request.headers.get("HX-Request"):
        return render(request, "stakeholders/_import_progress.html", context)
    return render(request, "stakeholders/import_progress.html", context)


@project_view(EDIT)
@require_POST
def import_cancel(request, project, batch_pk):
    batch = access.get_batch(project, request.user, batch_pk)
    services_import.discard_batch(batch=batch)
    messages.success(request, f"The upload of {batch.filename} was cancelled. Nothing was imported.")
    return redirect(_done_url(project))


def _count(n, one, many):
    return f"{n:,} {one if n == 1 else many}"


def summary_message(summary, filename):
    parts = [f"{_count(summary['created'], 'stakeholder', 'stakeholders')} imported from {filename}."]
    matched = []
    if summary["matched_organisations"]:
        matched.append(_count(summary["matched_organisations"], "organisation", "organisations"))
    if summary["matched_people"]:
        matched.append(_count(summary["matched_people"], "person", "people"))
    if matched:
        total = summary["matched_organisations"] + summary["matched_people"]
        parts.append(f"{' and '.join(matched)} already in the directory {'was' if total == 1 else 'were'} reused.")
    if summary["new_directory_records"]:
        parts.append(
            f"{_count(summary['new_directory_records'], 'new record was', 'new records were')} added to the directory."
        )
    if summary["skipped"]:
        parts.append(
            f"{_count(summary['skipped'], 'row was', 'rows were')} skipped: already on the map or earlier in the file."
        )
    return " ".join(parts)
