"""Celery tasks of the delivery app: thin wrappers around services."""

from celery import shared_task

from delivery.access.usage import usage_flush


@shared_task(name="delivery.tasks.api_usage_flush", time_limit=120)
def api_usage_flush() -> int:
    return usage_flush()
