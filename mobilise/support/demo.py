"""Demo requests for support, one in each state, from a researcher, an innovator and a health service; and the
TOGETHER-Screen follow-on case, with its advice log and the small project started from it.

Made directly rather than through the services, so that loading the demo sends no email."""

from datetime import timedelta
from typing import Any

from django.utils import timezone

from mobilise.projects import services as projects
from mobilise.projects.models import Role, Stage, Theme

from .demo_ideas import build_ideas
from .models import (
    DECISIONS,
    AdviceEntry,
    AdviceKind,
    Case,
    EventKind,
    Need,
    RequesterType,
    RequestEvent,
    Status,
    SupportRequest,
)

FOLLOW_ON = "KMB-M2FG-6RTY"
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

REQUESTS: list[dict[str, Any]] = [
    {
        "reference": "KMB-7QXR-2MPA",
        "days_ago": 1,
        "name": "Dr Hannah Field",
        "email": "h.field@mereshire-uni.example",
        "organisation_name": "Mereshire University",
        "role": "Senior research fellow",
        "requester_type": RequesterType.RESEARCHER,
        "needs": [Need.GRANT, Need.PLAN],
        "funder": "NIHR Research for Patient Benefit",
        "deadline_in_days": 40,
        "project_title": "Peer support for new mothers with anxiety",
        "stage": Stage.GRANT_DEVELOPMENT,
        "summary": "We plan a trial of peer support groups for new mothers with anxiety, run by local charities.",
        "themes": ["Mental health"],
        "history": [],
    },
    {
        "reference": "KMB-K4TN-8HWE",
        "days_ago": 6,
        "name": "Leo Marsh",
        "email": "leo@steadystep.example",
        "organisation_name": "SteadyStep Ltd",
        "role": "Founder",
        "requester_type": RequesterType.INNOVATOR,
        "needs": [Need.IMPLEMENTATION, Need.STAKEHOLDERS],
        "project_title": "A falls-alert sensor for care homes",
        "stage": Stage.IMPLEMENTATION,
        "summary": "Our sensor spots falls at night. We want to know who decides whether care homes can use it.",
        "themes": ["Ageing and frailty"],
        "history": [],  # past the service level: no response yet
    },
    {
        "reference": "KMB-P9DC-3VJS",
        "days_ago": 9,
        "name": "Sister Joy Adeyemi",
        "email": "joy.adeyemi@vale-trust.example",
        "organisation_name": "Vale Hospitals NHS Trust",
        "role": "Lead nurse, diabetes service",
        "requester_type": RequesterType.PROVIDER,
        "needs": [Need.EVALUATION, Need.WORKSHOP],
        "project_title": "Evaluating our diabetes education sessions",
        "stage": Stage.ACTIVE,
        "summary": "We run group sessions for people with type 2 diabetes and want to know if they make a difference.",
        "themes": ["Prevention"],
        "history": [
            (8, EventKind.STATUS, Status.ASSESSING, ""),
            (7, EventKind.STATUS, Status.WAITING, "Could you send us the feedback forms you use now?"),
        ],
    },
    {
        "reference": "KMB-M2FG-6RTY",
        "days_ago": 30,
        "name": "Dr Aisha Rahman",
        "email": "lead@mobilise.test",
        "organisation_name": "Mereshire University",
        "role": "Principal investigator",
        "requester_type": RequesterType.RESEARCHER,
        "needs": [Need.PLAN, Need.STAKEHOLDERS],
        "project_title": "TOGETHER-Screen follow-on: reaching women who have never been screened",
        "stage": Stage.IDEA,
        "summary": "A follow-on study to reach women who have never had cervical screening, with community groups.",
        "themes": ["Cancer", "Health inequalities"],
        "history": [(28, EventKind.STATUS, Status.ASSESSING, ""), (25, EventKind.STATUS, Status.ACCEPTED, "")],
    },
]


def build(context):
    now = timezone.now()
    themes = {t.name: t for t in Theme.objects.all()}
    for spec in REQUESTS:
        spec = dict(spec)
        submitted = now - timedelta(days=spec.pop("days_ago"))
        deadline_in = spec.pop("deadline_in_days", None)
        names, history = spec.pop("themes"), spec.pop("history")
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
    build_ideas(context)


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
