from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from cms.infra.backup import BackupError, backup_create


class Command(BaseCommand):
    help = "Back up the database (pg_dump) and the uploaded media into DIR."

    def add_arguments(self, parser):
        parser.add_argument("directory", type=Path)

    def handle(self, *args, directory, **options):
        try:
            result = backup_create(directory=directory)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"Backup in {result.directory}: database {result.database_bytes} bytes, "
            f"{result.media_files} media files."
        )
