"""Next contact dates for monthly, quarterly, half-yearly and yearly cadences in calendar months (they were a fixed
number of days: "every month" was 31 days)."""

import calendar
import datetime

from django.db import migrations

MONTHS = {"monthly": 1, "quarterly": 3, "half_yearly": 6, "yearly": 12}


def _add_months(day, months):
    year, month = divmod(day.month - 1 + months, 12)
    year += day.year
    return datetime.date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def recompute(apps, schema_editor):
    Stakeholder = apps.get_model("stakeholders", "Stakeholder")
    rows = Stakeholder.objects.filter(cadence__in=list(MONTHS), last_contact__isnull=False).only(
        "pk", "cadence", "last_contact", "next_contact"
    )
    batch = []
    for stakeholder in rows.iterator(chunk_size=2000):
        stakeholder.next_contact = _add_months(stakeholder.last_contact, MONTHS[stakeholder.cadence])
        batch.append(stakeholder)
        if len(batch) == 2000:
            Stakeholder.objects.bulk_update(batch, ["next_contact"])
            batch = []
    Stakeholder.objects.bulk_update(batch, ["next_contact"])


class Migration(migrations.Migration):
    dependencies = [("stakeholders", "0004_import_runs")]
    operations = [migrations.RunPython(recompute, migrations.RunPython.noop)]
