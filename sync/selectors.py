"""Reads of the sync app: targets an admin may manage, deliveries, health."""

import datetime
from dataclasses import dataclass

from django.db.models import Count, Min, Q
from django.utils import timezone

from cms.scoping.selectors import regions_administered_by
from sync.models import Delivery, DeliveryStatus, Target


def targets_manageable_by(*, user):
    """Targets of the regions the user administers centrally."""
    if user.is_superuser:
        return Target.objects.all()
    return Target.objects.filter(region__in=regions_administered_by(user=user))


def deliveries_of_target(*, target: Target, status: str | None = None):
    deliveries = target.deliveries.select_related("change").order_by("-id")
    if status:
        deliveries = deliveries.filter(status=status)
    return deliveries


def attempts_of_delivery(*, delivery: Delivery, limit: int = 50):
    """The delivery's recorded attempts, newest first (failed attempts, and
    a success after failures; a first-try success has no history)."""
    return delivery.attempt_history.order_by("-at", "-id")[:limit]


@dataclass(frozen=True)
class SyncHealth:
    backlog: int
    oldest_pending_at: datetime.datetime | None
    failing_targets: list
    disabled_targets: list

    @property
    def oldest_pending_age(self) -> datetime.timedelta | None:
        if self.oldest_pending_at is None:
            return None
        return timezone.now() - self.oldest_pending_at

    @property
    def is_healthy(self) -> bool:
        return not self.failing_targets and not self.disabled_targets


def sync_health(*, targets) -> SyncHealth:
    pending = Delivery.objects.filter(
        target__in=targets, target__enabled=True, status=DeliveryStatus.PENDING
    ).aggregate(backlog=Count("id"), oldest=Min("created_at"))
    flagged = targets.filter(Q(failing_since__isnull=False) | Q(enabled=False))
    return SyncHealth(
        backlog=pending["backlog"],
        oldest_pending_at=pending["oldest"],
        failing_targets=[t for t in flagged if t.enabled],
        disabled_targets=[t for t in flagged if not t.enabled],
    )
