"""Celery task of the deadline reminders (thin: it calls the service)."""

import datetime
import smtplib

from celery import shared_task


@shared_task(
    name="cms.deadlines.tasks.deadlines_send_reminders",
    autoretry_for=(smtplib.SMTPException, OSError),
    retry_backoff=60,
    retry_backoff_max=1800,
    max_retries=5,
)
def deadlines_send_reminders(today: str | None = None) -> int:
    """The daily run (Celery beat, SAMVERKAN_DEADLINES). `today` (ISO date)
    is for tests and catching up. Retried when the mail server cannot be
    reached: the run is idempotent."""
    from cms.deadlines.services import deadline_reminders_send

    day = datetime.date.fromisoformat(today) if today else None
    return deadline_reminders_send(today=day)
