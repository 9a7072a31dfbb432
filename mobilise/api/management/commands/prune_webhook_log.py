"""Delete webhook deliveries (and their attempts) older than services_webhooks.LOG_DAYS, of every webhook, quiet
and turned-off ones included. Run daily from cron; running it again changes nothing."""

from django.core.management.base import BaseCommand

from mobilise.api import services_webhooks


class Command(BaseCommand):
    help = f"Delete webhook deliveries older than {services_webhooks.LOG_DAYS} days."

    def handle(self, *args, **options):
        removed = services_webhooks.prune_log()
        self.stdout.write(f"Removed {removed} webhook deliver{'ies' if removed != 1 else 'y'}.")
