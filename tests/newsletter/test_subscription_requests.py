"""The subscribe form's outbox: a subscription asked for while the broker
is down, the worker fails or the mail server is down is kept and finished
later by the sweep, with one e-mail; requests are idempotent, and deleted
after the retention time and with the subscriber's erasure."""

import datetime
import logging
import threading
import time

import pytest

from django.core import mail
from django.db import connection
from django.utils import timezone

from newsletter.models import Subscriber, SubscriptionRequest
from newsletter.services import subscription_requests
from newsletter.services.subscribers import subscriber_erase, subscriber_export
from newsletter.services.subscription_requests import (
    subscriber_subscribe_queue,
    subscription_request_process,
    subscription_request_record,
    subscription_request_run,
    subscription_request_send_mail,
    subscription_requests_purge,
    subscription_requests_sweep,
)
from tests.newsletter.factories import AudienceFactory, SubscriberFactory

pytestmark = pytest.mark.django_db
SUBSCRIBE = "/newsletter/subscribe/"
LATER = datetime.timedelta(minutes=10)  # past the sweep's grace period


def _ask(audience, email="amina@example.org", *, ip="192.0.2.10"):
    """A form submission whose queued task never ran (lost)."""
    return subscriber_subscribe_queue(
        region=audience.region,
        email=email,
        name="Amina",
        organisation="Botkyrka kommun",
        language="sv",
        audiences=[audience],
        ip=ip,
    )


def test_the_broker_down_loses_no_subscription(
    client,
    audience,
    broker_down,
    smtp_sink,
    caplog,
    django_capture_on_commit_callbacks,
):
    """Nothing listens where the broker should be: the person gets the
    normal answer and the request is kept; once the broker is back the
    sweep records the subscriber and one confirmation goes out over SMTP."""
    with (
        caplog.at_level(logging.WARNING, logger="cms.infra.enqueue"),
        django_capture_on_commit_callbacks(execute=True),
    ):
        response = client.post(
            SUBSCRIBE,
            {
                "email": "Amina@Example.org",
                "name": "Amina",
                "language": "sv",
                "audiences": [audience.pk],
                "consent": "on",
            },
            REMOTE_ADDR="192.0.2.10",
        )
    assert response.status_code == 200
    assert "Could not queue a subscription request" in caplog.text
    request = SubscriptionRequest.objects.get()
    assert request.email == "amina@example.org"
    assert request.processed_at is None
    assert not Subscriber.objects.exists()

    # Within the grace period the sweep leaves it to the task.
    assert subscription_requests_sweep() == 0
    broker_down.conf.task_always_eager = True  # the broker back (tasks run here)
    assert subscription_requests_sweep(now=timezone.now() + LATER) == 1

    subscriber = Subscriber.objects.get()
    assert subscriber.email == "amina@example.org"
    assert subscriber.status == Subscriber.Status.PENDING
    assert subscriber.consent_ip == "192.0.2.10"
    assert list(subscriber.audiences.all()) == [audience]
    (message,) = smtp_sink.wait_for(1)
    assert message["To"] == "amina@example.org"
    assert "/newsletter/confirm/" in message.get_content()
    request.refresh_from_db()
    assert request.processed_at and request.mailed_at
    # Finished: later sweeps queue nothing and send nothing.
    assert subscription_requests_sweep(now=timezone.now() + 100 * LATER) == 0
    assert len(smtp_sink.messages) == 1


def test_the_mail_server_down_is_made_up_for_by_the_sweep(audience, smtp_sink):
    request = _ask(audience)
    smtp_sink.stop()
    try:
        with pytest.raises(OSError):
            subscription_request_run(request_id=request.pk)
    finally:
        smtp_sink.start()
    request.refresh_from_db()
    # The subscription is recorded; the mail is still to go.
    assert request.processed_at is not None and request.mailed_at is None
    assert Subscriber.objects.get().status == Subscriber.Status.PENDING

    assert subscription_requests_sweep(now=timezone.now() + LATER) == 1
    assert len(smtp_sink.wait_for(1)) == 1
    request.refresh_from_db()
    assert request.mailed_at is not None


def test_a_request_processed_twice_records_once_and_mails_once(audience):
    request = _ask(audience)

    subscription_request_run(request_id=request.pk)
    processed_at = SubscriptionRequest.objects.get().processed_at
    subscription_request_run(request_id=request.pk)
    subscription_request_process(request_id=request.pk)
    assert subscription_request_send_mail(request_id=request.pk) is False

    assert Subscriber.objects.count() == 1
    assert len(mail.outbox) == 1
    assert SubscriptionRequest.objects.get().processed_at == processed_at


@pytest.mark.integration
@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(
    connection.vendor == "sqlite", reason="SQLite has no row locks to race for"
)
def test_two_runs_at_once_record_once_and_mail_once(smtp_sink, monkeypatch):
    """The sweep's run and the task's own (or its retry) at the same time,
    each in its own connection: the row's lock makes the second wait and
    then find the work done, while the first takes its time with the
    mail."""
    audience = AudienceFactory()
    request = subscription_request_record(
        region_id=audience.region_id,
        email="amina@example.org",
        name="Amina",
        organisation="",
        language="sv",
        audience_ids=[audience.pk],
        ip=None,
        requested_at=timezone.now(),
    )
    send = subscription_requests.subscriber_send_subscription_mail

    def slow_send(**kwargs):
        time.sleep(0.5)  # the other run arrives meanwhile
        send(**kwargs)

    monkeypatch.setattr(
        subscription_requests, "subscriber_send_subscription_mail", slow_send
    )
    start = threading.Barrier(2)
    errors = []

    def run():
        try:
            start.wait()
            subscription_request_run(request_id=request.pk)
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            connection.close()

    runs = [threading.Thread(target=run) for _ in range(2)]
    for thread in runs:
        thread.start()
    for thread in runs:
        thread.join(timeout=30)

    assert errors == []
    assert Subscriber.objects.count() == 1
    assert len(smtp_sink.wait_for(1)) == 1
    request.refresh_from_db()
    assert request.mailed_at is not None


def test_a_confirmed_address_gets_one_note_and_a_complained_one_nothing(audience):
    SubscriberFactory(email="known@example.org", audiences=[audience])
    SubscriberFactory(email="spam@example.org", status=Subscriber.Status.COMPLAINED)
    known = _ask(audience, "known@example.org")
    complained = _ask(audience, "spam@example.org")

    for request in (known, complained, known, complained):
        subscription_request_run(request_id=request.pk)

    assert [message.to for message in mail.outbox] == [["known@example.org"]]
    assert "/newsletter/confirm/" not in mail.outbox[0].body
    complained.refresh_from_db()
    assert complained.processed_at is not None and complained.mail == ""
    assert subscription_requests_sweep(now=timezone.now() + LATER) == 0
    assert Subscriber.objects.get(email="known@example.org").status == "confirmed"


def test_the_sweep_is_bounded_backs_off_and_gives_up(audience, settings, monkeypatch):
    """Only what the sweep hands the broker is looked at here (nothing
    runs, so the requests stay unfinished)."""
    from newsletter import tasks

    settings.SAMVERKAN_NEWSLETTER = {
        "SUBSCRIPTION_REQUEST_SWEEP_BATCH": 2,
        "SUBSCRIPTION_REQUEST_MAX_SWEEPS": 2,
    }
    handed = []
    monkeypatch.setattr(tasks.process_subscription_request, "delay", handed.append)
    requests = [_ask(audience, f"r{n}@example.org") for n in range(3)]
    now = timezone.now() + LATER

    queued = [
        subscription_requests_sweep(now=now),
        subscription_requests_sweep(now=now),  # the first two wait 10 min now
        subscription_requests_sweep(now=now + datetime.timedelta(minutes=11)),
        subscription_requests_sweep(now=now + datetime.timedelta(days=1)),
        subscription_requests_sweep(now=now + datetime.timedelta(days=3)),
    ]

    assert queued == [2, 1, 2, 1, 0]
    first, second, third = (request.pk for request in requests)
    assert handed == [first, second, third, first, second, third]
    assert set(SubscriptionRequest.objects.values_list("sweeps", flat=True)) == {2}


def test_requests_are_deleted_after_the_retention_time(audience, settings, caplog):
    settings.SAMVERKAN_NEWSLETTER = {"SUBSCRIPTION_REQUEST_RETENTION_DAYS": 7}
    finished = _ask(audience, "done@example.org")
    subscription_request_run(request_id=finished.pk)
    _ask(audience, "lost@example.org")  # never processed
    fresh = _ask(audience, "fresh@example.org")
    SubscriptionRequest.objects.exclude(pk=fresh.pk).update(
        requested_at=timezone.now() - datetime.timedelta(days=8)
    )

    with caplog.at_level(logging.WARNING):
        assert subscription_requests_purge() == 2

    assert list(SubscriptionRequest.objects.all()) == [fresh]
    assert "Deleting 1 subscription request(s) never finished" in caplog.text
    assert Subscriber.objects.filter(email="done@example.org").exists()


def test_export_shows_and_erasure_deletes_the_addresses_requests(audience):
    first = _ask(audience, ip="192.0.2.10")
    subscription_request_run(request_id=first.pk)
    _ask(audience, ip="192.0.2.11")  # asked again, not processed yet
    other = _ask(audience, "someone.else@example.org")
    subscriber = Subscriber.objects.get(email="amina@example.org")

    exported = subscriber_export(subscriber=subscriber)["subscription_requests"]
    assert [row["ip_address"] for row in exported] == ["192.0.2.10", "192.0.2.11"]
    assert exported[0]["email_sent_at"] is not None
    assert exported[1]["processed_at"] is None

    subscriber_erase(subscriber=subscriber)
    assert list(SubscriptionRequest.objects.all()) == [other]
