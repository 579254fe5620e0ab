"""The SAMVERKAN_IMPORT settings, read when used (never at import time).

Bounds of one import (the command line's and the admin's alike):
- MAX_UNPACKED_BYTES: what an XLSX file may unpack to, all parts together
  (a 2 MB file of repeated shared strings unpacks to gigabytes).
- MAX_CELL_CHARS: characters in one cell (Excel's own limit).
- MAX_ROWS: rows below the header.
- MAX_SECONDS: seconds for reading and checking the file.

The admin's import (cms.importing.services):
- HEARTBEAT_SECONDS: how often a running import tells it is alive.
- STALE_SECONDS: a started import silent for this long is taken for dead
  (its worker crashed or was killed) and shows as failed.
- REQUEUE_SECONDS: an import waiting this long for a worker is queued
  again by the sweep (the broker may have lost it).
- KEEP_FILE_HOURS: an uploaded file not imported (a preview never
  confirmed, a failed run never retried) is deleted after this long.
- KEEP_RUN_DAYS: previews and reports are deleted after this long.
- MAX_RUNS_IN_PROGRESS: imports one user may have waiting or running.
"""

from django.conf import settings

DEFAULTS = {
    "MAX_UNPACKED_BYTES": 100 * 1024 * 1024,
    "MAX_CELL_CHARS": 32_767,
    "MAX_ROWS": 20_000,
    "MAX_SECONDS": 600,
    "HEARTBEAT_SECONDS": 5,
    "STALE_SECONDS": 60,
    "REQUEUE_SECONDS": 300,
    "KEEP_FILE_HOURS": 24,
    "KEEP_RUN_DAYS": 90,
    "MAX_RUNS_IN_PROGRESS": 3,
}


def import_setting(name: str):
    return getattr(settings, "SAMVERKAN_IMPORT", {}).get(name, DEFAULTS[name])
