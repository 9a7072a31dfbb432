"""The support service's report for a period, on screen with charts and tables, and as CSV or XLSX."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from mobilise.core.tables import csv_text, xlsx_bytes
from mobilise.documents.figures import charted, sheets

from .. import access, reports
from ..forms import ReportPeriodForm

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _period(request):
    access.require_staff(request.user)
    form = ReportPeriodForm(request.GET)
    return form, *form.dates(timezone.localdate())


@login_required
def report(request):
    form, start, end = _period(request)
    tables, worked_out = reports.recent(start, end, reports.TOP)
    context = {
        "form": None,
        "filters": form,
        "start": start,
        "end": end,
        "tables": charted(tables),
        "query": request.GET.urlencode(),
        "nav": "support",
        "top": reports.TOP,
        "worked_out": worked_out,
    }
    return render(request, "support/reports.html", context)


@login_required
def export(request, fmt):
    if fmt not in ("csv", "xlsx"):
        raise Http404
    _, start, end = _period(request)
    tables = reports.report(start, end)
    name = f"support-report-{start:%Y-%m-%d}-to-{end:%Y-%m-%d}.{fmt}"
    if fmt == "csv":
        rows = [row for t in tables for row in ([t.title], t.header, *t.rows, [])]
        response = HttpResponse(csv_text(rows), content_type="text/csv; charset=utf-8")
    else:
        response = HttpResponse(xlsx_bytes(sheets(tables)), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
