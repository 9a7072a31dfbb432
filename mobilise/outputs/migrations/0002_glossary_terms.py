"""A starting glossary of research terms and the plain words to use instead; staff keep it from here."""

from django.db import migrations

TERMS = [
    ("intervention", "treatment, service or programme"),
    ("efficacy", "how well it works in a trial"),
    ("effectiveness", "how well it works in practice"),
    ("cohort", "group of people"),
    ("qualitative", "from interviews and observation"),
    ("quantitative", "from numbers and measurements"),
    ("statistically significant", "unlikely to be due to chance"),
    ("randomised controlled trial", "a fair test comparing groups chosen at random"),
    ("systematic review", "a review that brings together all the research on a question"),
    ("implementation", "putting into practice"),
    ("stakeholders", "people and organisations involved"),
    ("uptake", "take-up"),
    ("utilise", "use"),
    ("facilitate", "help"),
    ("mitigate", "reduce"),
    ("morbidity", "illness"),
    ("mortality", "deaths"),
    ("prevalence", "how common it is"),
    ("incidence", "number of new cases"),
    ("longitudinal", "over time"),
    ("heterogeneity", "differences between studies"),
    ("dissemination", "sharing"),
    ("co-production", "working together as equals"),
    ("health inequalities", "unfair differences in health between groups"),
    ("evidence-based", "backed by research"),
    ("outcomes", "results"),
    ("cost-effective", "good value for money"),
    ("acceptability", "whether people find it suitable"),
    ("fidelity", "whether it was delivered as planned"),
    ("underserved", "missed by services"),
]


def add_terms(apps, schema_editor):
    GlossaryTerm = apps.get_model("outputs", "GlossaryTerm")
    GlossaryTerm.objects.bulk_create([GlossaryTerm(term=t, plain=p) for t, p in TERMS], ignore_conflicts=True)


def remove_terms(apps, schema_editor):
    apps.get_model("outputs", "GlossaryTerm").objects.filter(term__in=[t for t, _ in TERMS]).delete()


class Migration(migrations.Migration):
    dependencies = [("outputs", "0001_initial")]
    operations = [migrations.RunPython(add_terms, remove_terms)]
