"""Periodic task of personal data handling (celery beat, daily)."""

from celery import shared_task

from cms.personal_data import services


@shared_task(name="cms.personal_data.tasks.suggesters_purge_expired")
def suggesters_purge_expired() -> int:
    return services.suggesters_purge_expired()
