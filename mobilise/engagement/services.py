"""Writes for engagement. Each function is one transaction: all of it happens or none."""

import datetime

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from mobilise.core.uploads import clean_name
from mobilise.projects import services as project_services
from mobilise.projects.models import Stage
from mobilise.stakeholders import services as stakeholder_services

from . import access
from .models import (
    Action,
    AgendaItem,
    Attachment,
    Insight,
    InsightStatus,
    Interaction,
    Invitation,
    Kind,
    Reply,
    Status,
    Workshop,
)


class EngagementError(Exception):
    pass


def _same_project(project, stakeholders):
    if any(s.project_id != project.pk for s in stakeholders):
        raise EngagementError("Choose stakeholders from this project's map")


@transaction.atomic
def add_attachment(*, project, by, upload, content_type, interaction=None, workshop=None):
    """Keep a checked upload. log_interaction saves files last, so a failed transaction leaves no row behind."""
    attachment = Attachment(
        project=project,
        interaction=interaction,
        workshop=workshop,
        name=clean_name(upload.name),
        content_type=content_type,
        size=upload.size,
        uploaded_by=by,
    )
    attachment.file.save(upload.name, upload, save=False)
    attachment.save()
    return attachment


@transaction.atomic
def remove_attachment(*, attachment):
    storage, name = attachment.file.storage, attachment.file.name
    attachment.delete()
    transaction.on_commit(lambda: storage.delete(name))


def _latest_contacts(stakeholder_ids: set[int]) -> dict[int, datetime.date]:
    """{stakeholder id: date of their latest interaction}, for those with any."""
    return dict(
        Interaction.stakeholders.through.objects.filter(stakeholder_id__in=stakeholder_ids)
        .values("stakeholder_id")
        .annotate(latest=Max("interaction__date"))
        .values_list("stakeholder_id", "latest")
    )


def _record_contacts(stakeholder_ids):
    """Bring the last and next contact dates of these stakeholders up to date with their interactions; called
    wherever an interaction is logged, removed, moved or changes who took part."""
    stakeholder_services.record_contacts(stakeholder_ids=stakeholder_ids, latest_contacts=_latest_contacts)


@transaction.atomic
def log_interaction(
    *,
    project,
    by,
    date,
    kind,
    subject="",
    summary="",
    learned="",
    stakeholders=(),
    team=(),
    actions=(),
    attitude=None,
    uploads=(),
    new_people=(),
    lawful_basis="",
    consent_date=None,
):
    """Record an interaction with its follow-up actions, files and any change in a stakeholder's attitude.

    actions: dicts of description, owner, due. attitude: (stakeholder, new attitude, reason) or None.
    uploads: (file, content type) pairs already checked by files.check_upload. new_people: (name, email) pairs
    of an imported email to put on the map and involve too, with the lawful basis for those new to the directory."""
    stakeholders = list(stakeholders)
    _same_project(project, stakeholders)
    if new_people:
        try:
            added = stakeholder_services.add_people_by_email(
                project=project, by=by, people=new_people, lawful_basis=lawful_basis, consent_date=consent_date
            )
        except stakeholder_services.StakeholderError as error:
            raise EngagementError(str(error)) from None
        stakeholders += [s for s in added if s.pk not in {t.pk for t in stakeholders}]
    if not stakeholders:
        raise EngagementError("Select the stakeholders involved")
    interaction = Interaction.objects.create(
        project=project, date=date, kind=kind, subject=subject, summary=summary, learned=learned, created_by=by
    )
    interaction.stakeholders.set(stakeholders)
    _record_contacts([s.pk for s in stakeholders])
    interaction.team.set(team)
    for action in actions:
        add_action(project=project, interaction=interaction, agreed_on=date, **action)
    if attitude:
        stakeholder, new, reason = attitude
        _same_project(project, [stakeholder])
        stakeholder_services.rescore(
            stakeholder=stakeholder,
            by=by,
            interest=stakeholder.interest,
            influence=stakeholder.influence,
            impact=stakeholder.impact,
            attitude=new,
            reason=reason or f"After the {interaction.get_kind_display().lower()} on {date:%-d %B %Y}",
        )
    for upload, content_type in uploads:
        add_attachment(project=project, by=by, upload=upload, content_type=content_type, interaction=interaction)
    return interaction


@transaction.atomic
def remove_interaction(*, interaction):
    for attachment in interaction.attachments.all():
        remove_attachment(attachment=attachment)
    involved = list(interaction.stakeholders.values_list("pk", flat=True))
    interaction.delete()
    _record_contacts(involved)


@transaction.atomic
def add_action(*, project, description, owner=None, due=None, interaction=None, workshop=None, agreed_on=None):
    if not description.strip():
        raise EngagementError("Describe the action")
    return Action.objects.create(
        project=project,
        interaction=interaction,
        workshop=workshop,
        description=description.strip(),
        owner=owner,
        due=due,
        agreed_on=agreed_on or timezone.localdate(),
    )


@transaction.atomic
def set_action_status(*, action, status):
    if status not in Status.values:
        raise EngagementError("Choose open, done or cancelled")
    action.status = status
    action.save()
    return action


# Workshops


@transaction.atomic
def create_workshop(*, project, facilitators=(), **fields):
    workshop = Workshop.objects.create(project=project, **fields)
    workshop.facilitators.set(facilitators)
    return workshop


@transaction.atomic
def update_workshop(*, workshop, facilitators=None, **fields):
    current = Workshop.objects.select_for_update().get(pk=workshop.pk)
    for name, value in fields.items():
        setattr(current, name, value)
    current.sequence += 1
    current.save()
    if facilitators is not None:
        current.facilitators.set(facilitators)
    sync_interaction(workshop=current)  # a new date moves the contact it counts as
    return current


@transaction.atomic
def add_agenda_item(*, workshop, title, time=None, owner="", order=None):
    if order is None:
        last = workshop.agenda.order_by("-order").values_list("order", flat=True).first()
        order = (last or 0) + 1
    return AgendaItem.objects.create(workshop=workshop, title=title, time=time, owner=owner, order=order)


@transaction.atomic
def remove_agenda_item(*, item):
    item.delete()


@transaction.atomic
def invite(*, workshop, stakeholders):
    """Add stakeholders to the invitation list. People marked do not contact, and anyone without an email
    address in the directory, are left out and returned as (stakeholder, reason)."""
    stakeholders = list(stakeholders)
    _same_project(workshop.project, stakeholders)
    have = set(workshop.invitations.values_list("stakeholder_id", flat=True))
    skipped = []
    for s in stakeholders:
        if s.pk in have:
            continue
        if s.do_not_contact:
            skipped.append((s, "marked do not contact"))
        elif not (s.person_id and s.person.email):
            skipped.append((s, "no email address in the directory"))
        else:
            Invitation.objects.create(workshop=workshop, stakeholder=s)
    return skipped


@transaction.atomic
def note_learned(*, interaction, learned):
    """Set what was learned from an interaction, as when what came of an adviser's introduction is known."""
    interaction.learned = learned
    interaction.save(update_fields=["learned"])


@transaction.atomic
def uninvite(*, invitation):
    invitation.delete()


@transaction.atomic
def record_replies(*, workshop, replies, attended):
    """replies: {invitation pk: reply}; attended: invitation pks present. Keeps the workshop's interaction
    (kind workshop) in step, so attending counts as contact in the due list."""
    for inv in Invitation.objects.select_for_update(of=("self",)).filter(workshop=workshop):
        if inv.pk in replies and replies[inv.pk] in Reply.values:
            inv.reply = replies[inv.pk]
        if workshop.held:
            inv.attended = inv.pk in attended
        inv.save()
    sync_interaction(workshop=workshop)


def _with_organisations(project, attendees):
    """The attendees and the organisations they came for, where those are on the project's map: a person who
    attends a workshop brings their organisation into contact too."""
    organisation_ids = {s.organisation_id or (s.person.organisation_id if s.person_id else None) for s in attendees}
    organisation_ids.discard(None)
    have = {s.pk for s in attendees}
    organisations = access.stakeholders(project).filter(person__isnull=True, organisation_id__in=organisation_ids)
    return attendees + [s for s in organisations if s.pk not in have]


@transaction.atomic
def sync_interaction(*, workshop):
    Workshop.objects.select_for_update().filter(pk=workshop.pk).first()  # one sync of a workshop at a time
    present = _with_organisations(
        workshop.project,
        [inv.stakeholder for inv in workshop.invitations.filter(attended=True).select_related("stakeholder__person")],
    )
    interaction = Interaction.objects.filter(workshop=workshop).first()
    involved = {s.pk for s in present} | set(
        interaction.stakeholders.values_list("pk", flat=True) if interaction else ()
    )
    if not present:
        if interaction:
            interaction.delete()
        _record_contacts(involved)
        return None
    if interaction is None:
        interaction = Interaction(project=workshop.project, workshop=workshop, kind=Kind.WORKSHOP)
    interaction.date = timezone.localtime(workshop.starts).date()
    interaction.subject = workshop.title
    interaction.summary = workshop.summary or workshop.purpose
    interaction.save()
    interaction.stakeholders.set(present)
    _record_contacts(involved)
    interaction.team.set(workshop.facilitators.all())
    return interaction


@transaction.atomic
def save_notes(*, workshop, summary, decisions, item_notes):
    """Overall notes, decisions (one per line) and notes per agenda item ({item pk: text})."""
    workshop.summary, workshop.decisions = summary, decisions
    workshop.save()
    for item in workshop.agenda.all():
        if item.pk in item_notes and item.notes != item_notes[item.pk]:
            item.notes = item_notes[item.pk]
            item.save()
    if workshop.invitations.filter(attended=True).exists():
        sync_interaction(workshop=workshop)
    return workshop


# Insights and evidence gaps


@transaction.atomic
def save_insight(
    *, project, insight=None, question, why_it_matters="", status=InsightStatus.RAISED, stakeholders=(), interactions=()
):
    stakeholders, interactions = list(stakeholders), list(interactions)
    _same_project(project, stakeholders)
    if any(i.project_id != project.pk for i in interactions):
        raise EngagementError("Choose interactions from this project")
    insight = insight or Insight(project=project)
    insight.question, insight.why_it_matters, insight.status = question, why_it_matters, status
    insight.save()
    insight.stakeholders.set(stakeholders)
    insight.interactions.set(interactions)
    return insight


@transaction.atomic
def turn_into_project(*, insight, by, title, short_title):
    """A new project at the idea stage, asking the insight's question, with the stakeholders who raised it
    copied onto its stakeholder map."""
    if insight.new_project_id:
        raise EngagementError("This evidence gap already became a project")
    source = insight.project
    why = f" Why it matters: {insight.why_it_matters}" if insight.why_it_matters else ""
    project = project_services.create_project(
        by=by,
        title=title,
        short_title=short_title,
        research_question=insight.question,
        stage=Stage.IDEA,
        summary=f"An evidence gap raised with {source.short_title}'s stakeholders.{why}",
        health_inequalities_focus=source.health_inequalities_focus,
        programme=source.programme,
        themes=list(source.themes.all()),
        advisers=list(source.advisers.all()),
    )
    carry_gap(insight=insight, project=project, by=by)
    return project


@transaction.atomic
def carry_gap(*, insight, project, by):
    """The new project that an evidence gap became (from here, or through a support request): the stakeholders
    who raised it are put on its map, and the gap records it, so each shows where the other came from or led."""
    insight = Insight.objects.select_for_update().get(pk=insight.pk)  # carried once, even by two at a time
    if insight.new_project_id:
        raise EngagementError("This evidence gap already became a project")
    for s in insight.stakeholders.select_related("person", "organisation").prefetch_related("roles"):
        stakeholder_services.add_stakeholder(
            project=project,
            by=by,
            organisation=s.organisation,
            person=s.person,
            group_name=s.group_name if s.kind == "group" else "",
            group_sector=s.group_sector,
            roles=sorted(s.role_set),
            interest=s.interest,
            influence=s.influence,
            impact=s.impact,
            attitude=s.attitude,
            what_matters=s.what_matters,
            underserved=s.underserved,
        )
    insight.new_project = project
    start_scoping(insight=insight)


def start_scoping(*, insight):
    """Work on the gap has started (a project or a support request came from it): raised becomes scoping."""
    if insight.status == InsightStatus.RAISED:
        insight.status = InsightStatus.SCOPING
    insight.save()
