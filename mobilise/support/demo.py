"""Demo requests for support, one in each state, from a researcher, an innovator and a health service; and the
TOGETHER-Screen follow-on case, with its advice log and the small project started from it.

Made directly rather than through the services, so that loading the demo sends no email."""

from datetime import timedelta
from typing import Any

from django.utils import timezone

from mobilise.directory import access as directory_access
from mobilise.evaluation import services as evaluation
from mobilise.projects import services as projects
from mobilise.projects.models import Role, Theme

from . import services_priorities
from .demo_ideas import build_ideas
from .demo_requests import CLOSED, FOLLOW_ON, HISTORY, REQUESTS
from .models import (
    DECISIONS,
    AdviceEntry,
    AdviceKind,
    Case,
    EventKind,
    Outcome,
    Priority,
    RequestEvent,
    Status,
    SupportRequest,
)
from .services import EXIT_SURVEY

FOLLOW_ON_PROJECT = "TOGETHER-Screen Reach"
# (days ago, kind, minutes, notes, next step, due in days (negative: overdue), done)
ADVICE: list[tuple[int, str, int, str, str, int | None, bool]] = [
    (
        24,
        AdviceKind.MEETING,
        60,
        "First meeting with Dr Rahman and two community health champions. Agreed to start from what TOGETHER-Screen "
        "learnt about women who have never been screened, and to involve the Faith Forum from the start.",
        "Send the knowledge mobilisation plan template",
        -21,
        True,
    ),
    (
        17,
        AdviceKind.REVIEW,
        45,
        "Read the first draft of the knowledge mobilisation plan. The audiences are clear; the plan needs named "
        "commissioners and a way to hear back from the women it is for.",
        "",
        None,
        False,
    ),
    (
        12,
        AdviceKind.GRANT,
        120,
        "Reviewed the Research for Patient Benefit application: rewrote the pathway to impact around the ICB's "
        "screening plan, and added costs for community researchers and interpreters.",
        "Check the revised pathway to impact before it goes to the funder",
        -3,
        False,
    ),
    (
        6,
        AdviceKind.CALL,
        30,
        "Call with the Faith Forum's coordinator: they will host two listening sessions and want to co-write the "
        "leaflet for women who have never been screened.",
        "",
        None,
        False,
    ),
    (
        2,
        AdviceKind.MEETING,
        90,
        "Stakeholder mapping with the study team: 18 organisations and groups, three of them never engaged before.",
        "Share the stakeholder map with the Faith Forum before the first listening session",
        4,
        False,
    ),
]


def build(context):
    now = timezone.now()
    themes = {t.name: t for t in Theme.objects.all()}
    for row in REQUESTS:
        spec = row._asdict()
        submitted = now - timedelta(days=spec.pop("days_ago"))
        deadline_in = spec.pop("deadline_in_days")
        names, history = spec.pop("themes"), HISTORY.get(row.reference, [])
        status = history[-1][2] if history else Status.SUBMITTED
        support_request = SupportRequest.objects.create(
            **spec,
            status=status,
            submitted=submitted,
            consent_at=submitted,
            deadline=(now + timedelta(days=deadline_in)).date() if deadline_in else None,
        )
        if history:  # the facts the service-level reports read, as the services would have kept them
            support_request.first_response_at = now - timedelta(days=history[0][0])
            decisions = [days for days, _, event_status, _ in history if event_status in DECISIONS]
            support_request.decided_at = now - timedelta(days=decisions[0]) if decisions else None
            support_request.save(update_fields=["first_response_at", "decided_at"])
        support_request.themes.set([themes[n] for n in names if n in themes])
        RequestEvent.objects.create(request=support_request, when=submitted, kind=EventKind.SUBMITTED)
        for days_ago, kind, event_status, text in history:
            RequestEvent.objects.create(
                request=support_request,
                when=now - timedelta(days=days_ago),
                kind=kind,
                status=event_status,
                text=text,
                by=context["users"]["adviser"],
            )
    _follow_on_case(context)
    _closed_case(context)
    build_ideas(context)
    _priorities(context)


def _priorities(context: dict[str, Any]) -> None:
    """The register of the system's priorities: one drafted from the ICB's request, two recorded by hand."""
    adviser = context["users"]["adviser"]
    themes = {t.name: t for t in Theme.objects.all()}
    icb_request = SupportRequest.objects.get(reference="KMB-R7WB-4KDN")
    drafted = services_priorities.drafted_from(icb_request)
    icb = directory_access.organisation_named("Kingsbridge and Mereshire Integrated Care Board")
    drafted.update(title="Fewer emergency admissions for children with asthma", organisation=icb)
    services_priorities.save_priority(by=adviser, source=icb_request, **drafted)
    for title, organisation, theme, status, days_ago in (
        (
            "Earlier diagnosis of cancer in the most deprived areas",
            "Kingsbridge and Mereshire Integrated Care Board",
            "Cancer",
            "in_hand",
            120,
        ),
        (
            "Keeping frail older people well at home after discharge",
            "Mereshire Hospitals NHS Foundation Trust",
            None,
            "open",
            45,
        ),
    ):
        services_priorities.save_priority(
            by=adviser,
            title=title,
            organisation=directory_access.organisation_named(organisation),
            themes=[themes[theme]] if theme in themes else [],
            status=status,
            raised=(timezone.now() - timedelta(days=days_ago)).date(),
        )
    # The frailty study's team put in touch with the ICB's population health lead, and what came of it.
    frail = Priority.objects.get(title="Keeping frail older people well at home after discharge")
    introduction = services_priorities.broker_introduction(
        priority=frail,
        project=context["projects"]["frailty"],
        person=context["people"]["Daniel Frost"],
        date=timezone.localdate() - timedelta(days=20),
        why="The ICB is redesigning support after discharge; the team's frailty screen could pick out who needs it.",
        by=adviser,
    )
    services_priorities.record_outcome(
        introduction=introduction,
        outcome="Daniel invited the team to present the screen to the discharge programme board in January.",
    )


def _follow_on_case(context: dict[str, Any]) -> None:
    """The accepted follow-on request's case, led by the demo adviser, with a small project started from it and
    its lead invited (she has an account, so she is on the team)."""
    adviser, lead = context["users"]["adviser"], context["users"]["lead"]
    request = SupportRequest.objects.get(reference=FOLLOW_ON)
    today = timezone.localdate()
    request.assignee = adviser
    request.save(update_fields=["assignee"])
    project = projects.create_project(
        by=adviser,
        title=request.project_title,
        short_title=FOLLOW_ON_PROJECT,
        summary=request.summary,
        stage=request.stage,
        health_inequalities_focus=True,
        themes=request.themes.all(),
        programme=context["programme"],
    )
    projects.add_member(project=project, email=lead.email, role=Role.LEAD)
    context["projects"]["reach"] = project
    opened = request.decided_at or timezone.now()
    case = Case.objects.create(request=request, lead=adviser, project=project, opened=opened)
    case.advisers.set([adviser, context["users"]["adviser2"]])
    for days_ago, kind, minutes, notes, step, due_in, done in ADVICE:
        AdviceEntry.objects.create(
            case=case,
            date=today - timedelta(days=days_ago),
            kind=kind,
            minutes=minutes,
            notes=notes,
            next_step=step,
            next_step_due=today + timedelta(days=due_in) if due_in is not None else None,
            next_step_done=done,
            by=adviser,
        )


def _closed_case(context: dict[str, Any]) -> None:
    """A case that ended with a grant submitted, with its exit survey and the requester's answers."""
    adviser = context["users"]["adviser"]
    request = SupportRequest.objects.get(reference=CLOSED)
    closed = timezone.now() - timedelta(days=20)
    case = Case.objects.create(
        request=request,
        lead=adviser,
        opened=request.decided_at or closed,
        closed=closed,
        outcome=Outcome.SUBMITTED,
        closing_note="The application went in on time with a knowledge mobilisation plan and a logic model.",
    )
    AdviceEntry.objects.create(
        case=case,
        date=timezone.localdate() - timedelta(days=60),
        kind=AdviceKind.GRANT,
        minutes=120,
        notes="Read the draft application; suggested how the plan could reach discharge teams and carers.",
        by=adviser,
    )
    survey = evaluation.start_survey(owner=case, title=f"How was our support? ({CLOSED})", questions=EXIT_SURVEY)
    questions = list(survey.questions.all())
    evaluation.record_response(
        form=survey,
        answers=dict(
            zip(
                [q.pk for q in questions],
                ["5", "Yes", "Yes", "The feedback on our plan made the application much stronger."],
                strict=True,
            )
        ),
    )
