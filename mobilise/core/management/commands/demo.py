"""Build the fictional demo programme. Each app that has a demo.py adds its part, in app order."""

from importlib import import_module
from importlib.util import find_spec

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction

from mobilise.core.models import User

DEMO_PASSWORD = "mobilise-demo"


class Command(BaseCommand):
    help = "Load the fictional demo programme (skipped when accounts already exist, unless --force)."

    def add_arguments(self, parser):
        parser.add_argument("--if-empty", action="store_true", help="Do nothing if the database has users.")

    def handle(self, *args, if_empty=False, **options):
        if User.objects.exists():
            if if_empty:
                self.stdout.write("The database already has data: demo not loaded.")
                self.print_logins()
                return
            self.stderr.write("The database already has data. Use an empty database for the demo.")
            raise SystemExit(1)
        with transaction.atomic():
            context = {"password": DEMO_PASSWORD}
            for config in apps.get_app_configs():
                if config.name.startswith("mobilise.") and find_spec(f"{config.name}.demo"):
                    import_module(f"{config.name}.demo").build(context)
        self.stdout.write(self.style.SUCCESS("Demo programme loaded."))
        self.print_logins()

    def print_logins(self):
        from mobilise.core.demo import LOGINS

        self.stdout.write(f"\nDemo sign-ins (password for all: {DEMO_PASSWORD}):")
        for email, who in LOGINS:
            if User.objects.filter(email=email).exists():
                self.stdout.write(f"  {email:<32} {who}")
