"""Celery tasks of the newsletter: thin, they take ids and call services.
Retry policy and time limits live here."""

import smtplib

from celery import shared_task

from newsletter.models import Subscriber
from newsletter.services import reminders, sending, subscribers


@shared_task(
    ignore_result=True,
    autoretry_for=(smtplib.SMTPException, OSError),
    retry_backoff=30,
    max_retries=5,
    time_limit=60,
)
def send_subscription_mail(subscriber_id: int, kind: str) -> None:
    subscriber = Subscriber.objects.filter(pk=subscriber_id).first()
    if subscriber is not None:
        subscribers.subscriber_send_subscription_mail(subscriber=subscriber, kind=kind)


@shared_task(ignore_result=True, time_limit=600)
def start_issue(issue_id: int) -> bool:
    return sending.issue_start_sending(issue_id=issue_id)


@shared_task(ignore_result=True, time_limit=600)
def dispatch_issue(issue_id: int) -> int:
    return sending.issue_dispatch(issue_id=issue_id)


# A chunk that meets a connection error is retried with backoff; rows it
# already sent stay sent, so a retry only sends what is left.
@shared_task(
    ignore_result=True,
    autoretry_for=(smtplib.SMTPException, OSError),
    retry_backoff=10,
    retry_backoff_max=300,
    max_retries=20,
    soft_time_limit=900,
    time_limit=960,
)
def send_chunk(issue_id: int, first_id: int, last_id: int) -> int:
    return sending.deliveries_send_chunk(
        issue_id=issue_id, first_id=first_id, last_id=last_id
    )


@shared_task(ignore_result=True, time_limit=300)
def tick() -> dict:
    return sending.issue_tick()


@shared_task(ignore_result=True, time_limit=600)
def purge_unconfirmed() -> int:
    return subscribers.subscribers_purge_unconfirmed()


@shared_task(ignore_result=True, time_limit=120)
def remind_communicators() -> int:
    return reminders.communicators_remind()
