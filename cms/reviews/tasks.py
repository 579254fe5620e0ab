"""Celery tasks of the review routine (thin: they call services)."""

import datetime
import smtplib

from celery import shared_task


@shared_task(
    name="cms.reviews.tasks.reviews_send_digests",
    autoretry_for=(smtplib.SMTPException, OSError),
    retry_backoff=60,
    retry_backoff_max=1800,
    max_retries=5,
    time_limit=1800,
    soft_time_limit=1700,
)
def reviews_send_digests(
    today: str | None = None, person_ids: list[int] | None = None
) -> int:
    """The daily digest run (Celery beat, SAMVERKAN_REVIEWS), or a run for a
    few people (`person_ids`, e.g. coordinators taking over an owner's
    entries). `today` (ISO date) is for tests and catching up. Retried when
    the mail server cannot be reached: the run is idempotent."""
    from cms.reviews.sending import digests_send

    day = datetime.date.fromisoformat(today) if today else None
    return digests_send(today=day, person_ids=set(person_ids) if person_ids else None)
