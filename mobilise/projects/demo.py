"""Demo projects at every stage; TOGETHER-Screen mirrors a typical ARC knowledge mobilisation case."""

import datetime
from typing import Any

from .models import Membership, Programme, Project, Role, Stage, Theme

THEMES = [
    "Cancer",
    "Health inequalities",
    "Prevention",
    "Ageing and frailty",
    "Mental health",
    "Primary care",
    "Social care",
    "Digital health",
]

PROJECTS: list[dict[str, Any]] = [
    dict(
        key="screening",
        short_title="TOGETHER-Screen",
        title="Evaluation of a culturally tailored intervention to raise cancer screening participation "
        "among South Asian women in Mereshire",
        summary="Community health champions from local faith and women's groups offer tailored information "
        "sessions, in community languages, about bowel, breast and cervical screening. We evaluate "
        "whether participation rises and how the intervention works, for whom and why.",
        research_question="Does a culturally tailored, community-led intervention increase cancer screening "
        "uptake among South Asian women aged 50 to 70, and what helps commissioners sustain it?",
        funder="NIHR Applied Research Collaboration",
        award_reference="NIHR-ARC-2023-117",
        start_date=datetime.date(2023, 4, 1),
        end_date=datetime.date(2026, 9, 30),
        stage=Stage.IMPLEMENTATION,
        health_inequalities_focus=True,
        themes=["Cancer", "Health inequalities", "Prevention"],
        team={"lead": Role.LEAD, "member": Role.MEMBER, "viewer": Role.VIEWER},
        advisers=["adviser"],
    ),
    dict(
        key="feasibility",
        short_title="TOGETHER-Screen EE",
        title="Feasibility of adapting TOGETHER-Screen for Eastern European communities in Kingsbridge",
        summary="Commissioners asked whether the screening intervention would work for other under-served "
        "communities. This study will test whether it can be adapted and delivered.",
        research_question="Can the TOGETHER-Screen intervention be adapted, delivered and evaluated with "
        "Polish and Romanian-speaking communities?",
        funder="NIHR Research for Patient Benefit",
        stage=Stage.IDEA,
        health_inequalities_focus=True,
        themes=["Cancer", "Health inequalities"],
        team={"lead": Role.LEAD, "member": Role.MEMBER},
        advisers=["adviser"],
    ),
    dict(
        key="frailty",
        short_title="Front Door Frailty",
        title="Frailty assessment at the emergency department front door",
        summary="Tests a rapid frailty screen for older people arriving at two emergency departments.",
        funder="NIHR Applied Research Collaboration",
        award_reference="NIHR-ARC-2022-044",
        start_date=datetime.date(2022, 10, 1),
        end_date=datetime.date(2026, 3, 31),
        stage=Stage.ACTIVE,
        themes=["Ageing and frailty"],
        team={"lead2": Role.LEAD},
        advisers=["adviser2"],
    ),
    dict(
        key="carers",
        short_title="Young Carers Online",
        title="Digital mental health support for young carers: a mixed-methods evaluation",
        funder="NIHR Public Health Research",
        award_reference="NIHR-PHR-2024-221",
        start_date=datetime.date(2025, 1, 1),
        end_date=datetime.date(2027, 12, 31),
        stage=Stage.FUNDED,
        themes=["Mental health", "Digital health"],
        team={"lead3": Role.LEAD, "outsider": Role.MEMBER},
        advisers=["adviser2"],
    ),
    dict(
        key="carehomes",
        short_title="STOP-AP",
        title="Reducing antipsychotic prescribing for people with dementia in care homes",
        funder="NIHR Health and Social Care Delivery Research",
        award_reference="NIHR-HSDR-2020-015",
        start_date=datetime.date(2020, 6, 1),
        end_date=datetime.date(2024, 5, 31),
        stage=Stage.COMPLETED,
        themes=["Ageing and frailty", "Social care"],
        team={"lead2": Role.LEAD},
        advisers=["adviser"],
    ),
    dict(
        key="social",
        short_title="Link Up",
        title="Social prescribing link workers and loneliness in rural Mereshire",
        funder="NIHR School for Primary Care Research",
        stage=Stage.GRANT_DEVELOPMENT,
        themes=["Primary care", "Mental health"],
        team={"lead3": Role.LEAD},
        advisers=["adviser2"],
    ),
    dict(
        key="virtualwards",
        short_title="HF Virtual Wards",
        title="Heart failure virtual wards: who benefits and at what cost?",
        funder="NIHR Applied Research Collaboration",
        award_reference="NIHR-ARC-2024-090",
        start_date=datetime.date(2024, 9, 1),
        end_date=datetime.date(2027, 2, 28),
        stage=Stage.ACTIVE,
        themes=["Digital health", "Primary care"],
        team={"lead2": Role.LEAD, "member": Role.VIEWER},
        advisers=["adviser"],
    ),
]


def build(context):
    users = context["users"]
    programme = Programme.objects.create(
        name="Mereshire ARC Knowledge Mobilisation Programme",
        description="Supports research teams across the region to move evidence into practice.",
    )
    themes = {name: Theme.objects.create(name=name) for name in THEMES}
    context["programme"], context["projects"] = programme, {}
    for spec in PROJECTS:
        spec = dict(spec)
        key, team = spec.pop("key"), spec.pop("team")
        theme_names, adviser_keys = spec.pop("themes"), spec.pop("advisers")
        project = Project.objects.create(programme=programme, **spec)
        project.themes.set([themes[name] for name in theme_names])
        project.advisers.set([users[k] for k in adviser_keys])
        for user_key, role in team.items():
            Membership.objects.create(project=project, user=users[user_key], role=role)
        context["projects"][key] = project
