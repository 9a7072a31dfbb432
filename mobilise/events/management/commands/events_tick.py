"""Run every few minutes from cron: `*/5 * * * * cd /srv/mobilise && .venv/bin/python manage.py events_tick`."""

from django.core.management.base import BaseCommand

from mobilise.events import schedule


class Command(BaseCommand):
    help = "Pass on expired waiting-list offers and send the webinar reminders and joining links that are due."

    def handle(self, *args, **options):
        done = schedule.tick()
        self.stdout.write(", ".join(f"{what}: {n}" for what, n in done.items()))
