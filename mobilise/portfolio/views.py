"""The adviser's programme view (every project with the figures that need attention, filtered, sorted, paged and
as a spreadsheet), the evidence gaps raised across the programme, and the programme report for a period (charts
with their tables, as PDF and DOCX)."""

import datetime

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.http import urlencode

from mobilise.core.paging import paginate
from mobilise.core.tables import xlsx_bytes
from mobilise.documents import programme_report
from mobilise.documents.figures import charted
from mobilise.engagement import access as engagement_access
from mobilise.engagement.models import InsightStatus
from mobilise.plans import health as plan_health
from mobilise.projects.access import filter_choices
from mobilise.projects.models import Stage

from . import access, figures
from .forms import SORTS, GapFilterForm, ProgrammeFilterForm, ReportPeriodForm, last_twelve_months, presets
from .researchfish import CLAIM_TYPES, RESEARCHFISH

CHECKS = len(plan_health.LABELS)
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMATS = {"pdf": "application/pdf", "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document"}
HEADER = [
    "Project",
    "Title",
    "Stage",
    "Plan health checks met",
    "Themes",
    "Programme",
    "KMb advisers",
    "Overdue contacts",
    "Outputs in review",
    "Indicators behind target",
    "Impact claims in the last 2 years",
    "Support hours",
]


def _filtered(request):
    filters = ProgrammeFilterForm(request.GET)
    today = timezone.localdate()
    return filters, filters.filter_qs(access.programme_projects(request.user, today)), today


@login_required
def programme(request):
    filters, queryset, today = _filtered(request)
    page, querystring = paginate(request, queryset)
    return render(
        request,
        "portfolio/programme.html",
        {
            "page": page,
            "rows": access.rows(list(page.object_list), today),
            "querystring": querystring,
            "export_query": urlencode([(k, v) for k, v in request.GET.items() if k != "page" and v]),
            "filters": filters.values,
            "stages": Stage.choices,
            "sorts": [(key, label) for key, (label, _) in SORTS.items()],
            **filter_choices(advisers=True),
            "claim_types": [(label, RESEARCHFISH[code]) for code, label in CLAIM_TYPES],
            "checks": CHECKS,
            "nav": "programme",
        },
    )


@login_required
def gaps(request):
    """Every evidence gap raised on the projects the adviser supports: by theme, then listed with who raised them."""
    access.require_staff(request.user)
    filters = GapFilterForm(request.GET)
    values = filters.values
    listed = engagement_access.programme_gaps(request.user, theme=values["theme"] or None, status=values["status"])
    # With the support request each gap may have led to (support.SupportRequest.gap).
    page, querystring = paginate(request, listed.select_related("support_request"))
    context = {
        "page": page,
        "querystring": querystring,
        "filters": values,
        "themes": engagement_access.gaps_by_theme(request.user),
        "statuses": InsightStatus.choices,
        "nav": "programme",
    }
    return render(request, "portfolio/gaps.html", context)


def _claims_text(row):
    return "; ".join(f"{c.label} ({c.researchfish}): {c.count}" for c in row.claims)


@login_required
def programme_export(request):
    _, queryset, today = _filtered(request)
    rows = [
        [
            r.project.short_title,
            r.project.title,
            r.project.get_stage_display(),
            f"{r.checks_met} of {CHECKS}",
            ", ".join(r.themes),
            str(r.project.programme or ""),
            ", ".join(r.advisers),
            r.overdue,
            r.in_review,
            r.behind,
            _claims_text(r),
            r.hours,
        ]
        for r in access.rows(list(queryset), today)
    ]
    response = HttpResponse(xlsx_bytes({"Programme": [HEADER, *rows]}), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="programme-{today:%Y-%m-%d}.xlsx"'
    return response


def _period(request):
    """(form, start, end): the chosen period, the last twelve months when none is chosen; start and end are None
    when the chosen one is wrong (the form says why)."""
    today = timezone.localdate()
    chosen = any(k.startswith(("start", "end")) for k in request.GET)
    if not chosen:
        start, end = last_twelve_months(today)
        return ReportPeriodForm(initial={"start": start, "end": end}), start, end
    form = ReportPeriodForm(request.GET)
    if form.is_valid():
        return form, form.cleaned_data["start"], form.cleaned_data["end"]
    return form, None, None


def _query(start: datetime.date, end: datetime.date) -> str:
    parts = {"start": start, "end": end}
    return urlencode(
        [(f"{name}[{part}]", getattr(day, part)) for name, day in parts.items() for part in ("day", "month", "year")]
    )


def _charted(sections):
    return [(section, charted(section.tables)) for section in sections]


def _report_page(request, form, start, end):
    sections, worked_out = figures.recent(request.user, start, end) if start and end else ([], None)
    context = {
        "form": form,
        "start": start,
        "end": end,
        "sections": _charted(sections),
        "worked_out": worked_out,
        "query": _query(start, end) if start and end else "",
        "presets": [(label, a, b, _query(a, b)) for label, a, b in presets(timezone.localdate())],
        "nav": "programme",
    }
    # A wrong period is the asker's error: the page says what is wrong, with no figures.
    return render(request, "portfolio/report.html", context, status=200 if start else 400)


@login_required
def report(request):
    access.require_staff(request.user)
    return _report_page(request, *_period(request))


def _document_data(user, start, end):
    return {
        "title": "Programme report",
        "period": f"{start:%-d %B %Y} to {end:%-d %B %Y}",
        "produced": f"Produced on {timezone.localdate():%-d %B %Y} from the figures in Mobilise.",
        "footer": f"Programme report, {start:%-d %b %Y} to {end:%-d %b %Y}",
        "sections": [
            {
                "heading": s.heading,
                "tables": [{"title": t.title, "header": t.header, "rows": t.rows, "chart": t.chart} for t in s.tables],
            }
            for s in figures.report(user, start, end)
        ],
    }


@login_required
def report_export(request, fmt):
    access.require_staff(request.user)
    if fmt not in FORMATS:
        raise Http404
    form, start, end = _period(request)
    if not (start and end):
        return _report_page(request, form, start, end)
    render_to = programme_report.pdf if fmt == "pdf" else programme_report.docx
    response = HttpResponse(render_to(_document_data(request.user, start, end)), content_type=FORMATS[fmt])
    name = f"programme-report-{start:%Y-%m-%d}-to-{end:%Y-%m-%d}.{fmt}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
