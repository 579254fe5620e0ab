"""Delivery over real HTTP to a loopback partner: signatures checked by the
Standard Webhooks reference library, every retry case, 410, auto-disable,
timeouts, concurrency slots, secrets kept out of logs and errors, payloads
built once, the attempt history, pruning."""

import datetime
import json
import logging

import pytest
from standardwebhooks.webhooks import Webhook, WebhookVerificationError

from django.core import mail
from django.utils import timezone

from cms.models import InterventionPage
from sync.models import Delivery, DeliveryAttempt, DeliveryStatus, Payload, Target
from sync.services import sync_prune, target_drain
from sync.services.sending import retry_delay
from sync.targets.base import retry_after_seconds
from tests.factories import InterventionPageFactory, publish
from tests.sync.conftest import SECRET
from tests.sync.factories import target_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def queued(region, org_a, partner, django_capture_on_commit_callbacks):
    """A target and one intervention queued for it (its task not run)."""
    target = target_for(region, partner.url)
    with django_capture_on_commit_callbacks(execute=False):
        page = publish(InterventionPageFactory(parent=org_a, title="SFI"))
    return target, page


def _delivery():
    return Delivery.objects.get()


def _due_now():
    Delivery.objects.filter(status=DeliveryStatus.PENDING).update(
        next_attempt_at=timezone.now()
    )


def test_signature_verifies_with_the_reference_library(queued, partner):
    target, page = queued
    target_drain(target_id=target.pk)

    headers, body, code = partner.requests[0]
    assert code == 200 and partner.rejected == 0
    assert headers["webhook-id"] == str(_delivery().message_id)
    assert headers["webhook-signature"].startswith("v1,")
    payload = Webhook(SECRET).verify(body, headers)
    assert payload["type"] == "intervention.created"
    assert payload["data"]["id"] == str(page.uuid)
    assert payload["data"]["version"] == 1
    # A changed byte or another secret fails verification.
    with pytest.raises(WebhookVerificationError):
        Webhook(SECRET).verify(body.replace(b"SFI", b"SFJ"), headers)
    other = "whsec_" + "b" * 43 + "="
    with pytest.raises(WebhookVerificationError):
        Webhook(other).verify(body, headers)
    # An old timestamp (replay) is refused.
    stale = {
        **headers,
        "webhook-timestamp": str(int(headers["webhook-timestamp"]) - 600),
    }
    with pytest.raises(WebhookVerificationError):
        Webhook(SECRET).verify(body, stale)


def test_partner_rejecting_a_bad_signature_is_retried(queued, partner):
    target, _ = queued
    Target.objects.filter(pk=target.pk).update(
        credentials_encrypted=Target(
            secret="whsec_" + "c" * 43 + "="
        ).credentials_encrypted
    )
    target_drain(target_id=target.pk)
    assert partner.rejected == 1
    delivery = _delivery()
    assert (delivery.status, delivery.last_status_code) == ("pending", 401)


@pytest.mark.parametrize("failure", ["500", "502", "503", "301:https://example.org/"])
def test_server_errors_and_redirects_are_retried_with_backoff(queued, partner, failure):
    target, _ = queued
    partner.script.extend([failure])
    before = timezone.now()
    target_drain(target_id=target.pk, budget_seconds=0.5)

    delivery = _delivery()
    assert delivery.status == DeliveryStatus.PENDING
    assert delivery.attempts == 1
    assert delivery.last_status_code == int(failure.split(":")[0])
    # First wait of the schedule (1 s, no jitter in tests).
    wait = (delivery.next_attempt_at - before).total_seconds()
    assert 0.9 < wait < 2.5
    assert len(partner.requests) == 1  # not sent again before it is due

    _due_now()
    target_drain(target_id=target.pk)
    assert _delivery().status == DeliveryStatus.DELIVERED
    assert len(partner.requests) == 2
    assert partner.requests[0][0]["webhook-id"] == partner.requests[1][0]["webhook-id"]


def test_429_honours_retry_after(queued, partner):
    target, _ = queued
    partner.script.append("429:120")
    before = timezone.now()
    target_drain(target_id=target.pk)

    delivery = _delivery()
    assert delivery.last_status_code == 429
    assert 119 <= (delivery.next_attempt_at - before).total_seconds() < 125


def test_timeouts_and_dropped_connections_are_retried(queued, partner):
    target, _ = queued
    partner.script.extend(["slow", "drop"])
    target_drain(target_id=target.pk, budget_seconds=0.1)
    delivery = _delivery()
    assert (delivery.status, delivery.last_error) == ("pending", "timeout")
    assert delivery.last_duration_ms >= 900  # the 1 s read timeout of the tests

    _due_now()
    target_drain(target_id=target.pk, budget_seconds=0.1)
    delivery = _delivery()
    assert (delivery.attempts, delivery.last_error) == (2, "connection error")

    _due_now()
    target_drain(target_id=target.pk)
    assert _delivery().status == DeliveryStatus.DELIVERED


def test_schedule_exhausted_marks_failed(queued, partner):
    target, _ = queued
    partner.failure_rate = 1.0
    partner.random.choice = lambda options: "500"
    for _ in range(4):  # the first attempt and the three retries of the tests
        target_drain(target_id=target.pk, budget_seconds=0.1)
        _due_now()
    delivery = _delivery()
    assert (delivery.status, delivery.attempts) == ("failed", 4)
    assert delivery.next_attempt_at is None


def test_backoff_grows_exponentially_with_jitter(settings):
    settings.SAMVERKAN_SYNC = {"RETRY_SCHEDULE": [5, 300, 1800], "JITTER": 0.2}
    delays = [retry_delay(attempts=n, retry_after=None) for n in (1, 2, 3)]
    assert 4 <= delays[0] <= 6 and 240 <= delays[1] <= 360 and 1440 <= delays[2] <= 2160
    assert retry_delay(attempts=4, retry_after=None) is None
    # The default schedule spans about three days.
    settings.SAMVERKAN_SYNC = {}
    from sync.conf import conf

    assert 2.5 * 86400 < sum(conf("RETRY_SCHEDULE")) < 3.5 * 86400


def test_retry_after_formats():
    assert retry_after_seconds("30") == 30
    soon = (timezone.now() + datetime.timedelta(seconds=90)).strftime(
        "%a, %d %b %Y %H:%M:%S GMT"
    )
    assert 80 < retry_after_seconds(soon) <= 90
    assert retry_after_seconds("nonsense") is None


def test_410_disables_the_target_and_tells_central_admins(
    queued, partner, central_admin
):
    target, _ = queued
    partner.script.append("410")
    target_drain(target_id=target.pk)

    target.refresh_from_db()
    assert not target.enabled and "410" in target.disabled_reason
    assert _delivery().status == DeliveryStatus.FAILED
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [central_admin.email]
    assert target.name in mail.outbox[0].subject


def test_failing_for_days_disables_automatically(queued, partner, central_admin):
    target, _ = queued
    Target.objects.filter(pk=target.pk).update(
        failing_since=timezone.now() - datetime.timedelta(days=3, minutes=1)
    )
    partner.script.append("500")
    target_drain(target_id=target.pk)

    target.refresh_from_db()
    assert not target.enabled
    assert len(mail.outbox) == 1
    # A disabled target is not sent to, not even when its rows are due.
    _due_now()
    assert target_drain(target_id=target.pk).sent == 0
    assert len(partner.requests) == 1


def test_a_success_resets_the_failing_clock(queued, partner):
    target, _ = queued
    partner.script.append("500")
    target_drain(target_id=target.pk)
    target.refresh_from_db()
    assert target.failing_since is not None
    _due_now()
    target_drain(target_id=target.pk)
    target.refresh_from_db()
    assert target.failing_since is None and target.enabled


def test_all_concurrency_slots_taken_means_no_send(queued, partner):
    from django.core.cache import cache

    target, _ = queued
    for slot in range(target.max_concurrency):
        cache.set(f"samverkan-sync:target:{target.pk}:slot:{slot}", "busy")
    try:
        result = target_drain(target_id=target.pk)
    finally:
        cache.clear()
    assert result.busy and partner.requests == []
    assert target_drain(target_id=target.pk).sent == 1


def test_rate_limit_paces_requests(
    region, org_a, partner, django_capture_on_commit_callbacks
):
    target = target_for(region, partner.url, max_per_second=10, max_concurrency=1)
    with django_capture_on_commit_callbacks(execute=False):
        for _ in range(5):
            publish(InterventionPageFactory(parent=org_a))
    started = timezone.now()
    assert target_drain(target_id=target.pk).sent == 5
    assert (timezone.now() - started).total_seconds() >= 0.4


def test_secrets_and_personal_data_stay_out_of_logs_and_errors(
    region, org_a, partner, caplog, django_capture_on_commit_callbacks
):
    secret_value = SECRET.removeprefix("whsec_")
    target = target_for(region, partner.url)
    with django_capture_on_commit_callbacks(execute=False):
        publish(
            InterventionPageFactory(
                parent=org_a, contact_email="anna.svensson@example.se"
            )
        )
    partner.script.extend(["500", "drop"])
    caplog.set_level(logging.DEBUG)
    target_drain(target_id=target.pk, budget_seconds=0.1)
    _due_now()
    target_drain(target_id=target.pk, budget_seconds=0.1)

    delivery = _delivery()
    stored = json.dumps({k: str(v) for k, v in Delivery.objects.values().get().items()})
    for value in (secret_value, SECRET, "anna.svensson"):
        assert value not in caplog.text
        assert value not in stored
        assert value not in repr(target) and value not in str(target.__dict__)
    assert delivery.last_error == "connection error"
    # The secret is stored encrypted, never in plain text.
    assert secret_value not in target.credentials_encrypted


def test_error_reports_hide_the_secret(region, org_a, partner, settings):
    import sys

    from django.views.debug import ExceptionReporter

    target = target_for(region, partner.url, secret="whsec_not!base64!secret")
    adapter_target = Target.objects.get(pk=target.pk)
    from sync.targets.webhook import WebhookAdapter

    adapter = WebhookAdapter(target=adapter_target, client=None)
    try:
        adapter.signature_headers("msg_1", b"{}")
    except ValueError:
        report = ExceptionReporter(None, *sys.exc_info()).get_traceback_text()
    else:
        pytest.fail("a malformed secret should not sign")
    assert "not!base64!secret" not in report
    assert "signature_headers" in report  # the frame is there, its secret is not


def test_payload_is_built_once_and_reused_by_retries_and_other_targets(
    region, org_a, partner, django_capture_on_commit_callbacks
):
    first = target_for(region, partner.url, name="Första")
    second = target_for(region, partner.url, name="Andra")
    with django_capture_on_commit_callbacks(execute=False):
        page = publish(InterventionPageFactory(parent=org_a, title="Version 1"))
    partner.script.append("500")
    target_drain(target_id=first.pk)
    assert Payload.objects.filter(format="api.2").count() == 1
    # The row changes without a new version (no change recorded): what is
    # sent is still the stored payload of version 1, built once.
    InterventionPage.objects.filter(pk=page.pk).update(title="Ändrad i smyg")
    _due_now()
    target_drain(target_id=first.pk)
    target_drain(target_id=second.pk)

    assert partner.wait_for(lambda stub: len(stub.requests) == 3)
    bodies = [json.loads(body) for _, body, _ in partner.requests]
    assert {body["data"]["object"]["title"] for body in bodies} == {"Version 1"}
    assert Payload.objects.count() == 1
    assert set(Delivery.objects.values_list("status", flat=True)) == {"delivered"}


def test_attempt_history_keeps_failures_and_the_success_after_them(queued, partner):
    target, _ = queued
    partner.script.extend(["500", "drop"])
    for _ in range(3):
        target_drain(target_id=target.pk, budget_seconds=0.1)
        _due_now()
    attempts = list(
        DeliveryAttempt.objects.order_by("number").values_list(
            "number", "status_code", "error"
        )
    )
    assert attempts == [
        (1, 500, "HTTP 500"),
        (2, None, "connection error"),
        (3, 200, ""),
    ]


def test_a_first_try_success_has_no_history(queued, partner):
    target, _ = queued
    target_drain(target_id=target.pk)
    assert _delivery().status == DeliveryStatus.DELIVERED
    assert not DeliveryAttempt.objects.exists()


def test_prune_drops_replaced_payloads_and_old_attempts(
    region, org_a, partner, django_capture_on_commit_callbacks
):
    target = target_for(region, partner.url)
    target_for(region, partner.url, adapter="hsds", name="HSDS")
    with django_capture_on_commit_callbacks(execute=True):
        page = publish(InterventionPageFactory(parent=org_a, title="Version 1"))
        other = publish(InterventionPageFactory(parent=org_a, title="Annan"))
    with django_capture_on_commit_callbacks(execute=True):
        page.title = "Version 2"
        publish(page)
    # Three versions, each built at publish in the two partners' formats.
    assert Payload.objects.count() == 3 * 2
    delivery = Delivery.objects.filter(target=target).first()
    old = DeliveryAttempt.objects.create(
        delivery=delivery,
        number=1,
        at=timezone.now() - datetime.timedelta(days=31),
        error="HTTP 500",
    )
    recent = DeliveryAttempt.objects.create(
        delivery=delivery, number=2, at=timezone.now(), error="HTTP 500"
    )

    # Version 1's payloads in both formats, and the old attempt.
    assert sync_prune(every_seconds=0) == 2 + 1

    kept = Payload.objects.values_list("change__object_id", "change__version")
    assert set(kept) == {(page.uuid, 2), (other.uuid, 1)}
    assert list(DeliveryAttempt.objects.all()) == [recent]
    assert not DeliveryAttempt.objects.filter(pk=old.pk).exists()


def test_rows_outliving_half_their_lease_are_handed_back_and_sent_once(
    region, org_a, partner, sync_settings, django_capture_on_commit_callbacks
):
    sync_settings.SAMVERKAN_SYNC = {**sync_settings.SAMVERKAN_SYNC, "LEASE_SECONDS": 0}
    target = target_for(region, partner.url, max_concurrency=1)
    with django_capture_on_commit_callbacks(execute=False):
        for _ in range(3):
            publish(InterventionPageFactory(parent=org_a))

    # Each claim sends one request, then hands the rest back, and claims
    # again: everything arrives, nothing twice.
    assert target_drain(target_id=target.pk).sent == 3
    assert len(partner.requests) == 3
    assert set(partner.applied.values()) == {1}


def test_the_connection_is_kept_from_one_drain_to_the_next(
    region, org_a, partner, django_capture_on_commit_callbacks
):
    target = target_for(region, partner.url)
    for title in ("Första", "Andra", "Tredje"):
        with django_capture_on_commit_callbacks(execute=False):
            publish(InterventionPageFactory(parent=org_a, title=title))
        target_drain(target_id=target.pk)
    assert len(partner.requests) == 3
    assert len(partner.connections) == 1


def test_a_dropped_connection_is_not_kept(queued, partner):
    target, page = queued
    partner.script.append("drop")
    target_drain(target_id=target.pk)
    _due_now()
    target_drain(target_id=target.pk)
    assert [code for _, _, code in partner.requests] == [None, 200]
    assert len(partner.connections) == 2
