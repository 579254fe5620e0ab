"""Tasks for tests only (the test settings install this app, so a worker
started with them registers these)."""

import time

from celery import shared_task


@shared_task(name="tests.testapp.tasks.hold")
def hold(seconds: float) -> float:
    """A task that runs for `seconds`: a worker holds it unacknowledged
    (acks_late) meanwhile."""
    time.sleep(seconds)
    return seconds
