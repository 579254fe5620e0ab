"""The test PostgreSQL that scripts/with-services.sh started, stopped and
started again on the same port and data directory, as an operator or a
crashing host would. The script exports where it lives:
SAMVERKAN_PG_BINDIR, SAMVERKAN_PG_DATA and SAMVERKAN_PG_USER (the system
user that runs it: `postgres` when the suite runs as root)."""

import os
import subprocess
from pathlib import Path

from django.conf import settings

ENVIRONMENT = ("SAMVERKAN_PG_BINDIR", "SAMVERKAN_PG_DATA", "SAMVERKAN_PG_USER")


def postgres_controllable() -> bool:
    return all(os.environ.get(name) for name in ENVIRONMENT)


class PostgresServer:
    def __init__(self):
        self.pg_ctl = str(Path(os.environ["SAMVERKAN_PG_BINDIR"]) / "pg_ctl")
        self.data = Path(os.environ["SAMVERKAN_PG_DATA"])
        self.user = os.environ["SAMVERKAN_PG_USER"]
        self.port = str(settings.DATABASES["default"]["PORT"])

    def _pg_ctl(self, *args: str) -> None:
        command = [self.pg_ctl, "-D", str(self.data), "-w", *args]
        if os.geteuid() == 0:  # PostgreSQL refuses to run as root
            command = ["runuser", "-u", self.user, "--", *command]
        # The data dir's parent is readable by the server's user; our cwd
        # may not be.
        subprocess.run(
            command, check=True, cwd=self.data.parent, stdout=subprocess.DEVNULL
        )

    def stop(self) -> None:
        """Fast shutdown: open connections are cut, in-flight transactions
        rolled back."""
        self._pg_ctl("-m", "fast", "stop")

    def start(self) -> None:
        self._pg_ctl(
            "-l", str(self.data.parent / "pg.log"), "-o", f"-p {self.port}", "start"
        )
