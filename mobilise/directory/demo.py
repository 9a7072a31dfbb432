"""Demo directory: organisations and people in the fictional county of Mereshire."""

import datetime

from .models import LawfulBasis, Organisation, Person, Sector

ORGANISATIONS = {
    "mereshire_trust": ("Mereshire Hospitals NHS Foundation Trust", Sector.NHS_PROVIDER),
    "kingsbridge_trust": ("Kingsbridge University Hospitals NHS Trust", Sector.NHS_PROVIDER),
    "icb": ("Kingsbridge and Mereshire Integrated Care Board", Sector.COMMISSIONER),
    "public_health": ("Mereshire County Council Public Health", Sector.PUBLIC_HEALTH),
    "council": ("Kingsbridge City Council", Sector.LOCAL_AUTHORITY),
    "faith_forum": ("Mereshire Community Faith Forum", Sector.VCSE),
    "women_circle": ("Al-Noor Women's Health Circle", Sector.VCSE),
    "healthwatch": ("Healthwatch Mereshire", Sector.PUBLIC),
    "university": ("University of Mereshire", Sector.ACADEMIA),
    "screening_hub": ("Eastern Cancer Screening Hub", Sector.NHS_PROVIDER),
    "funder": ("National Institute for Health and Care Research", Sector.FUNDER),
    "gp_federation": ("Mereshire GP Federation", Sector.NHS_PROVIDER),
    "carers": ("Carers Together Mereshire", Sector.VCSE),
    "local_radio": ("Mereshire Community Radio", Sector.MEDIA),
}

PEOPLE = [
    ("Dr Helen Marsh", "Director of Public Health", "public_health", LawfulBasis.PUBLIC_TASK),
    ("Raj Patel", "Head of Commissioning, Cancer and Screening", "icb", LawfulBasis.PUBLIC_TASK),
    ("Nasreen Akhtar", "Community Health Champion", "women_circle", LawfulBasis.CONSENT),
    ("Imam Yusuf Karim", "Chair", "faith_forum", LawfulBasis.CONSENT),
    ("Dr Claire Whitfield", "Consultant in Screening and Immunisation", "screening_hub", LawfulBasis.PUBLIC_TASK),
    ("Mark Ellison", "Chief Executive", "healthwatch", LawfulBasis.LEGITIMATE_INTERESTS),
    ("Dr Sunita Rao", "GP Partner and Cancer Lead", "gp_federation", LawfulBasis.LEGITIMATE_INTERESTS),
    ("Fatima Begum", "Patient and public involvement member", None, LawfulBasis.CONSENT),
    ("Prof Rachel Adeyemi", "Professor of Health Inequalities", "university", LawfulBasis.LEGITIMATE_INTERESTS),
    ("Daniel Frost", "Programme Manager, Population Health", "icb", LawfulBasis.PUBLIC_TASK),
    ("Lucy Chen", "Lead Nurse, Frailty", "mereshire_trust", LawfulBasis.LEGITIMATE_INTERESTS),
    ("Agnieszka Kowalska", "Community Development Worker", "council", LawfulBasis.CONSENT),
    ("Peter Hollis", "Care Home Liaison Pharmacist", "kingsbridge_trust", LawfulBasis.LEGITIMATE_INTERESTS),
    ("Joy Mensah", "Young Carers Lead", "carers", LawfulBasis.CONSENT),
]


def build(context):
    orgs = {
        key: Organisation.objects.create(name=name, sector=sector, region="East of England")
        for key, (name, sector) in ORGANISATIONS.items()
    }
    people = {}
    for index, (name, title, org_key, basis) in enumerate(PEOPLE):
        slug = name.lower().replace("dr ", "").replace("prof ", "").replace("imam ", "").replace(" ", ".")
        people[name] = Person.objects.create(
            full_name=name,
            job_title=title,
            organisation=orgs.get(org_key),
            email=f"{slug}@example.org",
            lawful_basis=basis,
            consent_date=datetime.date(2025, 1 + index % 12, 10) if basis == LawfulBasis.CONSENT else None,
        )
    context["organisations"], context["people"] = orgs, people
