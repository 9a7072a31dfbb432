"""Insights and evidence gaps that dialogue reveals, and turning one into a new project."""

import rules
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from mobilise.core.paging import paginate

from . import access, services
from .access import EDIT
from .forms import InsightForm, NewProjectForm
from .models import InsightStatus
from .views import common

RECENT_INTERACTIONS = 100


@login_required
def insights(request, pk):
    project = access.get_project(request.user, pk)
    queryset = access.insights(project)
    status = request.GET.get("status", "")
    if status in InsightStatus.values:
        queryset = queryset.filter(status=status)
    page, querystring = paginate(request, queryset)
    return render(
        request,
        "engagement/insights.html",
        common(
            request,
            project,
            "insights",
            page=page,
            querystring=querystring,
            statuses=InsightStatus.choices,
            status=status,
            can_start=rules.has_perm("projects.add_project", request.user),
        ),
    )


@login_required
@require_http_methods(["GET", "POST"])
def insight_form(request, pk, insight_pk=None):
    project = access.get_project(request.user, pk, EDIT)
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
        request, "engagement/insight_form.html", common(request, project, "insights", form=form, insight=insight)
    )


@login_required
@require_http_methods(["GET", "POST"])
def to_project(request, pk, insight_pk):
    project = access.get_project(request.user, pk, EDIT)
    insight = access.get_insight(project, insight_pk)
    if insight.new_project_id or not rules.has_perm("projects.add_project", request.user):
        messages.error(
            request,
            "This evidence gap already became a project." if insight.new_project_id else "You cannot start projects.",
        )
        return redirect("engagement:insights", pk=project.pk)
    form = NewProjectForm(
        request.POST or None,
        initial={"title": insight.question[:300].rstrip("?"), "short_title": f"{project.short_title} follow-on"[:80]},
    )
    if request.method == "POST" and form.is_valid():
        new = services.turn_into_project(insight=insight, by=request.user, **form.cleaned_data)
        messages.success(
            request,
            f"{new.short_title} started at the idea stage, with the question and "
            f"{insight.stakeholders.count()} stakeholders on its map.",
        )
        return redirect("project", pk=new.pk)
    return render(
        request, "engagement/to_project.html", common(request, project, "insights", form=form, insight=insight)
    )
