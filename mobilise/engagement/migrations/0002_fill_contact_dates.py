"""Fill the stakeholders' last and next contact dates from the interactions already recorded."""

import datetime

from django.db import migrations
from django.db.models import Max

CADENCE_DAYS = {"weekly": 7, "fortnightly": 14, "monthly": 31, "quarterly": 92, "half_yearly": 183, "yearly": 366}


def fill(apps, schema_editor):
    Stakeholder = apps.get_model("stakeholders", "Stakeholder")
    contacted = Stakeholder.objects.annotate(latest=Max("interactions__date")).filter(latest__isnull=False)
    changed = []
    for s in contacted.only("pk", "cadence").iterator(chunk_size=2000):
        s.last_contact = s.latest
        days = CADENCE_DAYS.get(s.cadence)
        s.next_contact = s.latest + datetime.timedelta(days=days) if days else None
        changed.append(s)
    Stakeholder.objects.bulk_update(changed, ["last_contact", "next_contact"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [
        ("engagement", "0001_initial"),
        ("stakeholders", "0003_contact_dates"),
    ]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
