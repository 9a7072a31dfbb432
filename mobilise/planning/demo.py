"""Demo logic models: TOGETHER-Screen's is complete, with a snapshot from grant submission and a revision."""

from . import services, starters


def screening_model():
    return starters.build(
        problem="South Asian women aged 50 to 70 in Mereshire take part in bowel, breast and cervical screening "
        "far less than other women, so their cancers are found later.",
        context="Screening invitations are in English only; GP practices serve mixed communities; trusted "
        "community and faith organisations are active but not linked to the screening programme.",
        population="South Asian women aged 50 to 70 living in Mereshire, especially those who speak Urdu, "
        "Punjabi, Bengali or Gujarati.",
        columns={
            "inputs": [
                "NIHR ARC funding",
                "Community health champions",
                "Faith and women's organisations",
                "Screening hub data",
            ],
            "activities": [
                "Co-design sessions with women and faith leaders",
                "Train 20 community health champions",
                "Run information sessions in community languages",
                "Help women book screening appointments",
                "Evaluate uptake and women's experience",
            ],
            "outputs": [
                "Culturally tailored materials in five languages",
                "120 sessions delivered",
                "Women supported to book",
                "Evaluation report for commissioners",
            ],
            "short": [
                "Women know what screening involves and why it matters",
                "Fear and stigma about screening are lower",
            ],
            "medium": [
                "Screening uptake rises among South Asian women",
                "Commissioners fund the champion model in local pathways",
            ],
            "long": ["The gap in screening uptake between communities narrows"],
            "impact": ["Fewer cancers diagnosed late in South Asian women"],
        },
        links=[
            ("NIHR ARC funding", "Train 20 community health champions"),
            ("Community health champions", "Run information sessions in community languages"),
            ("Faith and women's organisations", "Co-design sessions with women and faith leaders"),
            ("Screening hub data", "Evaluate uptake and women's experience"),
            ("Co-design sessions with women and faith leaders", "Culturally tailored materials in five languages"),
            ("Train 20 community health champions", "120 sessions delivered"),
            ("Run information sessions in community languages", "120 sessions delivered"),
            ("Help women book screening appointments", "Women supported to book"),
            ("Evaluate uptake and women's experience", "Evaluation report for commissioners"),
            (
                "Culturally tailored materials in five languages",
                "Women know what screening involves and why it matters",
            ),
            (
                "120 sessions delivered",
                "Women know what screening involves and why it matters",
                "Sessions in trusted places answer the questions invitations leave open",
            ),
            ("120 sessions delivered", "Fear and stigma about screening are lower"),
            ("Women supported to book", "Screening uptake rises among South Asian women"),
            ("Women know what screening involves and why it matters", "Screening uptake rises among South Asian women"),
            ("Fear and stigma about screening are lower", "Screening uptake rises among South Asian women"),
            (
                "Evaluation report for commissioners",
                "Commissioners fund the champion model in local pathways",
                "Commissioners asked for local evidence of effect and cost",
            ),
            (
                "Screening uptake rises among South Asian women",
                "The gap in screening uptake between communities narrows",
            ),
            (
                "Commissioners fund the champion model in local pathways",
                "The gap in screening uptake between communities narrows",
            ),
            (
                "The gap in screening uptake between communities narrows",
                "Fewer cancers diagnosed late in South Asian women",
            ),
        ],
        notes=[
            (
                "assumptions",
                "Faith leaders are willing to endorse screening",
                "Co-design sessions with women and faith leaders",
            ),
            ("assumptions", "Champions stay in post for at least a year", "Train 20 community health champions"),
            (
                "external",
                "Changes to the national screening programme's invitations",
                "Screening uptake rises among South Asian women",
            ),
        ],
    )


def build(context):
    projects, users = context["projects"], context["users"]
    screening = projects["screening"]
    grant = screening_model()
    # As submitted with the grant: before the booking support and the commissioning pathway were added.
    submitted = {
        **grant,
        "elements": [
            e
            for e in grant["elements"]
            if e["text"]
            not in (
                "Help women book screening appointments",
                "Women supported to book",
                "Commissioners fund the champion model in local pathways",
            )
        ],
    }
    kept = {e["key"] for e in submitted["elements"]}
    submitted["links"] = [link for link in grant["links"] if link["source"] in kept and link["target"] in kept]
    services.replace_contents(project=screening, data=submitted, by=users["lead"], snapshot_name="")
    services.take_snapshot(project=screening, name="As submitted with the grant", by=users["lead"])
    services.replace_contents(
        project=screening, data=grant, by=users["lead"], snapshot_name="Before the commissioning workshop revision"
    )
    services.take_snapshot(project=screening, name="After the commissioning workshop", by=users["adviser"])
    for key, starter in (
        ("frailty", starters.evidence_implementation),
        ("carers", starters.service_evaluation),
        ("feasibility", starters.coproduced_community),
    ):
        services.replace_contents(project=projects[key], data=starter(), by=users["adviser"], snapshot_name="")
