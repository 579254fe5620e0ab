"""Backup and restore of a whole installation: the PostgreSQL database (a
pg_dump in custom format) and the uploaded media (a tar archive), with a
manifest saying what was taken and when.

    manage.py backup_create DIR     # or: make backup BACKUP_DIR=DIR
    manage.py backup_restore DIR    # or: make restore BACKUP_DIR=DIR

Restore is meant for an empty database (a new server, or after a disaster):
it refuses a database that already holds tables unless told to replace it."""

import datetime
import json
import os
import shutil
import subprocess
import tarfile
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import connection

DUMP = "database.dump"
MEDIA = "media.tar.gz"
MANIFEST = "manifest.json"


class BackupError(Exception):
    pass


@dataclass(frozen=True)
class BackupResult:
    directory: Path
    database_bytes: int
    media_files: int


def pg_binary(name: str) -> str:
    """The client binary matching the newest installed server, else PATH."""
    candidates = sorted(
        Path("/usr/lib/postgresql").glob(f"*/bin/{name}"),
        key=lambda path: int(path.parts[-3]) if path.parts[-3].isdigit() else 0,
        reverse=True,
    )
    found = str(candidates[0]) if candidates else shutil.which(name)
    if not found:
        raise BackupError(f"{name} not found: install the PostgreSQL client")
    return found


def _pg_environment() -> tuple[list[str], dict]:
    db = settings.DATABASES["default"]
    if not db["ENGINE"].endswith("postgresql"):
        raise BackupError("backup and restore need PostgreSQL (DATABASE_URL)")
    return pg_client_arguments(db)


def pg_client_arguments(db: dict) -> tuple[list[str], dict]:
    """A PostgreSQL client program's connection arguments for the database
    `db` (a DATABASES entry) and its environment."""
    args = [
        f"--host={db.get('HOST') or 'localhost'}",
        f"--port={db.get('PORT') or 5432}",
        f"--username={db['USER']}",
        f"--dbname={db['NAME']}",
    ]
    # The password goes through the environment, never the command line.
    return args, {**os.environ, "PGPASSWORD": db.get("PASSWORD") or ""}


def backup_create(*, directory: Path) -> BackupResult:
    directory.mkdir(parents=True, exist_ok=True)
    args, env = _pg_environment()
    dump = directory / DUMP
    subprocess.run(
        [
            pg_binary("pg_dump"),
            "--format=custom",
            "--no-owner",
            f"--file={dump}",
            *args,
        ],
        env=env,
        check=True,
    )
    media_root = Path(settings.MEDIA_ROOT)
    files = 0
    with tarfile.open(directory / MEDIA, "w:gz") as archive:
        if media_root.is_dir():
            for path in sorted(media_root.rglob("*")):
                if path.is_file():
                    archive.add(path, arcname=str(path.relative_to(media_root)))
                    files += 1
    (directory / MANIFEST).write_text(
        json.dumps(
            {
                "created_at": datetime.datetime.now(datetime.UTC).isoformat(),
                "database": DUMP,
                "database_bytes": dump.stat().st_size,
                "media": MEDIA,
                "media_files": files,
            },
            indent=2,
        )
    )
    return BackupResult(directory, dump.stat().st_size, files)


def backup_restore(*, directory: Path, replace: bool = False) -> BackupResult:
    manifest_path = directory / MANIFEST
    if not manifest_path.is_file():
        raise BackupError(f"{directory} holds no backup ({MANIFEST} missing)")
    manifest = json.loads(manifest_path.read_text())
    dump = directory / manifest["database"]
    if not dump.is_file():
        raise BackupError(f"{dump} missing")
    if connection.introspection.table_names() and not replace:
        raise BackupError(
            "the database is not empty; restore into an empty database, or "
            "pass --replace to drop what is there"
        )
    connection.close()
    args, env = _pg_environment()
    command = [pg_binary("pg_restore"), "--no-owner", "--exit-on-error", *args]
    if replace:
        command += ["--clean", "--if-exists"]
    subprocess.run([*command, str(dump)], env=env, check=True)
    media_root = Path(settings.MEDIA_ROOT)
    media_root.mkdir(parents=True, exist_ok=True)
    with tarfile.open(directory / manifest["media"], "r:gz") as archive:
        archive.extractall(media_root, filter="data")
    return BackupResult(directory, dump.stat().st_size, manifest["media_files"])
