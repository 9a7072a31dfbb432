"""Exporting a stakeholder map, and importing one from a spreadsheet in four steps: upload, map, check, import."""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.text import slugify
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from mobilise.core.forms import NHSFormMixin
from mobilise.directory.models import Sector
from mobilise.projects.access import EDIT, project_view

from . import access, transfer
from .models import Attitude, Role

# Where a finished or cancelled import lands.
DONE_URL_NAME = "stakeholders:register"
PREVIEW_ROWS = 20
ERRORS_SHOWN = 200

EXPORTS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "graphml": "application/graphml+xml",
}

HINTS = {
    "name": "The person's full name, or the name of the organisation or group",
    "type": "If there is no such column: rows with a job title, email or organisation are people, rows with only "
    "a sector are organisations, the rest are groups or communities",
    "organisation": "Where a person works. Organisations already in the directory are reused.",
    "email": "Used to find people already in the directory",
    "sector": "For example: " + ", ".join(Sector.labels[:4]),
    "roles": "One or more of: " + ", ".join(Role.labels) + ", separated by commas or semicolons",
    "interest": "Blank cells count as 3",
    "influence": "Blank cells count as 3",
    "impact": "Blank cells count as 3",
    "attitude": "One of: " + ", ".join(Attitude.labels),
    "underserved": "Yes or no; blank counts as no",
}


class UploadForm(NHSFormMixin, forms.Form):
    file = forms.FileField(
        label="Stakeholder file",
        help_text="A CSV file (.csv) or Excel workbook (.xlsx), one stakeholder per row, with the column headings "
        "in the first row. Up to 100,000 rows and 20 MB.",
        error_messages={"required": "Choose a CSV or Excel file to import", "empty": "The file is empty"},
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > transfer.MAX_BYTES:
            raise ValidationError("The file must be smaller than 20 MB")
        return upload


class MappingForm(NHSFormMixin, forms.Form):
    def __init__(self, *args, headers, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [("", "Not in the file")] + [(h, h) for h in headers]
        for key, label, required in transfer.FIELDS:
            self.fields[key] = forms.ChoiceField(
                label=label,
                choices=choices,
                required=required,
                help_text=HINTS.get(key, ""),
                error_messages={"required": "Select the column that holds the name"},
            )

    def clean(self):
        data = super().clean()
        used = {}
        for key, _, _ in transfer.FIELDS:
            header = data.get(key)
            if not header:
                continue
            if header in used:
                self.add_error(
                    key,
                    f"The column “{header}” is already chosen for "
                    f"{transfer.FIELD_LABELS[used[header]].lower()}: choose it for one only",
                )
            else:
                used[header] = key
        return data


def _done_url(project):
    return reverse(DONE_URL_NAME, args=[project.pk])


@project_view()
@require_GET
def export(request, project, fmt):
    if fmt not in EXPORTS:
        raise Http404
    stakeholders = list(access.stakeholders(project))
    if fmt == "csv":
        body = transfer.stakeholders_csv(stakeholders).encode("utf-8-sig")  # the BOM tells Excel it is UTF-8
    else:
        relationships = list(access.relationships(project))
        render_to = transfer.stakeholders_xlsx if fmt == "xlsx" else transfer.stakeholders_graphml
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
            batch = transfer.start_batch(project=project, by=request.user, filename=upload.name, content=upload.read())
        except transfer.ImportProblem as problem:
            form.add_error("file", problem.message)
        else:
            return redirect("stakeholders:import-map", pk=project.pk, batch_pk=batch.pk)
    return render(
        request,
        "stakeholders/import_upload.html",
        {
            "project": project,
            "form": form,
            "fields": transfer.FIELDS,
            "nav": "projects",
            "back_href": _done_url(project),
        },
    )


@project_view(EDIT)
@require_http_methods(["GET", "POST"])
def import_map(request, project, batch_pk):
    batch = access.get_batch(project, request.user, batch_pk)
    headers, rows = transfer.batch_table(batch)
    initial = batch.mapping or transfer.guess_mapping(headers)
    form = MappingForm(request.POST if request.method == "POST" else None, headers=headers, initial=initial)
    if request.method == "POST" and form.is_valid():
        transfer.set_mapping(batch=batch, mapping=form.cleaned_data)
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


def _display(item):
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
    }


@project_view(EDIT)
@require_GET
def import_check(request, project, batch_pk):
    batch = access.get_batch(project, request.user, batch_pk)
    if not batch.mapping.get("name"):
        return redirect("stakeholders:import-map", pk=project.pk, batch_pk=batch.pk)
    _, clean, errors = transfer.read_batch(batch)
    return render(
        request,
        "stakeholders/import_check.html",
        {
            "project": project,
            "batch": batch,
            "nav": "projects",
            "count": len(clean),
            "preview": [_display(item) for item in clean[:PREVIEW_ROWS]],
            "errors": errors[:ERRORS_SHOWN],
            "error_count": len(errors),
            "error_rows": len({number for number, _ in errors}),
            "mapped": [(transfer.FIELD_LABELS[k], v) for k, v in batch.mapping.items() if k in transfer.FIELD_LABELS],
        },
    )


@project_view(EDIT)
@require_POST
def import_confirm(request, project, batch_pk):
    batch = access.get_batch(project, request.user, batch_pk)
    try:
        summary = transfer.run_batch(batch=batch, by=request.user)
    except transfer.AlreadyImported:
        return redirect(_done_url(project))
    except transfer.ImportProblem as problem:
        messages.error(request, problem.message)
        return redirect("stakeholders:import-check", pk=project.pk, batch_pk=batch.pk)
    messages.success(request, summary_message(summary, batch.filename))
    return redirect(_done_url(project))


@project_view(EDIT)
@require_POST
def import_cancel(request, project, batch_pk):
    batch = access.get_batch(project, request.user, batch_pk)
    transfer.discard_batch(batch=batch)
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
