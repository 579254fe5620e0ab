from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from cms.infra.backup import BackupError, backup_restore


class Command(BaseCommand):
    help = "Restore a backup made by backup_create into an empty database."

    def add_arguments(self, parser):
        parser.add_argument("directory", type=Path)
        parser.add_argument(
            "--replace",
            action="store_true",
            help="Drop the objects of a database that is not empty first.",
        )

    def handle(self, *args, directory, replace, **options):
        try:
            result = backup_restore(directory=directory, replace=replace)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"Restored from {result.directory}: {result.media_files} media files."
        )
