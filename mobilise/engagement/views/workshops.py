"""Workshops from plan to report: details, agenda, invitations with calendar files, replies and attendance,
notes, decisions, actions, materials, and the pack and report as PDF and DOCX."""

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.views.decorators.http import require_http_methods, require_POST

from mobilise.core import links
from mobilise.core.forms import is_id
from mobilise.core.paging import paginate
from mobilise.directory import access as directory_access
from mobilise.documents import workshop as documents
from mobilise.documents.qr import qr_data_uri
from mobilise.documents.text import counted
from mobilise.projects.access import EDIT, can, project_view, team_users

from .. import access, feedback, services
from .. import services_workshops as workshop_services
from ..forms import ActionForm, AttachmentForm
from ..forms_workshops import AgendaItemForm, InviteByEmailForm, InviteForm, NotesForm, WorkshopForm
from ..models import Reply, Status
from .dialogue import attach, context

FORMATS = {"pdf": "application/pdf", "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document"}


@project_view()
def workshops(request, project):
    page, querystring = paginate(request, access.workshops(project))
    return render(
        request, "engagement/workshops.html", context(request, project, "workshops", page=page, querystring=querystring)
    )


@project_view(EDIT)
@require_http_methods(["GET", "POST"])
def workshop_form(request, project, workshop_pk=None):
    workshop = access.get_workshop(project, workshop_pk) if workshop_pk else None
    form = WorkshopForm(
        request.POST or None,
        team=team_users(project),
        initial=WorkshopForm.initial_for(workshop)
        if workshop
        else {"facilitators": [str(request.user.pk)], "owner": str(request.user.pk)},
    )
    if request.method == "POST" and form.is_valid():
        if workshop:
            workshop = services.update_workshop(workshop=workshop, **form.service_values())
            messages.success(request, "Workshop saved. Send the invitations again if the time or place changed.")
        else:
            workshop = services.create_workshop(project=project, **{"owner": request.user, **form.service_values()})
            messages.success(request, "Workshop created. Now add the agenda and invite people.")
        return _back_to(workshop)
    return render(
        request, "engagement/workshop_form.html", context(request, project, "workshops", form=form, w=workshop)
    )


def _back_to(workshop, part=""):
    """Back to the workshop's page, at its `part` ("agenda", "people") if given."""
    return redirect(
        reverse("engagement:workshop", args=[workshop.project_id, workshop.pk]) + (f"#{part}" if part else "")
    )


def _detail(request, project, workshop, **forms):
    can_edit = can(request.user, EDIT, project)
    stakeholders = []
    if can_edit:
        invited = {inv.stakeholder_id for inv in workshop.invitations.all()}
        stakeholders = [
            s
            for s in access.stakeholders(project).filter(person__isnull=False).order_by("person__full_name")
            if s.pk not in invited
        ]
    extra = dict(
        w=workshop,
        statuses=Status.choices,
        replies=[(v, label) for v, label in Reply.choices],
        agenda_form=AgendaItemForm(prefix="agenda"),
        invite_form=InviteForm(stakeholders=stakeholders) if stakeholders else None,
        action_form=ActionForm(team=team_users(project)),
        file_form=AttachmentForm(),
        do_not_contact=[inv for inv in workshop.invitations.all() if inv.stakeholder.do_not_contact],
        feedback_forms=_feedback_forms(workshop),
        add_feedback_url=feedback.add_url(workshop) if can_edit else None,
    )
    extra.update(forms)
    return render(request, "engagement/workshop.html", context(request, project, "workshops", **extra))


def _feedback_forms(workshop):
    """The workshop's feedback forms, each with its full address and the QR code of it for the room."""
    found = []
    for form in feedback.forms(workshop):
        address = links.absolute_url(form.public_path)
        found.append({"form": form, "address": address, "qr": qr_data_uri(address)})
    return found


@project_view()
def workshop(request, project, workshop_pk):
    return _detail(request, project, access.get_workshop(project, workshop_pk))


@project_view(EDIT)
@require_POST
def add_agenda_item(request, project, workshop_pk):
    w = access.get_workshop(project, workshop_pk)
    form = AgendaItemForm(request.POST, prefix="agenda")
    if form.is_valid():
        services.add_agenda_item(workshop=w, **form.cleaned_data)
        messages.success(request, f"“{form.cleaned_data['title']}” added to the agenda.")
        return _back_to(w)
    return _detail(request, project, w, agenda_form=form, form=form)


@project_view(EDIT)
@require_POST
def remove_agenda_item(request, project, workshop_pk, item_pk):
    w = access.get_workshop(project, workshop_pk)
    item = _one(w.agenda.all(), item_pk)
    services.remove_agenda_item(item=item)
    messages.success(request, f"“{item.title}” removed from the agenda.")
    return _back_to(w)


def _one(items, pk):
    """The workshop's agenda item or invitation `pk`, from the prefetched `items`; 404 if it is not the workshop's."""
    item = next((i for i in items if i.pk == pk), None)
    if item is None:
        raise Http404
    return item


@project_view(EDIT)
@require_http_methods(["GET", "POST"])
def edit_agenda_item(request, project, workshop_pk, item_pk):
    w = access.get_workshop(project, workshop_pk)
    item = _one(w.agenda.all(), item_pk)
    form = AgendaItemForm(
        request.POST or None,
        initial={"time": item.time.strftime("%H:%M") if item.time else "", "title": item.title, "owner": item.owner},
    )
    if request.method == "POST" and form.is_valid():
        workshop_services.edit_agenda_item(item=item, **form.cleaned_data)
        messages.success(request, f"“{item.title}” saved.")
        return _back_to(w, "agenda")
    return render(
        request, "engagement/agenda_item.html", context(request, project, "workshops", form=form, w=w, item=item)
    )


@project_view(EDIT)
@require_POST
def move_agenda_item(request, project, workshop_pk, item_pk):
    w = access.get_workshop(project, workshop_pk)
    item = _one(w.agenda.all(), item_pk)
    direction = request.POST.get("direction", "")
    if direction in ("up", "down") and workshop_services.move_agenda_item(item=item, direction=direction):
        messages.success(request, f"“{item.title}” moved {direction}.")
    return _back_to(w, "agenda")


@project_view(EDIT)
@require_POST
def invite(request, project, workshop_pk):
    w = access.get_workshop(project, workshop_pk)
    form = InviteForm(request.POST, stakeholders=access.stakeholders(project).filter(person__isnull=False))
    if form.is_valid():
        chosen = [form.stakeholder_objects[k] for k in form.cleaned_data["stakeholders"]]
        skipped = services.invite(workshop=w, stakeholders=chosen)
        added = len(chosen) - len(skipped)
        messages.success(request, f"{counted(added, 'person', 'people')} added to the invitation list.")
        if skipped:
            messages.error(request, "Not invited: " + "; ".join(f"{s.name} ({why})" for s, why in skipped) + ".")
        return _back_to(w)
    return _detail(request, project, w, invite_form=form, form=form)


@project_view(EDIT)
@require_http_methods(["GET", "POST"])
def invite_by_email(request, project, workshop_pk):
    w = access.get_workshop(project, workshop_pk)
    form = InviteByEmailForm(request.POST or None, organisations=directory_access.organisations_for(request.user))
    if request.method == "POST" and form.is_valid():
        try:
            invitation = workshop_services.invite_by_email(workshop=w, by=request.user, **form.cleaned_data)
        except services.EngagementError as error:
            form.add_error(None, str(error))
        else:
            name = invitation.stakeholder.name
            messages.success(request, f"Invitation sent to {name}, who is now on the stakeholder map.")
            return _back_to(w, "people")
    return render(request, "engagement/invite_email.html", context(request, project, "workshops", form=form, w=w))


@project_view(EDIT)
@require_POST
def uninvite(request, project, workshop_pk, invitation_pk):
    w = access.get_workshop(project, workshop_pk)
    inv = _one(w.invitations.all(), invitation_pk)
    services.uninvite(invitation=inv)
    messages.success(request, f"{inv.stakeholder.name} removed from the invitation list.")
    return _back_to(w)


@project_view(EDIT)
@require_POST
def send(request, project, workshop_pk):
    w = access.get_workshop(project, workshop_pk)
    sent, skipped = workshop_services.send_invitations(
        workshop=w, by=request.user, resend=bool(request.POST.get("resend"))
    )
    messages.success(
        request,
        f"Invitations sent to {counted(len(sent), 'person', 'people')}, each with a calendar file."
        if sent
        else "No one new to invite.",
    )
    if skipped:
        messages.error(request, "Not sent (do not contact or no email address): " + ", ".join(skipped) + ".")
    return _back_to(w)


@project_view(EDIT)
@require_POST
def replies(request, project, workshop_pk):
    w = access.get_workshop(project, workshop_pk)
    chosen = {}
    for inv in w.invitations.all():
        value = request.POST.get(f"reply-{inv.pk}")
        if value in Reply.values:
            chosen[inv.pk] = value
    attended = {int(v) for v in request.POST.getlist("attended") if is_id(v)}
    services.record_replies(workshop=w, replies=chosen, attended=attended)
    messages.success(request, "Replies and attendance saved." if w.held else "Replies saved.")
    return _back_to(w)


@project_view(EDIT)
@require_http_methods(["GET", "POST"])
def notes(request, project, workshop_pk):
    w = access.get_workshop(project, workshop_pk)
    form = NotesForm(
        request.POST or None, agenda=w.agenda.all(), initial={"summary": w.summary, "decisions": w.decisions}
    )
    if request.method == "POST" and form.is_valid():
        services.save_notes(
            workshop=w,
            summary=form.cleaned_data["summary"],
            decisions=form.cleaned_data["decisions"],
            item_notes=form.item_notes(),
        )
        messages.success(request, "Notes and decisions saved.")
        return _back_to(w)
    return render(request, "engagement/notes.html", context(request, project, "workshops", form=form, w=w))


@project_view(EDIT)
@require_POST
def add_action(request, project, workshop_pk):
    w = access.get_workshop(project, workshop_pk)
    form = ActionForm(request.POST, team=team_users(project))
    if form.is_valid():
        services.add_action(
            project=project, workshop=w, agreed_on=timezone.localtime(w.starts).date(), **form.service_values()
        )
        messages.success(request, "Action added.")
        return _back_to(w)
    return _detail(request, project, w, action_form=form, form=form)


@project_view(EDIT)
@require_POST
def add_material(request, project, workshop_pk):
    w = access.get_workshop(project, workshop_pk)
    form = AttachmentForm(request.POST, request.FILES)
    if attach(request, project, form, "“{name}” added to the materials.", workshop=w):
        return _back_to(w)
    return _detail(request, project, w, file_form=form, form=form)


def document_data(project, w):
    starts, ends = timezone.localtime(w.starts), timezone.localtime(w.ends)
    facts = [("When", f"{starts:%A %-d %B %Y}, {starts:%H:%M} to {ends:%H:%M}")]
    if w.place:
        facts.append(("Where", w.place))
    if w.online_link:
        facts.append(("Online", w.online_link))
    facilitators = ", ".join(u.full_name or u.email for u in w.facilitators.all())
    if facilitators:
        facts.append(("Facilitators", facilitators))

    def organisation(s):
        if s.person_id and s.person.organisation_id:
            return s.person.organisation.name
        return s.organisation.name if s.organisation_id else ""

    return {
        "title": w.title,
        "project": f"{project.short_title}: {project.title}",
        "footer": f"{project.short_title} · {w.title}",
        "facts": facts,
        "purpose": w.purpose,
        "agenda": [
            {"time": f"{i.time:%H:%M}" if i.time else "", "title": i.title, "owner": i.owner, "notes": i.notes}
            for i in w.agenda.all()
        ],
        "participants": [
            {
                "name": inv.stakeholder.name,
                "organisation": organisation(inv.stakeholder),
                "reply": inv.get_reply_display(),
                "attended": bool(inv.attended),
            }
            for inv in w.invitations.all()
        ],
        "summary": w.summary,
        "decisions": w.decision_list,
        "actions": [
            {
                "description": a.description,
                "owner": str(a.owner or ""),
                "due": f"{a.due:%-d %b %Y}" if a.due else "",
                "status": a.get_status_display(),
            }
            for a in w.actions.all()
        ],
        "materials": [m.name for m in w.materials.all()],
        "feedback": [{"title": f.title, "address": links.absolute_url(f.public_path)} for f in feedback.forms(w)],
    }


@project_view()
def export(request, project, workshop_pk, kind, fmt):
    w = access.get_workshop(project, workshop_pk)
    if fmt not in FORMATS or kind not in ("pack", "report"):
        raise Http404
    render_to = documents.pdf if fmt == "pdf" else documents.docx
    content = render_to(document_data(project, w), report=kind == "report")
    response = HttpResponse(content, content_type=FORMATS[fmt])
    name = f"{slugify(w.title)[:60] or 'workshop'}-{kind}.{fmt}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
