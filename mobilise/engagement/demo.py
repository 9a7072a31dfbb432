"""Demo engagement for TOGETHER-Screen: a year of interactions, a commissioning workshop from agenda to report,
some overdue contacts, and two evidence gaps, one of which became the follow-on feasibility project.

Dates are relative to today, so the due list always has something due and something overdue."""

import datetime

from django.utils import timezone

from mobilise.stakeholders import access as stakeholder_access
from mobilise.stakeholders import services as stakeholder_services
from mobilise.stakeholders.models import Role

from . import services
from .models import Insight, InsightStatus, Invitation, Reply

# days ago, kind, subject, who (stakeholder names), summary, learned, action (description, owner key, due in days)
INTERACTIONS = [
    (
        350,
        "meeting",
        "Project launch with the ICB",
        ["Kingsbridge and Mereshire Integrated Care Board", "Raj Patel"],
        "Introduced the evaluation and agreed how findings will reach the commissioning cycle.",
        "Commissioning intentions are set each October; evidence must be in by July.",
        None,
    ),
    (
        330,
        "meeting",
        "Faith forum steering group",
        ["Mereshire Community Faith Forum", "Imam Yusuf Karim"],
        "Presented the plan for community health champions in three mosques and two temples.",
        "Sessions after Friday prayers reach more women than weekday evenings.",
        ("Share the session timetable with the forum", "member", -300),
    ),
    (
        300,
        "call",
        "Screening hub data sharing",
        ["Dr Claire Whitfield"],
        "Agreed monthly uptake extracts by practice and ethnicity.",
        "Ethnicity coding is missing for 18% of records.",
        ("Send the data sharing agreement for signature", "lead", -280),
    ),
    (
        270,
        "informal",
        "Chat at the women's circle",
        ["Nasreen Akhtar", "Al-Noor Women's Health Circle"],
        "Champions asked for materials in Bengali and Urdu, and audio for women who do not read.",
        "Audio messages on WhatsApp are trusted more than leaflets.",
        None,
    ),
    (
        240,
        "event",
        "Public health network day",
        ["Dr Helen Marsh", "Mereshire County Council Public Health"],
        "Poster on early uptake figures; Helen offered a slot at the directors' meeting.",
        "",
        None,
    ),
    (
        200,
        "email",
        "Interim findings to the ICB",
        ["Raj Patel"],
        "Sent the six-month interim summary. Raj asked for costs per additional woman screened.",
        "Cost per additional screen is the figure commissioners need.",
        ("Work out the cost per additional woman screened", "lead", -150),
    ),
    (
        170,
        "meeting",
        "GP federation cancer leads",
        ["Dr Sunita Rao", "Mereshire GP Federation"],
        "Discussed practice-level champions and protected time for practice nurses.",
        "Practices want the champion role to count towards their PCN inequalities plan.",
        None,
    ),
    (
        120,
        "conference",
        "NIHR ARC conference",
        ["Prof Rachel Adeyemi"],
        "Presented the realist evaluation design; Rachel suggested linking to the national programme.",
        "",
        None,
    ),
    (
        75,
        "call",
        "Champions' check-in",
        ["Nasreen Akhtar"],
        "Sessions are full; waiting lists at two mosques.",
        "Demand outstrips the six funded champions.",
        None,
    ),
    (
        45,
        "meeting",
        "Healthwatch update",
        ["Healthwatch Mereshire"],
        "Shared early findings; Healthwatch will include them in their annual report.",
        "",
        None,
    ),
    (
        20,
        "call",
        "Follow-up with Dr Marsh",
        ["Dr Helen Marsh"],
        "Agreed to present at the directors of public health meeting in the spring.",
        "",
        ("Send slides for the directors' meeting", "member", 10),
    ),
    (
        10,
        "meeting",
        "Faith forum: what next",
        ["Mereshire Community Faith Forum", "Imam Yusuf Karim"],
        "Forum keen to keep the champions after the study ends.",
        "They could host the champions if the ICB funds them.",
        ("Draft a sustainability note for the forum", "lead", -2),
    ),
]


def build(context):
    users, projects = context["users"], context["projects"]
    screening, feasibility = projects["screening"], projects["feasibility"]
    lead, member = users["lead"], users["member"]
    owners = {"lead": lead, "member": member}
    by_name = {s.name: s for s in stakeholder_access.named_stakeholders(screening)}
    today = timezone.localdate()
    made = {}
    for days, kind, subject, who, summary, learned, action in INTERACTIONS:
        actions = []
        if action:
            description, owner, due_in = action
            actions = [
                {
                    "description": description,
                    "owner": owners[owner],
                    "due": today - datetime.timedelta(days=days) + datetime.timedelta(days=30)
                    if due_in < -100
                    else today + datetime.timedelta(days=due_in),
                }
            ]
        made[subject] = services.log_interaction(
            project=screening,
            by=lead,
            date=today - datetime.timedelta(days=days),
            kind=kind,
            subject=subject,
            summary=summary,
            learned=learned,
            stakeholders=[by_name[n] for n in who],
            team=[lead, member],
            actions=actions,
        )
    # Earlier actions were done; the recent ones stay open, one of them overdue.
    for interaction in made.values():
        for a in interaction.actions.all():
            if a.due and a.due < today - datetime.timedelta(days=30):
                services.set_action_status(action=a, status="done")
    services.log_interaction(
        project=screening,
        by=member,
        date=today - datetime.timedelta(days=60),
        kind="meeting",
        subject="GP federation board",
        summary="Presented uptake by practice; the board agreed to pilot practice champions.",
        stakeholders=[by_name["Mereshire GP Federation"], by_name["Dr Sunita Rao"]],
        team=[member],
        attitude=(by_name["Mereshire GP Federation"], "supportive", "Board saw uptake rise in pilot practices"),
    )
    _workshop(screening, lead, member, by_name, today)
    _insights(screening, feasibility, by_name, made)
    _gap_elsewhere(context)


def _gap_elsewhere(context):
    """An evidence gap raised on the carers project by someone not on TOGETHER-Screen's map: advisers see her among
    the people who raised the topic of its finding on carers and transport."""
    carers, joy = context["projects"]["carers"], context["people"]["Joy Mensah"]
    raised_by = stakeholder_services.add_stakeholder(
        project=carers, by=context["users"]["adviser"], person=joy, organisation=joy.organisation, roles=[Role.BROKER]
    )
    gap = Insight.objects.create(
        project=carers,
        question="Do women who care for a relative miss their own cancer screening, and would transport and respite "
        "care help them go?",
        why_it_matters="Carers tell us they put their own appointments last.",
    )
    gap.stakeholders.set([raised_by])


def _workshop(project, lead, member, by_name, today):
    day = today - datetime.timedelta(days=35)
    tz = timezone.get_current_timezone()
    starts = datetime.datetime.combine(day, datetime.time(10, 0), tzinfo=tz)
    w = services.create_workshop(
        project=project,
        title="Commissioning workshop: sustaining community screening champions",
        purpose="Bring system partners together to reflect on the findings so far and agree what commissioners "
        "need to decide whether to fund community screening champions from April.",
        starts=starts,
        ends=starts + datetime.timedelta(hours=3),
        place="Mereshire Civic Centre, Committee Room 2",
        online_link="https://meet.example.org/together-screen",
        facilitators=[lead, member],
        owner=lead,
    )
    for time, title, owner, notes in [
        ("10:00", "Welcome and purpose", "Dr Aisha Rahman", "Eleven partners attended; purpose agreed."),
        (
            "10:15",
            "What we found: uptake and experience",
            "Ben Carter",
            "Uptake rose from 41% to 52% in champion practices. Women valued sessions in their own language.",
        ),
        (
            "11:00",
            "What commissioners need to decide",
            "Raj Patel",
            "Cost per additional woman screened, and who would host the champions.",
        ),
        (
            "11:45",
            "Options for sustaining the champions",
            "Imam Yusuf Karim",
            "Faith forum could host; GP federation could fund practice champions.",
        ),
        ("12:40", "Decisions and next steps", "Dr Aisha Rahman", ""),
    ]:
        services.add_agenda_item(workshop=w, title=title, owner=owner, time=datetime.time.fromisoformat(time))
        w.agenda.filter(title=title).update(notes=notes)
    invited = [
        "Raj Patel",
        "Dr Helen Marsh",
        "Dr Claire Whitfield",
        "Dr Sunita Rao",
        "Imam Yusuf Karim",
        "Nasreen Akhtar",
        "Daniel Frost",
        "Prof Rachel Adeyemi",
        "Fatima Begum",
    ]
    services.invite(workshop=w, stakeholders=[by_name[n] for n in invited])  # Fatima is left out: do not contact
    sent = timezone.make_aware(datetime.datetime.combine(day - datetime.timedelta(days=21), datetime.time(9)))
    replies = {
        "Raj Patel": (Reply.ACCEPTED, True),
        "Dr Helen Marsh": (Reply.ACCEPTED, True),
        "Dr Claire Whitfield": (Reply.ACCEPTED, True),
        "Dr Sunita Rao": (Reply.TENTATIVE, True),
        "Imam Yusuf Karim": (Reply.ACCEPTED, True),
        "Nasreen Akhtar": (Reply.ACCEPTED, True),
        "Daniel Frost": (Reply.DECLINED, False),
        "Prof Rachel Adeyemi": (Reply.ACCEPTED, False),
    }
    for inv in Invitation.objects.filter(workshop=w).select_related("stakeholder__person"):
        reply, came = replies[inv.stakeholder.name]
        inv.reply, inv.attended, inv.sent_at = reply, came, sent
        inv.save()
    services.save_notes(
        workshop=w,
        summary="Partners agreed the champions work and that the decision needs cost figures and a "
        "host organisation.\n\nThe ICB will take a paper to the April commissioning committee.",
        decisions="Prepare a business case for the April commissioning committee\n"
        "Explore the faith forum as host for the champions\n"
        "Ask the GP federation to fund practice champions from its inequalities budget",
        item_notes={},
    )
    services.add_action(
        project=project,
        workshop=w,
        description="Write the business case with costs per additional woman screened",
        owner=lead,
        due=today + datetime.timedelta(days=14),
        agreed_on=day,
    )
    services.add_action(
        project=project,
        workshop=w,
        description="Meet the faith forum's trustees about hosting",
        owner=member,
        due=today - datetime.timedelta(days=5),
        agreed_on=day,
    )


def _insights(project, feasibility, by_name, made):
    gap = Insight.objects.create(
        project=project,
        status=InsightStatus.PROPOSAL,
        new_project=feasibility,
        question="Would the TOGETHER-Screen approach work for Polish and Romanian-speaking communities in Kingsbridge?",
        why_it_matters="The ICB must plan screening for every under-served community, and Eastern European women "
        "have the lowest cervical screening uptake in Kingsbridge.",
    )
    gap.stakeholders.set([by_name["Raj Patel"], by_name["Kingsbridge and Mereshire Integrated Care Board"]])
    gap.interactions.set([made["Interim findings to the ICB"]])
    second = Insight.objects.create(
        project=project,
        status=InsightStatus.RAISED,
        question="Do audio messages in community languages raise screening uptake among women who do not read "
        "English or their first language?",
        why_it_matters="Champions say many women cannot use leaflets, in any language.",
    )
    second.stakeholders.set([by_name["Nasreen Akhtar"], by_name["Al-Noor Women's Health Circle"]])
    second.interactions.set([made["Chat at the women's circle"]])
