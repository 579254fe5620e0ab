"""The subscribe form's outbox (SubscriptionRequest): processing a request
(the subscriber recorded as `subscriber_subscribe` does), sending its one
e-mail, the sweep that queues unfinished requests again, and their
deletion after the retention time.

Each step is idempotent and records that it is done in the row, under the
row's lock: a request processed twice (the task run again by the sweep, or
twice at once) records the subscriber once and sends one e-mail. A failure
in either step leaves the row unfinished, for the task's retry and then
the sweep."""

import datetime
import logging

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from cms.infra.enqueue import enqueue_after_commit, enqueue_now, task
from newsletter.conf import newsletter_setting
from newsletter.models import Audience, SubscriptionRequest
from newsletter.scoping import newsletter_regions
from newsletter.services.subscribers import (
    subscriber_send_subscription_mail,
    subscriber_subscribe,
)

PROCESS_TASK = "newsletter.tasks.process_subscription_request"

logger = logging.getLogger(__name__)

UNFINISHED = Q(processed_at__isnull=True) | (
    ~Q(mail=SubscriptionRequest.MAIL_NONE) & Q(mailed_at__isnull=True)
)


def subscriber_subscribe_queue(
    *,
    region,
    email: str,
    name: str = "",
    organisation: str = "",
    language: str = "sv",
    audiences: list[Audience],
    ip: str | None = None,
) -> SubscriptionRequest:
    """The public form's action, the same work whatever the address's state
    (no enumeration oracle, by content or by time): it reads nothing about
    the address, writes one subscription request (the same INSERT for every
    address) and queues its processing after commit; a task does the rest
    (`newsletter.services.subscription_requests`), including every e-mail.
    If the broker is unreachable the row waits for the periodic sweep."""
    request = subscription_request_record(
        region_id=region.pk,
        email=email,
        name=name,
        organisation=organisation,
        language=language,
        audience_ids=[audience.pk for audience in audiences],
        ip=ip,
        requested_at=timezone.now(),
    )
    subscription_request_enqueue(request_id=request.pk)
    return request


def subscription_request_record(
    *,
    region_id: int | None,
    email: str,
    name: str,
    organisation: str,
    language: str,
    audience_ids: list[int],
    ip: str | None,
    requested_at: datetime.datetime,
) -> SubscriptionRequest:
    """One INSERT, whatever the address (see `subscriber_subscribe_queue`)."""
    grace = datetime.timedelta(
        seconds=newsletter_setting("SUBSCRIPTION_REQUEST_GRACE_SECONDS")
    )
    return SubscriptionRequest.objects.create(
        region_id=region_id,
        email=email.strip().lower(),
        name=name,
        organisation=organisation,
        language=language,
        audience_ids=list(audience_ids),
        consent_ip=ip,
        requested_at=requested_at,
        next_sweep_at=requested_at + grace,
    )


def subscription_request_enqueue(*, request_id: int) -> None:
    """Queue the request's processing once the current transaction commits
    (a broker that is down leaves it to the sweep)."""
    enqueue_after_commit(
        lambda: task(PROCESS_TASK).delay(request_id),
        what="a subscription request",
    )


def subscription_request_process(*, request_id: int) -> None:
    """Record the request's subscription, once."""
    with transaction.atomic():
        request = (
            SubscriptionRequest.objects.select_for_update()
            .filter(pk=request_id)
            .first()
        )
        if request is None or request.processed_at is not None:
            return
        audiences = Audience.objects.filter(pk__in=request.audience_ids, public=True)
        # Queued before regions: the region of the audiences chosen.
        region_id = (
            request.region_id or audiences.values_list("region", flat=True).first()
        )
        region = newsletter_regions().filter(pk=region_id).first()
        if region is None:
            subscriber, mail = None, SubscriptionRequest.MAIL_NONE  # region gone
        else:
            subscriber, mail = subscriber_subscribe(
                region=region,
                email=request.email,
                name=request.name,
                organisation=request.organisation,
                language=request.language,
                audiences=list(audiences.filter(region=region)),
                ip=request.consent_ip,
                requested_at=request.requested_at,
            )
        request.subscriber = subscriber
        request.mail = mail
        request.processed_at = timezone.now()
        request.save(update_fields=["subscriber", "mail", "processed_at"])


def subscription_request_send_mail(*, request_id: int) -> bool:
    """Send the processed request's e-mail unless it went out already;
    whether it was sent now. The row stays locked while the message is
    handed to the SMTP server, so a second run waits and then finds it
    sent. (Only a crash between the hand-over and the commit sends it
    twice.)"""
    with transaction.atomic():
        request = (
            SubscriptionRequest.objects.select_for_update()
            .filter(pk=request_id)
            .first()
        )
        if (
            request is None
            or request.processed_at is None
            or not request.mail
            or request.mailed_at is not None
        ):
            return False
        subscriber = request.subscriber
        if subscriber is None:  # erased since: nobody to mail
            request.mail = SubscriptionRequest.MAIL_NONE
            request.save(update_fields=["mail"])
            return False
        subscriber_send_subscription_mail(subscriber=subscriber, kind=request.mail)
        request.mailed_at = timezone.now()
        request.save(update_fields=["mailed_at"])
    return True


def subscription_request_run(*, request_id: int) -> None:
    """Both steps: what the task does, again as often as needed."""
    subscription_request_process(request_id=request_id)
    subscription_request_send_mail(request_id=request_id)


def subscription_requests_sweep(*, now: datetime.datetime | None = None) -> int:
    """Queue unfinished requests whose time has come again (the broker was
    down, the worker or the SMTP server failed): at most
    SUBSCRIPTION_REQUEST_SWEEP_BATCH a run, oldest first, each waiting
    twice as long as the last time before the next. Stops at the first
    request the broker does not take. Returns how many were queued."""
    now = now or timezone.now()
    due = list(
        SubscriptionRequest.objects.filter(
            UNFINISHED,
            next_sweep_at__lte=now,
            sweeps__lt=newsletter_setting("SUBSCRIPTION_REQUEST_MAX_SWEEPS"),
        )
        .order_by("next_sweep_at", "pk")
        .values_list("pk", "sweeps")[
            : newsletter_setting("SUBSCRIPTION_REQUEST_SWEEP_BATCH")
        ]
    )
    grace = newsletter_setting("SUBSCRIPTION_REQUEST_GRACE_SECONDS")
    queued = 0
    for pk, sweeps in due:
        if not enqueue_now(
            lambda pk=pk: task(PROCESS_TASK).delay(pk),
            what="a subscription request",
        ):
            break
        SubscriptionRequest.objects.filter(pk=pk).update(
            sweeps=sweeps + 1,
            next_sweep_at=now + datetime.timedelta(seconds=grace * 2 ** (sweeps + 1)),
        )
        queued += 1
    return queued


def subscription_requests_purge(*, now: datetime.datetime | None = None) -> int:
    """Delete requests older than SUBSCRIPTION_REQUEST_RETENTION_DAYS (they
    hold personal data; a confirmation link is no longer valid by then
    either). Unfinished ones among them are logged."""
    cutoff = (now or timezone.now()) - datetime.timedelta(
        days=newsletter_setting("SUBSCRIPTION_REQUEST_RETENTION_DAYS")
    )
    old = SubscriptionRequest.objects.filter(requested_at__lt=cutoff)
    unfinished = old.filter(UNFINISHED).count()
    if unfinished:
        logger.warning(
            "Deleting %d subscription request(s) never finished within the "
            "retention time (no worker, or the mail server refused them).",
            unfinished,
        )
    deleted, _details = old.delete()
    return deleted
