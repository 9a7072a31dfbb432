"""Erase the personal details of every public journey whose retention has ended (RETENTION_MONTHS after it closed),
keeping the anonymised figures: see core/retention.py. Run daily from cron; running it again changes nothing."""

from django.core.management.base import BaseCommand

from mobilise.core import retention


class Command(BaseCommand):
    help = "Erase personal details kept longer than RETENTION_MONTHS after their request, event or idea closed."

    def handle(self, *args, **options):
        for label, erased in retention.erase_expired().items():
            self.stdout.write(f"{label}: erased {erased} record{'s' if erased != 1 else ''}.")
