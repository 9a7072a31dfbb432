"""Delete stakeholder uploads left unfinished for more than a day: they hold personal data. Stop imports whose
worker stopped more than a day ago, deleting the rows they wrote. Run daily from cron."""

from django.core.management.base import BaseCommand

from mobilise.stakeholders import services_import


class Command(BaseCommand):
    help = "Delete stakeholder import uploads older than a day."

    def handle(self, *args, **options):
        stopped = services_import.clear_stale_runs()
        if stopped:
            self.stdout.write(f"Stopped {stopped} stakeholder import{'s' if stopped != 1 else ''} left running.")
        removed = services_import.clear_old_batches()
        self.stdout.write(f"Removed {removed} unfinished stakeholder import{'s' if removed != 1 else ''}.")
