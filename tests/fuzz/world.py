"""One realistic project (the demo's TOGETHER-Screen, with a file, an evidence file and an import under way) and the
ids that fill every URL pattern's kwargs."""

from io import StringIO
from pathlib import Path

from django.contrib.auth.tokens import default_token_generator
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from mobilise.core import links
from mobilise.core.models import Review, User
from mobilise.directory.models import Organisation, Person
from mobilise.engagement import services as engagement
from mobilise.engagement.models import Action, AgendaItem, Interaction, Invitation, Workshop
from mobilise.engagement.services_workshops import WORKSHOP_REPLY
from mobilise.evaluation.models import Evidence, FeedbackQuestion, Learning, Period, Question
from mobilise.events import follow, seats
from mobilise.events.models import AttendanceUpload, Event, Registration, Subscription
from mobilise.library.models import CaseStudy
from mobilise.outputs.models import Audience, Finding, Output
from mobilise.planning.models import DiagramExport, Link, Snapshot
from mobilise.plans import services as plans
from mobilise.plans.models import Plan
from mobilise.projects.models import Project
from mobilise.stakeholders import services_import
from mobilise.stakeholders.models import ImportRun, Relationship
from mobilise.support import services as support
from mobilise.support import services_ideas
from mobilise.support.models import Case, Idea, IdeaStatus, Priority, SupportRequest

# Str kwargs take each of these; an unknown value is part of the fuzzing too.
STR_VALUES = {
    "fmt": ["pdf"],
    "kind": ["pack", "nonsense"],
    "name": ["significance", "reach", "nonsense"],
    "uidb64": ["MQ", "!!"],
    "path": ["x"],
    "status": ["declined", "nonsense"],
}


def first(queryset):
    found = queryset.order_by("pk").first()
    assert found is not None, f"the demo has no {queryset.model.__name__}"
    return found


def build() -> dict:
    """Load the demo and return {"kwargs": name -> [values], "routes": route name -> {kwarg: value} overrides}."""
    call_command("demo", stdout=StringIO())
    adviser = User.objects.get(email="adviser@mobilise.test")
    project = Project.objects.get(short_title="TOGETHER-Screen")
    interaction = first(Interaction.objects.filter(project=project, workshop__isnull=True))
    attachment = engagement.add_attachment(
        project=project,
        by=adviser,
        upload=SimpleUploadedFile("agenda.txt", b"Agenda"),
        content_type="text/plain",
        interaction=interaction,
    )
    claim_evidence = first(Evidence.objects.filter(claim__project=project))
    claim_evidence.file.save("letter.txt", SimpleUploadedFile("letter.txt", b"Thanks"))
    batch = services_import.start_batch(
        project=project, by=adviser, filename="people.csv", content=b"Name,Organisation\nAda Lovelace,Mereshire\n"
    )
    workshop = first(Workshop.objects.filter(project=project))
    period = first(Period.objects.filter(indicator__project=project))
    feedback_question = first(FeedbackQuestion.objects.filter(form__project=project))
    action = Action.objects.filter(project=project, interaction__isnull=False).first()
    if action is None:
        action = engagement.add_action(project=project, description="Send the slides", interaction=interaction)
    ids = {
        "pk": project.pk,
        "element_pk": first(project.logic_model.elements.all()).pk,
        "link_pk": first(Link.objects.filter(model__project=project)).pk,
        "snapshot_pk": first(Snapshot.objects.filter(model__project=project)).pk,
        "export_pk": DiagramExport.objects.create(project=project, fmt="pdf", digest="0" * 64, created_by=adviser).pk,
        "stakeholder_pk": first(project.stakeholders.all()).pk,
        "relationship_pk": first(Relationship.objects.filter(project=project)).pk,
        "batch_pk": batch.pk,
        "run_pk": ImportRun.objects.create(project=project, created_by=adviser, batch=batch, filename="people.csv").pk,
        "finding_pk": first(Finding.objects.filter(project=project)).pk,
        "audience_pk": first(Audience.objects.filter(project=project)).pk,
        "output_pk": first(Output.objects.filter(project=project)).pk,
        "interaction_pk": interaction.pk,
        "action_pk": action.pk,
        "file_pk": attachment.pk,
        "workshop_pk": workshop.pk,
        "item_pk": first(AgendaItem.objects.filter(workshop=workshop)).pk,
        "invitation_pk": first(Invitation.objects.filter(workshop=workshop)).pk,
        "insight_pk": first(project.insights.all()).pk,
        "gap_pk": first(project.insights.all()).pk,
        "question_pk": first(Question.objects.filter(project=project)).pk,
        "indicator_pk": period.indicator_id,
        "period_pk": period.pk,
        "form_pk": feedback_question.form_id,
        "claim_pk": claim_evidence.claim_id,
        "evidence_pk": claim_evidence.pk,
        "entry_pk": first(Learning.objects.filter(project=project)).pk,
        "member_pk": first(project.memberships.all()).pk,
        "plan_pk": (plan := first(Plan.objects.filter(project=project))).pk,
        "cost_pk": plans.add_cost(plan=plan, item="Translation", cost="800").pk,
    }
    person = first(Person.objects.filter(stakeholdings__project=project))
    organisation = first(Organisation.objects.all())
    kwargs = {name: [value] for name, value in ids.items()}
    kwargs.update(STR_VALUES)
    kwargs["token"] = [feedback_question.form.token]
    kwargs["key"] = ["partners", "nonsense"]
    library_entry = first(CaseStudy.objects.filter(project=project))
    kwargs["slug"] = [library_entry.slug, "no-such-case-study"]
    user = User.objects.get(email="lead@mobilise.test")
    reset = {"uidb64": urlsafe_base64_encode(force_bytes(user.pk)), "token": default_token_generator.make_token(user)}
    support_request = SupportRequest.objects.first()
    status_link = links.make_link(support.STATUS_LINK, support_request, expires=None, once=False)

    idea = first(Idea.objects.filter(status=IdeaStatus.REVIEWING))
    accepted_idea = first(Idea.objects.filter(status=IdeaStatus.ACCEPTED, evidence_gap__isnull=True))
    idea_link = links.make_link(services_ideas.STATUS_LINK, idea, expires=None, once=False)

    priority = first(Priority.objects.filter(request__isnull=False))
    invitation = first(Invitation.objects.filter(workshop=workshop))
    reply = links.make_link(WORKSHOP_REPLY, invitation, once=False)
    full = Event.objects.get(slug="working-with-commissioners")
    waiting = first(Registration.objects.filter(event=full, status="waiting"))
    offered = seats.link_url(waiting).rsplit("/", 2)[-2]
    follower = Subscription.objects.create(theme=full.theme, email="follower@example.org", confirmed_at=timezone.now())
    unsubscribe = links.make_link(follow.UNSUBSCRIBE_LINK, follower, expires=None, once=False).token
    past = Event.objects.get(slug="engaging-communities-in-research")
    sample = Path(__file__).parent.parent / "events" / "samples" / "teams_attendance.csv"
    attendance_upload = AttendanceUpload.objects.create(event=past, filename=sample.name, content=sample.read_bytes())
    events = {
        **{
            f"events:{n}": {"pk": full.pk} for n in ("edit-theme", "manage-event", "edit-event", "duplicate", "message")
        },
        "events:edit-theme": {"pk": full.theme_id},
        "events:export": {"pk": full.pk, "fmt": "csv"},
        "events:change-status": {"pk": full.pk, "action": "cancel"},
        "events:promote": {"pk": full.pk, "registration_pk": waiting.pk},
        **{f"events:{n}": {"slug": full.slug} for n in ("event", "register", "registered", "calendar")},
        "events:registration": {"token": offered},
        **{f"events:{n}": {"slug": full.theme.slug} for n in ("theme", "follow")},
        "events:follow-confirm": {"token": links.make_link(follow.CONFIRM_LINK, follower).token},
        **{f"events:{n}": {"token": unsubscribe} for n in ("unsubscribe", "stop-everything")},
        "events:followers": {"pk": full.theme_id},
        "events:erase-follower": {"pk": full.theme_id, "subscription_pk": follower.pk},
        "events:attendance": {"pk": past.pk},
        "events:follow-up": {"pk": past.pk},
        "events:materials": {"pk": past.pk},
        "events:material-file": {"pk": past.pk, "kind": "slides"},
        "events:file": {"slug": past.slug, "kind": "slides"},
        "events:registration-file": {"token": offered, "kind": "slides"},
        "events:event-figures": {"pk": past.pk},
        "events:theme-figures": {"pk": past.theme_id},
        "events:event-figures-export": {"pk": past.pk},
        "events:theme-figures-export": {"pk": past.theme_id},
        "events:attendance-confirm": {"pk": past.pk, "upload_pk": attendance_upload.pk},
        "events:check-in": {"pk": past.pk, "registration_pk": first(past.registrations.all()).pk},
    }
    routes = {
        **events,
        "support:request": {"pk": support_request.pk},
        "api:support-request": {"request_pk": support_request.pk},
        "api:support-case": {"case_pk": first(Case.objects.all()).pk},
        **{f"api:{n}": {"event_pk": full.pk} for n in ("event", "registrations")},
        "api:registration": {"event_pk": full.pk, "registration_pk": waiting.pk},
        "support:erase": {"pk": support_request.pk},
        "support:change-status": {"pk": support_request.pk, "status": "declined"},
        "support:status": {"token": status_link.token},
        **{f"support:idea{s}": {"pk": idea.pk} for s in ("", "-assign", "-assess", "-erase")},
        "support:idea-status-change": {"pk": idea.pk, "status": "not_taken"},
        "support:idea-outcome": {"pk": accepted_idea.pk},
        "support:idea-status": {"token": idea_link.token},
        **{f"support:priority{s}": {"pk": priority.pk} for s in ("", "-edit")},
        "api:priority": {"priority_pk": priority.pk},
        "evaluation:form-question": {"question_pk": feedback_question.pk},
        "workshop-reply": {"token": reply.token},
        "password-reset-confirm": reset,
        "review": {"pk": first(Review.objects.all()).pk},
        **{
            f"library:{name}": {"pk": library_entry.pk}
            for name in ("manage", "edit", "send-review", "publish", "unpublish", "reviewed", "archive")
        },
        **{f"directory:organisation{s}": {"pk": organisation.pk} for s in ("", "-edit", "-history")},
        **{f"directory:person{s}": {"pk": person.pk} for s in ("", "-edit", "-history")},
        "api:organisation": {"organisation_pk": organisation.pk},
        "api:person": {"person_pk": person.pk},
    }
    return {"kwargs": kwargs, "routes": routes, "adviser": adviser}
