"""Liveness of the parts: database, cache and the Celery worker.

The worker records a heartbeat in the cache every minute (beat schedule in the
settings); the health view reports its age. The cache is shared by web and
worker processes (Redis, or a file cache in the embedded setup).
"""

import os
import socket

from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache

HEARTBEAT_KEY = "samverkan:worker-heartbeat"
HEARTBEAT_STALE_AFTER = 180  # seconds: three missed beats


def heartbeat_record(*, token: str = "") -> dict:
    beat = {
        "at": timezone.now().isoformat(),
        "hostname": socket.gethostname(),
        "pid": os.getpid(),
        "token": token,
    }
    cache.set(HEARTBEAT_KEY, beat, timeout=None)
    return beat


def heartbeat_latest() -> dict | None:
    return cache.get(HEARTBEAT_KEY)


def health_check() -> dict:
    report: dict = {}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        report["database"] = "ok"
    except Exception as error:  # noqa: BLE001 - reported, not raised
        report["database"] = f"error: {type(error).__name__}"
    try:
        cache.set("samverkan:health", "ok", timeout=10)
        report["cache"] = "ok" if cache.get("samverkan:health") == "ok" else "error"
    except Exception as error:  # noqa: BLE001 - reported, not raised
        report["cache"] = f"error: {type(error).__name__}"
    beat = heartbeat_latest() if report["cache"] == "ok" else None
    if beat is None:
        report["worker"] = "unknown"
    else:
        age = (
            timezone.now() - timezone.datetime.fromisoformat(beat["at"])
        ).total_seconds()
        report["worker"] = "ok" if age < HEARTBEAT_STALE_AFTER else "stale"
        report["worker_heartbeat_age_seconds"] = round(age)
    report["status"] = (
        "ok" if report["database"] == "ok" and report["cache"] == "ok" else "error"
    )
    return report


@never_cache
def health_view(request):
    report = health_check()
    return JsonResponse(report, status=200 if report["status"] == "ok" else 503)
