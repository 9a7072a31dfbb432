"""Demo plans: TOGETHER-Screen's follow-on feasibility study has an NIHR plan drafted from its data and under
review, and an implementation plan adapting the intervention for Eastern European communities; TOGETHER-Screen
itself has a Knowledge Translation Planning Template plan; advisers have defined one template of their own."""

from typing import Any

from . import services
from .models import PlanSection, Status

NIHR_TEXT = {
    "further": "If the study shows the adapted intervention can be delivered, we will apply to NIHR Public Health "
    "Research for a cluster trial across Kingsbridge and Mereshire, and ask the ICB cancer board to fund champion "
    "training for a second year.",
    "impact": "Polish and Romanian-speaking women aged 50 to 70 in Kingsbridge, whose screening uptake is lowest in "
    "the county, would be offered screening information in their languages by women from their own communities. "
    "Commissioners would learn whether one tailored model can serve several communities.",
}

ADAPTATIONS = (
    "Sessions move from faith groups to Saturday schools and community centres, where Polish and Romanian-speaking "
    "women already meet: the faith forum told us mosques and temples reached South Asian women but not these "
    "communities.\n\n"
    "Materials are translated and then rewritten with community members, not only translated, because screening "
    "is organised differently in Poland and Romania and women expect a GP referral.\n\n"
    "Champions are recruited through the council's community connectors rather than the faith forum."
)


def _write(plan: Any, key: str, text: str, by: Any) -> None:
    section = PlanSection.objects.get(plan=plan, key=key)
    services.save_section(section=section, text=text, expected_version=section.version, by=by)


def build(context: dict[str, Any]) -> None:
    users, projects = context["users"], context["projects"]
    lead, adviser = users["lead"], users["adviser"]
    feasibility, screening = projects["feasibility"], projects["screening"]

    nihr = services.create_plan(
        project=feasibility,
        by=lead,
        title="NIHR RfPB stage 2: dissemination, outputs and anticipated impact",
        template_key="nihr",
    )
    for key, text in NIHR_TEXT.items():
        _write(nihr, key, text, lead)
    services.set_status(plan=nihr, status=Status.UNDER_REVIEW, by=lead)
    # The pathways section was written before the map's last two entries were added: the page says so.
    pathways = PlanSection.objects.get(plan=nihr, key="pathways")
    items = dict(list(pathways.basis.get("items", {}).items())[:-2])
    PlanSection.objects.filter(pk=pathways.pk).update(basis={**pathways.basis, "items": items})

    adapt = services.create_plan(
        project=feasibility,
        by=lead,
        title="Implementation plan: adapting TOGETHER-Screen for Eastern European communities",
        template_key="implementation",
    )
    _write(adapt, "adaptations", ADAPTATIONS, lead)
    services.add_cost(plan=adapt, item="Translation and community review of materials", cost="3200")
    services.add_cost(plan=adapt, item="Champion training (12 champions)", cost="4800")

    services.create_plan(
        project=screening, by=lead, title="Knowledge translation plan for the commissioning phase", template_key="ktpt"
    )
    services.create_template(
        name="Mereshire ARC impact plan",
        description="The ARC's own short plan for projects it funds.",
        sections=[
            {"heading": "Who will use the findings", "limit": 150, "unit": "words", "guidance": "Name them."},
            {"heading": "Public involvement", "limit": 150, "unit": "words", "guidance": ""},
            {"heading": "Summary for the ARC newsletter", "limit": 600, "unit": "characters", "guidance": ""},
        ],
        by=adviser,
    )
