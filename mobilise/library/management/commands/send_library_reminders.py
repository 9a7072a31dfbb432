"""Remind owners of case studies not reviewed for 12 months, for cron: `manage.py send_library_reminders` daily
(see README). Each reminder is queued as a mail task; the worker sends it. An owner is reminded again after 30 days
if the case study is still not reviewed."""

from django.core.management.base import BaseCommand
from django.utils import timezone

from mobilise.library import services


class Command(BaseCommand):
    help = "Email the owner of each published case study that has not been reviewed for 12 months."

    def handle(self, *args, **options):
        count = services.send_review_reminders(today=timezone.localdate())
        self.stdout.write(f"Queued {count} reminder{'' if count == 1 else 's'}.")
