"""Engagement pages: the due list, the quick log, interactions, actions and files. Workshops, evidence gaps and
the timelines are in views_workshops.py, views_insights.py and views_timeline.py."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from mobilise.core.paging import paginate
from mobilise.core.uploads import serve_private
from mobilise.projects import access as project_access
from mobilise.stakeholders import access as stakeholder_access

from . import access, due, eml, services
from .access import EDIT
from .forms import ActionForm, AttachmentForm, EmailFileForm, InteractionForm
from .models import Status


def common(request, project, tab, **extra):
    return {
        "project": project,
        "nav": "projects",
        "tab": tab,
        "today": timezone.localdate(),
        "can_edit": project_access.can(request.user, EDIT, project),
        **extra,
    }


def _page(request, queryset, name, per_page=25):
    return Paginator(queryset, per_page).get_page(request.GET.get(name))


def _actions_ordered(queryset, request):
    owner = request.GET.get("owner", "")
    if owner == "me":
        queryset = queryset.filter(owner=request.user)
    elif owner == "none":
        queryset = queryset.filter(owner__isnull=True)
    if request.GET.get("sort") == "owner":
        return queryset.order_by("owner__full_name", "due", "pk"), owner
    return queryset.order_by("due", "pk"), owner


@login_required
def due_list(request, pk):
    project = access.get_project(request.user, pk)
    today = timezone.localdate()
    base = access.stakeholders(project).select_related("owner")
    due_page = _page(request, due.due(base, today), "page")
    due.with_state(due_page.object_list, today)
    never_page = _page(request, due.never_engaged(base), "never")
    actions, owner = _actions_ordered(access.open_actions(project), request)
    actions_page = _page(request, actions, "actions")
    return render(
        request,
        "engagement/due.html",
        common(
            request,
            project,
            "due",
            due_page=due_page,
            never_page=never_page,
            actions_page=actions_page,
            today=today,
            owner=owner,
            sort=request.GET.get("sort", "due"),
        ),
    )


@login_required
def due_everywhere(request):
    """What is due across every project the user may see: every supported project, for an adviser."""
    today = timezone.localdate()
    base = stakeholder_access.visible_stakeholders(request.user)
    if request.GET.get("mine"):
        base = base.filter(owner=request.user)
    due_page, querystring = paginate(request, due.due(base, today))
    due.with_state(due_page.object_list, today)
    actions, owner = _actions_ordered(access.visible_open_actions(request.user), request)
    actions_page = _page(request, actions, "actions")
    return render(
        request,
        "engagement/due_all.html",
        {
            "nav": "projects",
            "due_page": due_page,
            "querystring": querystring,
            "actions_page": actions_page,
            "today": today,
            "owner": owner,
            "mine": bool(request.GET.get("mine")),
        },
    )


def _log_form(request, project, data=None, files=None, initial=None):
    return InteractionForm(
        data,
        files,
        stakeholders=list(
            access.stakeholders(project).order_by("person__full_name", "organisation__name", "group_name", "pk")
        ),
        team=list(project_access.team_users(project)),
        initial=initial,
    )


@login_required
@require_http_methods(["GET", "POST"])
def log(request, pk):
    project = access.get_project(request.user, pk, EDIT)
    initial = {"date": timezone.localdate(), "kind": "meeting", "team": [str(request.user.pk)]}
    stakeholder = request.GET.get("stakeholder", "")
    if stakeholder.isdigit():
        initial["stakeholders"] = [stakeholder]
    form = _log_form(request, project, request.POST or None, request.FILES or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            interaction = services.log_interaction(project=project, by=request.user, **form.service_values())
        except services.EngagementError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, "Interaction logged.")
            return redirect("engagement:interaction", pk=project.pk, interaction_pk=interaction.pk)
    return render(request, "engagement/log.html", common(request, project, "log", form=form))


@login_required
@require_http_methods(["GET", "POST"])
def import_email(request, pk):
    """Upload an .eml file; its sender, recipients, date, subject and body fill a draft of the quick log."""
    project = access.get_project(request.user, pk, EDIT)
    form = EmailFileForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        parsed = eml.parse(form.cleaned_data["file"].read())
        emails = {e for _, e in [parsed["sender"], *parsed["recipients"]] if e}
        on_map = access.stakeholders(project).filter(person__email__gt="")
        matched = [s for s in on_map if s.person.email.lower() in emails]
        unmatched = sorted(emails - {s.person.email.lower() for s in matched})
        body = parsed["body"]
        initial = {
            "date": parsed["date"] or timezone.localdate(),
            "kind": "email",
            "subject": parsed["subject"],
            "summary": body,
            "stakeholders": [str(s.pk) for s in matched],
            "team": [str(request.user.pk)],
        }
        return render(
            request,
            "engagement/log.html",
            common(
                request,
                project,
                "log",
                form=_log_form(request, project, initial=initial),
                draft=parsed,
                unmatched=unmatched,
                action=reverse("engagement:log", args=[project.pk]),
            ),
        )
    return render(request, "engagement/import.html", common(request, project, "log", form=form))


@login_required
def interaction(request, pk, interaction_pk):
    project = access.get_project(request.user, pk)
    item = access.get_interaction(project, interaction_pk)
    can_edit = project_access.can(request.user, EDIT, project)
    return render(
        request,
        "engagement/interaction.html",
        common(
            request,
            project,
            "timeline",
            i=item,
            action_form=ActionForm(team=project_access.team_users(project)) if can_edit else None,
            file_form=AttachmentForm() if can_edit else None,
            statuses=Status.choices,
        ),
    )


@login_required
@require_http_methods(["GET", "POST"])
def remove_interaction(request, pk, interaction_pk):
    project = access.get_project(request.user, pk, EDIT)
    item = access.get_interaction(project, interaction_pk)
    if item.workshop_id:
        raise Http404  # kept in step with the workshop's attendance
    if request.method == "POST":
        services.remove_interaction(interaction=item)
        messages.success(request, "Interaction removed.")
        return redirect("engagement:timeline", pk=project.pk)
    return render(request, "engagement/remove.html", common(request, project, "timeline", i=item))


@login_required
@require_POST
def add_action(request, pk, interaction_pk):
    project = access.get_project(request.user, pk, EDIT)
    item = access.get_interaction(project, interaction_pk)
    form = ActionForm(request.POST, team=project_access.team_users(project))
    if form.is_valid():
        services.add_action(project=project, interaction=item, agreed_on=item.date, **form.service_values())
        messages.success(request, "Action added.")
        return redirect("engagement:interaction", pk=project.pk, interaction_pk=item.pk)
    return render(
        request,
        "engagement/interaction.html",
        common(
            request,
            project,
            "timeline",
            i=item,
            action_form=form,
            form=form,
            file_form=AttachmentForm(),
            statuses=Status.choices,
        ),
    )


@login_required
@require_POST
def action_status(request, pk, action_pk):
    project = access.get_project(request.user, pk, EDIT)
    action = access.get_action(project, action_pk)
    try:
        services.set_action_status(action=action, status=request.POST.get("status", ""))
    except services.EngagementError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, f"“{action.description}” is now {action.get_status_display().lower()}.")
    if request.headers.get("HX-Request"):
        return render(
            request,
            "engagement/_action.html",
            {
                "a": action,
                "project": project,
                "can_edit": True,
                "statuses": Status.choices,
                "swapped": True,
                "today": timezone.localdate(),
            },
        )
    back = request.POST.get("next", "")
    if back.startswith(f"/projects/{project.pk}/engagement/") or back == "/engagement/":
        return redirect(back)
    return redirect("engagement:due", pk=project.pk)


@login_required
@require_POST
def add_file(request, pk, interaction_pk):
    project = access.get_project(request.user, pk, EDIT)
    item = access.get_interaction(project, interaction_pk)
    form = AttachmentForm(request.POST, request.FILES)
    if form.is_valid():
        upload = form.cleaned_data["file"]
        services.add_attachment(
            project=project, by=request.user, upload=upload, content_type=upload.checked_type, interaction=item
        )
        messages.success(request, f"“{upload.name}” attached.")
        return redirect("engagement:interaction", pk=project.pk, interaction_pk=item.pk)
    return render(
        request,
        "engagement/interaction.html",
        common(
            request,
            project,
            "timeline",
            i=item,
            action_form=ActionForm(team=project_access.team_users(project)),
            file_form=form,
            form=form,
            statuses=Status.choices,
        ),
    )


@login_required
def download(request, pk, file_pk):
    """A file, only through the project's access check: outsiders get 404 like everywhere else."""
    project = access.get_project(request.user, pk)
    attachment = access.get_attachment(project, file_pk)
    return serve_private(attachment.file, name=attachment.name, content_type=attachment.content_type)


@login_required
@require_POST
def remove_file(request, pk, file_pk):
    project = access.get_project(request.user, pk, EDIT)
    attachment = access.get_attachment(project, file_pk)
    services.remove_attachment(attachment=attachment)
    messages.success(request, f"“{attachment.name}” removed.")
    if attachment.workshop_id:
        return redirect("engagement:workshop", pk=project.pk, workshop_pk=attachment.workshop_id)
    return redirect("engagement:interaction", pk=project.pk, interaction_pk=attachment.interaction_id)
