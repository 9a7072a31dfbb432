"""Engagement pages: the due list, the quick log, interactions, actions and files. Workshops, evidence gaps and
the timelines are in workshops.py, insights.py and timeline.py beside this module."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from mobilise.core.forms import is_id
from mobilise.core.paging import paginate
from mobilise.core.uploads import serve_private
from mobilise.projects import access as project_access
from mobilise.projects.access import EDIT, page_context, project_view
from mobilise.stakeholders import access as stakeholder_access

from .. import access, due, elsewhere, eml, services
from ..forms import ActionFilterForm, ActionForm, AttachmentForm, EmailFileForm, EmailPeopleForm, InteractionForm
from ..models import Status


def context(request, project, tab, **extra):
    return page_context(request, project, tab=tab, **{"today": timezone.localdate(), **extra})


def _actions(request, queryset):
    """A page of open actions, filtered and sorted as the query string asks, its pager's query string, and the
    filters for the template."""
    filters = ActionFilterForm(request.GET, user=request.user)
    page, querystring = paginate(request, filters.filter_qs(queryset), param="actions")
    return page, querystring, filters.values


@project_view()
def due_list(request, project):
    today = timezone.localdate()
    base = access.stakeholders(project).select_related("owner")
    due_page, due_query = paginate(request, due.due(base, today))
    due.with_state(due_page.object_list, today)
    never_page, never_query = paginate(request, due.never_engaged(base), param="never")
    actions_page, actions_query, filters = _actions(request, access.open_actions(project))
    return render(
        request,
        "engagement/due.html",
        context(
            request,
            project,
            "due",
            due_page=due_page,
            due_query=due_query,
            never_page=never_page,
            never_query=never_query,
            actions_page=actions_page,
            actions_query=actions_query,
            today=today,
            owner=filters["owner"],
            sort=filters["sort"] or "due",
        ),
    )


@login_required
def due_everywhere(request):
    """What is due across every project the user may see: every supported project, for an adviser."""
    today = timezone.localdate()
    base = stakeholder_access.visible_stakeholders(request.user)
    actions_page, actions_query, filters = _actions(request, access.visible_open_actions(request.user))
    if filters["mine"]:
        base = base.filter(owner=request.user)
    due_page, querystring = paginate(request, due.due(base, today))
    due.with_state(due_page.object_list, today)
    return render(
        request,
        "engagement/due_all.html",
        {
            "nav": "due",
            "due_page": due_page,
            "querystring": querystring,
            "actions_page": actions_page,
            "actions_query": actions_query,
            "today": today,
            "owner": filters["owner"],
            "mine": filters["mine"],
            "elsewhere": elsewhere.sections(request.user, today),
        },
    )


def _log_form(request, project, data=None, files=None, initial=None):
    return InteractionForm(data, files, initial=initial, **access.log_choices(project))


@project_view(EDIT)
@require_http_methods(["GET", "POST"])
def log(request, project):
    initial = {"date": timezone.localdate(), "kind": "meeting", "team": [str(request.user.pk)]}
    stakeholder = request.GET.get("stakeholder", "")
    if is_id(stakeholder):
        initial["stakeholders"] = [stakeholder]
    form = _log_form(request, project, request.POST or None, request.FILES or None, initial=initial)
    # After an imported email: its people not on the map, offered for adding (the form is empty otherwise).
    people = EmailPeopleForm(request.POST or None)
    if request.method == "POST":
        people_valid = people.is_valid()
        if request.POST.getlist(people.add_prefix("add")):
            form.fields["stakeholders"].required = False  # the people added from the email are involved
        if form.is_valid() and people_valid:
            try:
                interaction = services.log_interaction(
                    project=project, by=request.user, **form.service_values(), **people.service_values()
                )
            except services.EngagementError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, "Interaction logged.")
                return redirect("engagement:interaction", pk=project.pk, interaction_pk=interaction.pk)
    return render(
        request, "engagement/log.html", context(request, project, "log", form=form, people=people, draft=people.offers)
    )


@project_view(EDIT)
@require_http_methods(["GET", "POST"])
def import_email(request, project):
    """Upload an .eml file; its sender, recipients, date, subject and body fill a draft of the quick log."""
    form = EmailFileForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        parsed = eml.parse(form.cleaned_data["file"].read())
        # The team's own addresses (the importer's among them) are not stakeholders to look for.
        team = {u.email.lower() for u in project_access.team_users(project) if u.email} | {request.user.email.lower()}
        named = {e: n for n, e in reversed([parsed["sender"], *parsed["recipients"]]) if e and e not in team}
        on_map = access.stakeholders(project).filter(person__email__gt="")
        matched = [s for s in on_map if s.person.email.lower() in named]
        unmatched = sorted(set(named) - {s.person.email.lower() for s in matched})
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
            context(
                request,
                project,
                "log",
                form=_log_form(request, project, initial=initial),
                people=EmailPeopleForm(offered=[(named[e], e) for e in unmatched]),
                draft=parsed,
                unmatched=unmatched,
                action=reverse("engagement:log", args=[project.pk]),
            ),
        )
    return render(request, "engagement/import.html", context(request, project, "log", form=form))


def _interaction_page(request, project, item, **forms):
    """The interaction page; `forms` replace the blank action and file forms (with errors, after a failed post)."""
    can_edit = project_access.can(request.user, EDIT, project)
    extra = dict(
        i=item,
        action_form=ActionForm(team=project_access.team_users(project)) if can_edit else None,
        file_form=AttachmentForm() if can_edit else None,
        statuses=Status.choices,
    )
    extra.update(forms)
    return render(request, "engagement/interaction.html", context(request, project, "timeline", **extra))


@project_view()
def interaction(request, project, interaction_pk):
    return _interaction_page(request, project, access.get_interaction(project, interaction_pk))


@project_view(EDIT)
@require_http_methods(["GET", "POST"])
def remove_interaction(request, project, interaction_pk):
    item = access.get_interaction(project, interaction_pk)
    if item.workshop_id:
        raise Http404  # kept in step with the workshop's attendance
    if request.method == "POST":
        services.remove_interaction(interaction=item)
        messages.success(request, "Interaction removed.")
        return redirect("engagement:timeline", pk=project.pk)
    return render(request, "engagement/remove.html", context(request, project, "timeline", i=item))


@project_view(EDIT)
@require_POST
def add_action(request, project, interaction_pk):
    item = access.get_interaction(project, interaction_pk)
    form = ActionForm(request.POST, team=project_access.team_users(project))
    if form.is_valid():
        services.add_action(project=project, interaction=item, agreed_on=item.date, **form.service_values())
        messages.success(request, "Action added.")
        return redirect("engagement:interaction", pk=project.pk, interaction_pk=item.pk)
    return _interaction_page(request, project, item, action_form=form, form=form)


@project_view(EDIT)
@require_POST
def action_status(request, project, action_pk):
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


def attach(request, project, form, done, **owner):
    """Attach the form's checked upload to its owner (an interaction or a workshop) and say `done` (naming it);
    False when the form refuses the file."""
    if not form.is_valid():
        return False
    upload = form.cleaned_data["file"]
    services.add_attachment(project=project, by=request.user, upload=upload, content_type=upload.checked_type, **owner)
    messages.success(request, done.format(name=upload.name))
    return True


@project_view(EDIT)
@require_POST
def add_file(request, project, interaction_pk):
    item = access.get_interaction(project, interaction_pk)
    form = AttachmentForm(request.POST, request.FILES)
    if attach(request, project, form, "“{name}” attached.", interaction=item):
        return redirect("engagement:interaction", pk=project.pk, interaction_pk=item.pk)
    return _interaction_page(request, project, item, file_form=form, form=form)


@project_view()
def download(request, project, file_pk):
    """A file, only through the project's access check: outsiders get 404 like everywhere else."""
    attachment = access.get_attachment(project, file_pk)
    return serve_private(attachment.file, name=attachment.name, content_type=attachment.content_type)


@project_view(EDIT)
@require_POST
def remove_file(request, project, file_pk):
    attachment = access.get_attachment(project, file_pk)
    services.remove_attachment(attachment=attachment)
    messages.success(request, f"“{attachment.name}” removed.")
    if attachment.workshop_id:
        return redirect("engagement:workshop", pk=project.pk, workshop_pk=attachment.workshop_id)
    return redirect("engagement:interaction", pk=project.pk, interaction_pk=attachment.interaction_id)
