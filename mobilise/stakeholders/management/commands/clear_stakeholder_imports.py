"""Delete stakeholder uploads left unfinished for more than a day: they hold personal data. Run daily from cron."""

from django.core.management.base import BaseCommand

from mobilise.stakeholders import services_import


class Command(BaseCommand):
    help = "Delete stakeholder import uploads older than a day."

    def handle(self, *args, **options):
        removed = services_import.clear_old_batches()
        self.stdout.write(f"Removed {removed} unfinished stakeholder import{'s' if removed != 1 else ''}.")
