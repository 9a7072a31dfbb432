"""Insights and evidence gaps that dialogue reveals, and turning one into a new project."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from mobilise.core.paging import paginate
from mobilise.documents.text import counted
from mobilise.projects.access import EDIT, START, can, project_view

from .. import access, services
from ..forms import InsightFilterForm, InsightForm, NewProjectForm
from ..models import InsightStatus
from .dialogue import context

RECENT_INTERACTIONS = 100


@project_view()
def insights(request, project):
    filters = InsightFilterForm(request.GET)
    page, querystring = paginate(request, filters.filter_qs(access.insights(project)))
    return render(
        request,
        "engagement/insights.html",
        context(
            request,
            project,
            "insights",
            page=page,
            querystring=querystring,
            statuses=InsightStatus.choices,
            status=filters.values["status"],
            can_start=can(request.user, START),
        ),
    )


@project_view(EDIT)
@require_http_methods(["GET", "POST"])
def insight_form(request, project, insight_pk=None):
    insight = access.get_insight(project, insight_pk) if insight_pk else None
    recent = list(access.interactions(project).order_by("-date", "-pk")[:RECENT_INTERACTIONS])
    if insight:
        recent += [i for i in insight.interactions.all() if i not in recent]
    initial = {}
    if insight:
        initial = {
            "question": insight.question,
            "why_it_matters": insight.why_it_matters,
            "status": insight.status,
            "stakeholders": [str(s.pk) for s in insight.stakeholders.all()],
            "interactions": [str(i.pk) for i in insight.interactions.all()],
        }
    form = InsightForm(
        request.POST or None,
        stakeholders=access.stakeholders(project).order_by("person__full_name", "organisation__name", "group_name"),
        interactions=recent,
        initial=initial,
    )
    if request.method == "POST" and form.is_valid():
        services.save_insight(project=project, insight=insight, **form.service_values())
        messages.success(request, "Evidence gap saved.")
        return redirect("engagement:insights", pk=project.pk)
    return render(
        request, "engagement/insight_form.html", context(request, project, "insights", form=form, insight=insight)
    )


@project_view(EDIT)
@require_http_methods(["GET", "POST"])
def to_project(request, project, insight_pk):
    insight = access.get_insight(project, insight_pk)
    if insight.new_project_id or not can(request.user, START):
        messages.error(
            request,
            "This evidence gap already became a project." if insight.new_project_id else "You cannot start projects.",
        )
        return redirect("engagement:insights", pk=project.pk)
    form = NewProjectForm(
        request.POST or None,
        initial={"title": insight.question.strip()[:300], "short_title": f"{project.short_title} follow-on"[:80]},
    )
    if request.method == "POST" and form.is_valid():
        new = services.turn_into_project(insight=insight, by=request.user, **form.cleaned_data)
        messages.success(
            request,
            f"{new.short_title} started at the idea stage, with the question and "
            f"{counted(insight.stakeholders.count(), 'stakeholder')} on its map.",
        )
        return redirect("project", pk=new.pk)
    return render(
        request, "engagement/to_project.html", context(request, project, "insights", form=form, insight=insight)
    )
