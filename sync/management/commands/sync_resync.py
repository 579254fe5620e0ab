"""Queue the full current state for one partner target:
`manage.py sync_resync TARGET` (its id or name), with a progress bar."""

from tqdm import tqdm

from django.core.management.base import BaseCommand, CommandError

from cms.models import ContentChange
from sync import services
from sync.models import Target


class Command(BaseCommand):
    help = "Queue a full resync of a partner target (new webhook-ids)."

    def add_arguments(self, parser):
        parser.add_argument("target", help="The target's id or name.")
        parser.add_argument(
            "--no-progress", action="store_true", help="No progress bar."
        )

    def handle(self, *args, target, no_progress, **options):
        found = Target.objects.filter(name=target)
        if target.isdigit():
            found = Target.objects.filter(pk=int(target)) | found
        if found.count() != 1:
            raise CommandError(f"No single target named or numbered {target!r}.")
        target = found.get()
        total = (
            ContentChange.objects.filter(object_type__in=target.object_types())
            .values("object_id")
            .distinct()
            .count()
        )
        with tqdm(
            total=total, unit="objects", disable=no_progress, file=self.stderr
        ) as bar:
            written = services.target_resync(target=target, progress=bar.update)
        self.stdout.write(f"Queued {written} deliveries for {target.name}.")
