"""Build the payloads of the newest version of every object in every
format where missing: `manage.py sync_build_payloads`, with a progress bar.

Publishing builds them as it goes; run this once after a deploy that brings
sync (or a new payload format) to content published before, so the first
resync to a partner sends instead of building."""

from tqdm import tqdm

from django.core.management.base import BaseCommand
from django.db.models import Count

from cms.models import ContentChange
from sync import services


class Command(BaseCommand):
    help = "Build missing sync payloads of every object's newest version."

    def add_arguments(self, parser):
        parser.add_argument(
            "--no-progress", action="store_true", help="No progress bar."
        )

    def handle(self, *args, no_progress, **options):
        total = ContentChange.objects.aggregate(n=Count("object_id", distinct=True))[
            "n"
        ]
        with tqdm(
            total=total, unit="objects", disable=no_progress, file=self.stderr
        ) as bar:
            examined = services.payloads_build_missing(progress=bar.update)
        self.stdout.write(f"Payloads of {examined} objects are built.")
