"""Thin Celery tasks of the sync app: ids in, a service call, no logic.

Deliveries are idempotent on the receiving side (stable webhook-id), so the
tasks ack late and are redelivered when a worker dies. Retries of failed
requests are scheduled in the database (`next_attempt_at`), never with
countdowns in the broker; the sweeper enqueues what has fallen due."""

from celery import shared_task

from sync import services
from sync.services.outbox import drain_enqueue
from sync.services.sending import targets_with_due_deliveries


@shared_task(acks_late=True, soft_time_limit=300, time_limit=330)
def sync_target_drain(target_id: int) -> int:
    result = services.target_drain(target_id=target_id)
    if result.more:
        drain_enqueue(target_id)
    return result.sent


@shared_task(acks_late=True, time_limit=120, expires=120)
def sync_sweep() -> int:
    """Enqueue a drain for every target with due deliveries (lost tasks,
    retries that have fallen due); prune old payloads and attempts."""
    services.sync_prune()
    target_ids = targets_with_due_deliveries()
    for target_id in target_ids:
        drain_enqueue(target_id)
    return len(target_ids)


@shared_task(acks_late=True, soft_time_limit=60, time_limit=90)
def sync_payloads_build(change_ids: list[int]) -> None:
    """Build a published change's payloads in the formats of the enabled
    targets (lost: the first delivery that needs one builds it)."""
    services.payloads_build(change_ids=change_ids)


@shared_task(acks_late=True, time_limit=3600)
def sync_target_resync(target_id: int) -> int:
    from sync.models import Target

    target = Target.objects.filter(pk=target_id).first()
    return 0 if target is None else services.target_resync(target=target)
