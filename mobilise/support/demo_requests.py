"""Demo requests for support, one in each state, as their requesters sent them, and what advisers did with each."""

from typing import NamedTuple

from mobilise.projects.models import Stage

from .models import EventKind, Need, RequesterType, Status

FOLLOW_ON = "KMB-M2FG-6RTY"
CLOSED = "KMB-C5YJ-7PHM"


class RequestRow(NamedTuple):
    """A request as its requester sent it days_ago, in the order of the public form; deadline_in_days is how far off
    the funder's deadline is."""

    reference: str
    days_ago: int
    name: str
    email: str
    organisation_name: str
    role: str
    requester_type: str
    needs: list[str]
    funder: str
    deadline_in_days: int | None
    project_title: str
    stage: str
    summary: str
    themes: list[str]


REQUESTS = [
    RequestRow(
        "KMB-7QXR-2MPA",
        1,
        "Dr Hannah Field",
        "h.field@mereshire-uni.example",
        "Mereshire University",
        "Senior research fellow",
        RequesterType.RESEARCHER,
        [Need.GRANT, Need.PLAN],
        "NIHR Research for Patient Benefit",
        40,
        "Peer support for new mothers with anxiety",
        Stage.GRANT_DEVELOPMENT,
        "We plan a trial of peer support groups for new mothers with anxiety, run by local charities.",
        ["Mental health"],
    ),
    RequestRow(
        "KMB-K4TN-8HWE",
        6,  # past the service level: no response yet
        "Leo Marsh",
        "leo@steadystep.example",
        "SteadyStep Ltd",
        "Founder",
        RequesterType.INNOVATOR,
        [Need.IMPLEMENTATION, Need.STAKEHOLDERS],
        "",
        None,
        "A falls-alert sensor for care homes",
        Stage.IMPLEMENTATION,
        "Our sensor spots falls at night. We want to know who decides whether care homes can use it.",
        ["Ageing and frailty"],
    ),
    RequestRow(
        "KMB-P9DC-3VJS",
        9,
        "Sister Joy Adeyemi",
        "joy.adeyemi@vale-trust.example",
        "Vale Hospitals NHS Trust",
        "Lead nurse, diabetes service",
        RequesterType.PROVIDER,
        [Need.EVALUATION, Need.WORKSHOP],
        "",
        None,
        "Evaluating our diabetes education sessions",
        Stage.ACTIVE,
        "We run group sessions for people with type 2 diabetes and want to know if they make a difference.",
        ["Prevention"],
    ),
    RequestRow(
        "KMB-M2FG-6RTY",
        30,
        "Dr Aisha Rahman",
        "lead@mobilise.test",
        "Mereshire University",
        "Principal investigator",
        RequesterType.RESEARCHER,
        [Need.PLAN, Need.STAKEHOLDERS],
        "",
        None,
        "TOGETHER-Screen follow-on: reaching women who have never been screened",
        Stage.IDEA,
        "A follow-on study to reach women who have never had cervical screening, with community groups.",
        ["Cancer", "Health inequalities"],
    ),
    RequestRow(
        "KMB-R7WB-4KDN",
        4,
        "Priya Nair",
        "priya.nair@mereshire-icb.example",
        "Mereshire Integrated Care Board",
        "Head of population health",
        RequesterType.COMMISSIONER,
        [Need.STAKEHOLDERS, Need.WORKSHOP],
        "",
        None,
        "Bringing partners together on childhood asthma",
        Stage.IDEA,
        "We want a workshop with schools, GPs and families to agree what to change first.",
        ["Health inequalities"],
    ),
    RequestRow(
        "KMB-D3HX-9QFA",
        60,
        "Grace Okafor",
        "grace@carers-voice.example",
        "Carers' Voice Mereshire",
        "Volunteer coordinator",
        RequesterType.COMMUNITY,
        [Need.OTHER],
        "",
        None,
        "Training volunteers to run carers' cafés",
        Stage.ACTIVE,
        "We would like help to train our volunteers to run cafés where unpaid carers can meet.",
        ["Ageing and frailty"],
    ),
    RequestRow(
        "KMB-W8NC-5TJP",
        45,
        "Tom Bright",
        "tom@brightapps.example",
        "Bright Apps Ltd",
        "Sales director",
        RequesterType.INNOVATOR,
        [Need.OTHER],
        "",
        None,
        "Selling our booking app to GP practices",
        Stage.IMPLEMENTATION,
        "We want introductions to practice managers to sell our appointment booking app.",
        [],
    ),
    RequestRow(
        "KMB-T6GV-2XRE",
        20,
        "Dr Sam Webb",
        "s.webb@mereshire-uni.example",
        "Mereshire University",
        "Lecturer in public health",
        RequesterType.RESEARCHER,
        [Need.LOGIC_MODEL],
        "",
        None,
        "Walking groups for people after a stroke",
        Stage.GRANT_DEVELOPMENT,
        "We need a logic model for a grant application about walking groups after a stroke.",
        ["Prevention"],
    ),
    RequestRow(
        CLOSED,
        150,
        "Dr Aisha Khan",
        "a.khan@vale-trust.example",
        "Vale Hospitals NHS Trust",
        "Consultant geriatrician",
        RequesterType.RESEARCHER,
        [Need.GRANT, Need.PLAN],
        "NIHR Health and Social Care Delivery Research",
        None,
        "Home first: getting older people home from hospital sooner",
        Stage.GRANT_DEVELOPMENT,
        "A grant application to evaluate discharge to assess for older people leaving hospital.",
        ["Ageing and frailty"],
    ),
]

# What advisers did with each request, by its reference: (days ago, event, status, text); one not named is unanswered.
HISTORY: dict[str, list[tuple[int, str, str, str]]] = {
    "KMB-P9DC-3VJS": [
        (8, EventKind.STATUS, Status.ASSESSING, ""),
        (7, EventKind.STATUS, Status.WAITING, "Could you send us the feedback forms you use now?"),
    ],
    "KMB-M2FG-6RTY": [(28, EventKind.STATUS, Status.ASSESSING, ""), (25, EventKind.STATUS, Status.ACCEPTED, "")],
    "KMB-R7WB-4KDN": [(3, EventKind.STATUS, Status.ASSESSING, "")],
    "KMB-D3HX-9QFA": [
        (58, EventKind.STATUS, Status.ASSESSING, ""),
        (56, EventKind.STATUS, Status.REDIRECTED, "The Mereshire Carers' Network runs this training for free."),
    ],
    "KMB-W8NC-5TJP": [
        (43, EventKind.STATUS, Status.ASSESSING, ""),
        (41, EventKind.STATUS, Status.DECLINED, "We support research and evaluation, not sales introductions."),
    ],
    "KMB-T6GV-2XRE": [
        (19, EventKind.STATUS, Status.ASSESSING, ""),
        (17, EventKind.WITHDRAWN, Status.WITHDRAWN, "Our university's research office is helping us now."),
    ],
    CLOSED: [(149, EventKind.STATUS, Status.ASSESSING, ""), (147, EventKind.STATUS, Status.ACCEPTED, "")],
}
