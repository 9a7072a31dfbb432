"""Weekly digest email of what is due, for cron: `manage.py send_digests` every Monday morning (see README).

Each digest is queued as a mail task; the worker (`manage.py db_worker`) sends it."""

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from mobilise.core import mail
from mobilise.documents.text import counted
from mobilise.engagement import digest
from mobilise.projects import access as project_access


class Command(BaseCommand):
    help = "Email each person a digest of the contacts and actions they own that are due or overdue."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Say who would get a digest; send nothing.")

    @transaction.atomic  # all the digests are queued, or none if this fails part way
    def handle(self, *args, dry_run=False, **options):
        today = timezone.localdate()
        count = 0
        for user, items in sorted(digest.gather(today).items(), key=lambda kv: kv[0].pk):
            visible = set(project_access.projects_for(user).values_list("pk", flat=True))
            contacts = [s for s in items["contacts"] if s.project_id in visible]
            actions = [a for a in items["actions"] if a.project_id in visible]
            if not (contacts or actions):
                continue
            body = digest.body(
                user,
                contacts,
                actions,
                today,
                site_name=settings.SITE_NAME,
                due_url=settings.SITE_URL.rstrip("/") + reverse("engagement_all:due"),
            )
            overdue = sum(1 for s in contacts if s.state == "overdue") + sum(1 for a in actions if a.due < today)
            subject = (
                f"{settings.SITE_NAME}: {counted(len(contacts), 'contact')} and {counted(len(actions), 'action')} "
                "due this week"
            )
            if overdue:
                subject += f" ({overdue} overdue)"
            if not dry_run:
                mail.send_mail(subject=subject, body=body, to=[user.email])
            count += 1
            self.stdout.write(f"{user.email}: {counted(len(contacts), 'contact')}, {counted(len(actions), 'action')}")
        self.stdout.write(f"{'Would send' if dry_run else 'Queued'} {counted(count, 'digest')}.")
