from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from mobilise.core.audit import history_page
from mobilise.core.forms import model_values
from mobilise.core.paging import paginate
from mobilise.core.versioning import StaleEdit

from .. import access, jobs, origins, planhealth, services, support
from ..access import EDIT, MANAGE_TEAM, START, can, page_context, project_view
from ..forms import AddMemberForm, DashboardFilterForm, ProjectForm
from ..models import Invitation, Role, Stage


@login_required
def dashboard(request):
    user = request.user
    visible = access.projects_for(user)
    filters = DashboardFilterForm(request.GET, user=user)
    queryset = filters.filter_qs(visible)
    page, querystring = paginate(request, access.with_list_details(queryset.order_by("short_title")))
    stage_counts = dict(visible.order_by().values_list("stage").annotate(n=Count("pk")))
    return render(
        request,
        "projects/dashboard.html",
        {
            "page": page,
            "querystring": querystring,
            "filters": filters.values,
            "stages": [(value, label, stage_counts.get(value, 0)) for value, label in Stage.choices],
            **access.filter_choices(advisers=False),
            "nav": "projects",
            "can_start": can(user, START),
        },
    )


@project_view()
def project_detail(request, project):
    return render(
        request,
        "projects/project.html",
        page_context(
            request,
            project,
            team=access.team(project),
            jobs=jobs.statuses(project, request.user),
            support=support.history(project, request.user),
            origins=origins.origins(project, request.user),
            plan_health=planhealth.plan_health(project, request.user),
        ),
    )


@login_required
@require_http_methods(["GET", "POST"])
def project_new(request):
    if not can(request.user, START):
        raise Http404
    form = ProjectForm(request.POST or None, can_assign_advisers=request.user.is_adviser)
    if request.method == "POST" and form.is_valid():
        values = model_values(form)
        project = services.create_project(by=request.user, **values)
        messages.success(request, f"Project {project.short_title} created.")
        return redirect("project", pk=project.pk)
    return render(request, "projects/project_form.html", {"form": form, "nav": "projects"})


@project_view(EDIT)
@require_http_methods(["GET", "POST"])
def project_edit(request, project):
    can_assign = access.can(request.user, MANAGE_TEAM, project)
    form = ProjectForm(request.POST or None, instance=project, can_assign_advisers=can_assign)
    if request.method == "POST" and form.is_valid():
        try:
            _, kept = services.update_project(
                project=project,
                expected_version=form.cleaned_data["version"],
                overwrite=form.cleaned_data["overwrite"],
                **model_values(form),
            )
        except StaleEdit as stale:
            who = ", ".join(sorted(str(u) for u in stale.editors)) or "Someone else"
            form.add_error(
                None,
                f"{who} also changed {', '.join(stale.fields)} after you opened this page. "
                "Your changes are not saved yet. Open the project in a new tab to see theirs, "
                "or save again to keep yours.",
            )
            form.data = data = form.data.copy()  # type: ignore[attr-defined]
            data["overwrite"] = "on"
        else:
            note = f" Changes others made meanwhile to {', '.join(kept)} are kept too." if kept else ""
            messages.success(request, "Project saved." + note)
            return redirect("project", pk=project.pk)
    return render(request, "projects/project_form.html", {"form": form, "project": project, "nav": "projects"})


@project_view(MANAGE_TEAM)
@require_http_methods(["GET", "POST"])
def project_team(request, project):
    form = AddMemberForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            added = services.add_or_invite(project=project, by=request.user, **form.cleaned_data)
        except services.TeamError as error:
            form.add_error("email", str(error))
        else:
            if isinstance(added, Invitation):
                messages.success(
                    request,
                    f"Invitation sent to {added.email}. Its link works for {services.INVITATION_LIFETIME.days} days.",
                )
            else:
                messages.success(request, f"{added.user} added as {added.get_role_display().lower()}.")
            return redirect("project-team", pk=project.pk)
    return render(
        request,
        "projects/team.html",
        page_context(
            request,
            project,
            team=access.team(project),
            invitations=access.pending_invitations(project),
            form=form,
            roles=Role.choices,
        ),
    )


@project_view(MANAGE_TEAM)
@require_POST
def invitation_revoke(request, project, invitation_pk):
    invitation = access.get_pending_invitation(project, invitation_pk)
    services.revoke_invitation(invitation=invitation)
    messages.success(request, f"Invitation to {invitation.email} cancelled. Its link no longer works.")
    return redirect("project-team", pk=project.pk)


@project_view(MANAGE_TEAM)
@require_POST
def project_member(request, project, member_pk):
    membership = get_object_or_404(project.memberships.select_related("user"), pk=member_pk)
    try:
        if request.POST.get("action") == "remove":
            services.remove_member(membership=membership)
            messages.success(request, f"{membership.user} removed from the team.")
        elif request.POST.get("role") in Role.values:
            services.change_role(membership=membership, role=request.POST["role"])
            messages.success(request, f"{membership.user} is now {membership.get_role_display().lower()}.")
        else:
            raise Http404
    except services.TeamError as error:
        messages.error(request, str(error))
    return redirect("project-team", pk=project.pk)


@project_view()
def project_history(request, project):
    page, entries = history_page(request, project)
    team_changes = (
        project.memberships.model.history.filter(project_id=project.pk)
        .select_related("history_user", "user")
        .order_by("-history_date")[:50]
    )
    return render(
        request,
        "projects/history.html",
        page_context(
            request,
            project,
            page=page,
            entries=entries,
            team_changes=team_changes,
        ),
    )
