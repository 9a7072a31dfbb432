"""Demo stakeholder maps. TOGETHER-Screen's has a broker (the faith forum) and one equity gap on purpose."""

from mobilise.directory import access as directory_access
from mobilise.directory import services as directory_services
from mobilise.directory.models import Sector

from . import services
from .demo_profiles import PROFILES
from .models import Attitude, Cadence, RelationshipKind, Role

# name, kind (org key, person name or group), roles, influence, interest, impact, attitude, underserved, cadence
SCREENING = [
    ("icb", "org", [Role.DECISION_MAKER], 5, 4, 3, Attitude.SUPPORTIVE, False, Cadence.MONTHLY),
    ("Raj Patel", "person", [Role.DECISION_MAKER], 5, 4, 2, Attitude.SUPPORTIVE, False, Cadence.MONTHLY),
    ("Daniel Frost", "person", [Role.INFLUENCER], 4, 3, 2, Attitude.NEUTRAL, False, None),
    (
        "public_health",
        "org",
        [Role.DECISION_MAKER, Role.INFLUENCER],
        4,
        5,
        3,
        Attitude.CHAMPION,
        False,
        Cadence.MONTHLY,
    ),
    (
        "Dr Helen Marsh",
        "person",
        [Role.INFLUENCER, Role.CHAMPION],
        4,
        5,
        2,
        Attitude.CHAMPION,
        False,
        Cadence.QUARTERLY,
    ),
    (
        "screening_hub",
        "org",
        [Role.IMPLEMENTER, Role.GATEKEEPER],
        4,
        4,
        3,
        Attitude.SUPPORTIVE,
        False,
        Cadence.QUARTERLY,
    ),
    ("Dr Claire Whitfield", "person", [Role.IMPLEMENTER], 3, 4, 3, Attitude.SUPPORTIVE, False, Cadence.QUARTERLY),
    ("gp_federation", "org", [Role.IMPLEMENTER, Role.GATEKEEPER], 4, 2, 3, Attitude.SCEPTICAL, False, None),
    (
        "Dr Sunita Rao",
        "person",
        [Role.IMPLEMENTER, Role.CHAMPION],
        3,
        4,
        3,
        Attitude.CHAMPION,
        False,
        Cadence.QUARTERLY,
    ),
    ("faith_forum", "org", [Role.BROKER, Role.INFLUENCER], 3, 5, 4, Attitude.CHAMPION, True, Cadence.MONTHLY),
    ("Imam Yusuf Karim", "person", [Role.BROKER], 3, 4, 4, Attitude.CHAMPION, True, Cadence.MONTHLY),
    ("women_circle", "org", [Role.BENEFICIARY, Role.IMPLEMENTER], 2, 5, 5, Attitude.CHAMPION, True, Cadence.MONTHLY),
    (
        "Nasreen Akhtar",
        "person",
        [Role.CHAMPION, Role.IMPLEMENTER],
        2,
        5,
        5,
        Attitude.CHAMPION,
        True,
        Cadence.FORTNIGHTLY,
    ),
    (
        "South Asian women aged 50 to 70 in Mereshire",
        "group",
        [Role.BENEFICIARY],
        1,
        3,
        5,
        Attitude.UNKNOWN,
        True,
        Cadence.QUARTERLY,
    ),
    ("Bangladeshi women not registered with a GP", "group", [Role.BENEFICIARY], 1, 2, 5, Attitude.UNKNOWN, True, None),
    ("Fatima Begum", "person", [Role.BENEFICIARY], 1, 5, 5, Attitude.SUPPORTIVE, True, Cadence.QUARTERLY),
    ("healthwatch", "org", [Role.INFLUENCER], 2, 3, 2, Attitude.SUPPORTIVE, False, Cadence.HALF_YEARLY),
    ("Mark Ellison", "person", [Role.INFLUENCER], 2, 3, 1, Attitude.NEUTRAL, False, None),
    ("mereshire_trust", "org", [Role.IMPLEMENTER], 3, 2, 2, Attitude.NEUTRAL, False, Cadence.HALF_YEARLY),
    ("kingsbridge_trust", "org", [Role.IMPLEMENTER], 3, 1, 1, Attitude.NEUTRAL, False, None),
    ("council", "org", [Role.INFLUENCER], 3, 2, 2, Attitude.NEUTRAL, False, Cadence.HALF_YEARLY),
    ("Agnieszka Kowalska", "person", [Role.BROKER], 2, 3, 2, Attitude.SUPPORTIVE, False, None),
    ("university", "org", [Role.INFLUENCER], 2, 4, 1, Attitude.SUPPORTIVE, False, Cadence.QUARTERLY),
    (
        "Prof Rachel Adeyemi",
        "person",
        [Role.INFLUENCER, Role.BROKER],
        3,
        4,
        1,
        Attitude.CHAMPION,
        False,
        Cadence.QUARTERLY,
    ),
    ("funder", "org", [Role.DECISION_MAKER], 4, 2, 1, Attitude.NEUTRAL, False, Cadence.HALF_YEARLY),
    ("local_radio", "org", [Role.INFLUENCER], 2, 2, 1, Attitude.UNKNOWN, False, None),
    ("Cancer Research Network East", "new_org", [Role.INFLUENCER], 3, 3, 1, Attitude.SUPPORTIVE, False, None),
    ("NHS England regional screening team", "new_org", [Role.DECISION_MAKER], 5, 2, 2, Attitude.UNKNOWN, False, None),
    (
        "Mosque women's committees",
        "group",
        [Role.BROKER, Role.BENEFICIARY],
        2,
        4,
        4,
        Attitude.SUPPORTIVE,
        True,
        Cadence.QUARTERLY,
    ),
    ("Community pharmacists in Mereshire", "group", [Role.IMPLEMENTER], 2, 2, 2, Attitude.UNKNOWN, False, None),
    (
        "Bengali-speaking women's group",
        "group",
        [Role.BENEFICIARY],
        1,
        4,
        5,
        Attitude.SUPPORTIVE,
        True,
        Cadence.QUARTERLY,
    ),
    ("Gujarati community centre", "group", [Role.BROKER], 2, 3, 3, Attitude.SUPPORTIVE, True, Cadence.QUARTERLY),
]

RELATIONSHIPS = [
    ("Raj Patel", "icb", RelationshipKind.WORKS_WITH),
    ("Daniel Frost", "icb", RelationshipKind.WORKS_WITH),
    ("icb", "screening_hub", RelationshipKind.COMMISSIONS),
    ("icb", "gp_federation", RelationshipKind.COMMISSIONS),
    ("Dr Helen Marsh", "public_health", RelationshipKind.WORKS_WITH),
    ("public_health", "icb", RelationshipKind.INFLUENCES),
    ("Dr Helen Marsh", "Raj Patel", RelationshipKind.INFLUENCES),
    ("Dr Claire Whitfield", "screening_hub", RelationshipKind.WORKS_WITH),
    ("Dr Sunita Rao", "gp_federation", RelationshipKind.WORKS_WITH),
    ("Imam Yusuf Karim", "faith_forum", RelationshipKind.WORKS_WITH),
    ("faith_forum", "Mosque women's committees", RelationshipKind.WORKS_WITH),
    ("faith_forum", "women_circle", RelationshipKind.WORKS_WITH),
    ("faith_forum", "South Asian women aged 50 to 70 in Mereshire", RelationshipKind.TRUSTED_BY),
    ("faith_forum", "public_health", RelationshipKind.WORKS_WITH),
    ("faith_forum", "Dr Sunita Rao", RelationshipKind.WORKS_WITH),
    ("Nasreen Akhtar", "women_circle", RelationshipKind.WORKS_WITH),
    ("women_circle", "South Asian women aged 50 to 70 in Mereshire", RelationshipKind.TRUSTED_BY),
    ("Fatima Begum", "women_circle", RelationshipKind.WORKS_WITH),
    ("healthwatch", "icb", RelationshipKind.INFLUENCES),
    ("Prof Rachel Adeyemi", "university", RelationshipKind.WORKS_WITH),
    ("Prof Rachel Adeyemi", "Dr Helen Marsh", RelationshipKind.WORKS_WITH),
    ("funder", "university", RelationshipKind.FUNDS),
    ("Agnieszka Kowalska", "council", RelationshipKind.WORKS_WITH),
    ("NHS England regional screening team", "screening_hub", RelationshipKind.COMMISSIONS),
    ("Cancer Research Network East", "Dr Claire Whitfield", RelationshipKind.WORKS_WITH),
    ("local_radio", "Mosque women's committees", RelationshipKind.TRUSTED_BY),
    ("Mosque women's committees", "Bengali-speaking women's group", RelationshipKind.TRUSTED_BY),
    ("Gujarati community centre", "faith_forum", RelationshipKind.WORKS_WITH),
    ("healthwatch", "Mark Ellison", RelationshipKind.WORKS_WITH),
]


def build(context):
    projects, users, orgs = context["projects"], context["users"], context["organisations"]
    people = context["people"]
    screening = projects["screening"]
    made = {}
    for name, kind, roles, influence, interest, impact, attitude, underserved, cadence in SCREENING:
        args = {}
        if kind == "org":
            args["organisation"] = orgs[name]
        elif kind == "new_org":
            args["organisation"] = directory_services.create_organisation(
                by=None, name=name, sector=Sector.GOVERNMENT if "England" in name else Sector.VCSE
            )
        elif kind == "person":
            person = people.get(name) or directory_access.people_for(users["lead"]).get(full_name=name)
            args.update(person=person, organisation=person.organisation)
        else:
            args.update(group_name=name, group_sector=Sector.PUBLIC)
        made[name] = services.add_stakeholder(
            project=screening,
            by=users["lead"],
            roles=roles,
            influence=influence,
            interest=interest,
            impact=impact,
            attitude=attitude,
            underserved=underserved,
            cadence=cadence or "",
            engaged=bool(cadence),
            owner=users["lead"] if cadence else None,
            **PROFILES[name],
            **args,
        )
    # The equity gap: women not registered with a GP have no plan and no one linked to speak for them.
    people["Fatima Begum"].do_not_contact = True
    people["Fatima Begum"].save()
    services.rescore(
        stakeholder=made["gp_federation"],
        by=users["member"],
        influence=4,
        interest=3,
        impact=3,
        attitude=Attitude.NEUTRAL,
        reason="Cancer lead joined the steering group",
    )
    for source, target, kind in RELATIONSHIPS:
        services.add_relationship(source=made[source], target=made[target], kind=kind)
    for key, org_keys in (
        ("frailty", ["mereshire_trust", "icb", "carers"]),
        ("carers", ["carers", "council"]),
        ("feasibility", ["council", "icb", "faith_forum"]),
    ):
        for org_key in org_keys:
            services.add_stakeholder(
                project=projects[key],
                by=users["adviser"],
                organisation=orgs[org_key],
                roles=[Role.INFLUENCER],
                # The feasibility study has only named its stakeholders so far: they wait beside the grid.
                **({} if key == "feasibility" else {"influence": 3, "interest": 3, "impact": 3}),
            )
