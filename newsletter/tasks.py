"""Celery tasks of the newsletter: thin, they take ids and call services.
Retry policy and time limits live here."""

import datetime
import random
import smtplib

from celery import shared_task

from django.db import InterfaceError, OperationalError

from newsletter.conf import newsletter_setting
from newsletter.models import Subscriber
from newsletter.services import (
    reminders,
    sending,
    subscribers,
    subscription_requests,
)

# A subscription request meets an SMTP or connection error, or PostgreSQL
# restarting: the task retries with backoff; whatever step it finished stays
# done (newsletter.services.subscription_requests), and after the last retry
# the sweep queues the request again.
REQUEST_RETRY_ERRORS = (
    smtplib.SMTPException,
    OSError,
    OperationalError,
    InterfaceError,
)


@shared_task(
    ignore_result=True,
    autoretry_for=REQUEST_RETRY_ERRORS,
    retry_backoff=30,
    max_retries=5,
    time_limit=60,
)
def process_subscription_request(request_id: int) -> None:
    subscription_requests.subscription_request_run(request_id=request_id)


@shared_task(ignore_result=True, time_limit=300)
def sweep_subscription_requests() -> dict:
    return {
        "queued": subscription_requests.subscription_requests_sweep(),
        "deleted": subscription_requests.subscription_requests_purge(),
    }


@shared_task(
    ignore_result=True,
    autoretry_for=(smtplib.SMTPException, OSError),
    retry_backoff=30,
    max_retries=5,
    time_limit=60,
)
def send_subscription_mail(subscriber_id: int, kind: str) -> None:
    """Kept for messages queued before subscription requests (a release
    ago); nothing queues it any more."""
    subscriber = Subscriber.objects.filter(pk=subscriber_id).first()
    if subscriber is not None:
        subscribers.subscriber_send_subscription_mail(subscriber=subscriber, kind=kind)


@shared_task(
    ignore_result=True,
    autoretry_for=(OperationalError, InterfaceError),
    retry_backoff=5,
    max_retries=5,
    time_limit=60,
)
def subscribe(
    *,
    region_id: int | None = None,
    email: str,
    name: str,
    organisation: str,
    language: str,
    audience_ids: list[int],
    ip: str | None,
    requested_at: str,
) -> None:
    """Kept for messages queued before subscription requests (a release
    ago): the subscription becomes a request, processed by its own task."""
    request = subscription_requests.subscription_request_record(
        region_id=region_id,
        email=email,
        name=name,
        organisation=organisation,
        language=language,
        audience_ids=audience_ids,
        ip=ip,
        requested_at=datetime.datetime.fromisoformat(requested_at),
    )
    subscription_requests.subscription_request_enqueue(request_id=request.pk)


@shared_task(ignore_result=True, time_limit=600)
def start_issue(issue_id: int) -> bool:
    return sending.issue_start_sending(issue_id=issue_id)


@shared_task(ignore_result=True, time_limit=600)
def dispatch_issue(issue_id: int) -> int:
    return sending.issue_dispatch(issue_id=issue_id)


def _chunk_retry_countdown(retries: int) -> float:
    """Exponential backoff from the settings, with jitter so that chunks
    waiting out an SMTP outage do not all come back at the same instant."""
    ceiling = min(
        newsletter_setting("RETRY_BACKOFF_MAX_SECONDS"),
        newsletter_setting("RETRY_BACKOFF_SECONDS") * 2**retries,
    )
    return ceiling / 2 + random.uniform(0, ceiling / 2)  # noqa: S311 - not crypto


# A chunk that meets an SMTP or connection error (the server down, a
# temporary refusal) or a database error (PostgreSQL restarting) is retried
# with backoff; rows it already sent stay sent and the row it could not hand
# over is pending again (or its claim lapses), so a retry only sends what is
# left. After the last retry the beat task's re-dispatch takes over.
CHUNK_RETRY_ERRORS = (smtplib.SMTPException, OSError, OperationalError, InterfaceError)


@shared_task(
    bind=True,
    ignore_result=True,
    max_retries=20,
    soft_time_limit=900,
    time_limit=960,
)
def send_chunk(self, issue_id: int, first_id: int, last_id: int) -> int:
    try:
        return sending.deliveries_send_chunk(
            issue_id=issue_id, first_id=first_id, last_id=last_id
        )
    except CHUNK_RETRY_ERRORS as error:
        raise self.retry(
            exc=error, countdown=_chunk_retry_countdown(self.request.retries)
        ) from error


@shared_task(ignore_result=True, time_limit=300)
def tick() -> dict:
    return sending.issue_tick()


@shared_task(ignore_result=True, time_limit=600)
def purge_unconfirmed() -> int:
    return subscribers.subscribers_purge_unconfirmed()


@shared_task(ignore_result=True, time_limit=120)
def remind_communicators() -> int:
    return reminders.communicators_remind()
