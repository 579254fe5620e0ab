"""Celery tasks of the cms app: thin wrappers around services."""

import smtplib

from celery import shared_task

from cms.changes import version as versioning
from cms.deadlines.tasks import deadlines_send_reminders  # noqa: F401 (registers it)
from cms.http import health
from cms.importing.tasks import import_run_step_task  # noqa: F401 (registers it)
from cms.personal_data.tasks import suggesters_purge_expired  # noqa: F401 (registers it)
from cms.reviews.tasks import reviews_send_digests  # noqa: F401 (registers it)
from cms.scoping import password_reset
from cms.suggestions import services as suggestions


@shared_task(name="cms.tasks.worker_heartbeat", ignore_result=False, time_limit=30)
def worker_heartbeat(token: str = "") -> dict:
    return health.heartbeat_record(token=token)


@shared_task(name="cms.tasks.content_version_catch_up", time_limit=30, expires=60)
def content_version_catch_up() -> bool:
    return versioning.content_version_catch_up()


@shared_task(
    name="cms.tasks.suggestion_notify_editors",
    autoretry_for=(smtplib.SMTPException, OSError),
    retry_backoff=30,
    retry_backoff_max=600,
    retry_jitter=True,
    max_retries=5,
)
def suggestion_notify_editors(page_id: int) -> int:
    """Tell the organisation's editors about a suggested intervention.
    Retried up to five times when the mail server cannot be reached, with
    exponential backoff and jitter (waits of up to 30 s, 1, 2, 4 and 8 min)."""
    from cms.models import InterventionPage

    page = InterventionPage.objects.filter(pk=page_id).first()
    if page is None:  # deleted before the worker came to it
        return 0
    return suggestions.suggestion_notify(page=page)


@shared_task(name="cms.tasks.password_reset_send", time_limit=60)
def password_reset_send(**mail) -> None:
    """The admin password reset's mail (cms.scoping.password_reset): queued for
    every address asked for, sent only to accounts that have it."""
    password_reset.password_reset_send(**mail)


@shared_task(name="cms.tasks.intervention_reads_flush", time_limit=120)
def intervention_reads_flush() -> int:
    from cms.statistics.counting import intervention_reads_flush as flush

    return flush()
