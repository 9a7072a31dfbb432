"""The figures of one event or a whole theme (staff): charts drawn on the server with their data tables beside
them, and the same tables as an Excel workbook."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse

from mobilise.core.tables import xlsx_bytes
from mobilise.documents.figures import charted, sheets

from .. import access, figures

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _page(request, *, title, caption, tables, export_url, back):
    context = {
        "title": title,
        "caption": caption,
        "tables": charted(tables),
        "export_url": export_url,
        "back": back,
        "nav": "events",
    }
    return render(request, "events/figures.html", context)


def _xlsx(tables, name):
    response = HttpResponse(xlsx_bytes(sheets(tables)), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{name}-figures.xlsx"'
    return response


@login_required
def event(request, pk):
    event = access.get_event(request.user, pk)
    return _page(
        request,
        title=f"Figures: {event.title}",
        caption=event.theme.title,
        tables=figures.event_figures(event),
        export_url=("events:event-figures-export", event.pk),
        back={"href": reverse("events:manage-event", args=[event.pk]), "text": event.title},
    )


@login_required
def event_export(request, pk):
    event = access.get_event(request.user, pk)
    return _xlsx(figures.event_figures(event), event.slug)


@login_required
def theme(request, pk):
    theme = access.get_theme(request.user, pk)
    return _page(
        request,
        title=f"Figures: {theme.title}",
        caption=theme.period,
        tables=figures.theme_figures(theme),
        export_url=("events:theme-figures-export", theme.pk),
        back={"href": reverse("events:manage"), "text": "Webinars"},
    )


@login_required
def theme_export(request, pk):
    theme = access.get_theme(request.user, pk)
    return _xlsx(figures.theme_figures(theme), theme.slug)
