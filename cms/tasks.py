"""Celery tasks of the cms app: thin wrappers around services."""

from celery import shared_task

from cms import health


@shared_task(name="cms.tasks.worker_heartbeat", ignore_result=False, time_limit=30)
def worker_heartbeat(token: str = "") -> dict:
    return health.heartbeat_record(token=token)
