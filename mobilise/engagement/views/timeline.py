"""Timelines for a project and for one stakeholder, newest first, paged with a `before` cursor."""

from django.shortcuts import render
from django.utils.http import urlencode

from mobilise.projects.access import project_view
from mobilise.stakeholders import access as stakeholder_access
from mobilise.stakeholders import timeline

from .dialogue import context

PER_PAGE = 30
KINDS = [("interaction", "Interactions"), ("action", "Actions"), ("workshop", "Workshops"), ("output", "Outputs sent")]


def _page(request, project, stakeholder=None):
    kinds = {k for k in request.GET.getlist("kind") if k in dict(KINDS)}
    before = timeline.parse_cursor(request.GET.get("before", ""))  # anything malformed: the first page
    entries = timeline.entries(project, stakeholder=stakeholder, kinds=kinds or None, before=before, limit=PER_PAGE + 1)
    more = len(entries) > PER_PAGE
    entries = entries[:PER_PAGE]
    next_query = urlencode([("kind", k) for k in sorted(kinds)] + [("before", str(entries[-1].cursor))]) if more else ""
    return {"entries": entries, "next_query": next_query, "kinds": KINDS, "chosen": kinds, "paged": bool(before)}


@project_view()
def project_timeline(request, project):
    return render(request, "engagement/timeline.html", context(request, project, "timeline", **_page(request, project)))


@project_view()
def stakeholder_timeline(request, project, stakeholder_pk):
    stakeholder = stakeholder_access.get_stakeholder(project, stakeholder_pk)
    return render(
        request,
        "engagement/stakeholder_timeline.html",
        context(request, project, "timeline", s=stakeholder, **_page(request, project, stakeholder)),
    )
