"""Pruning what is kept only for a while: payloads of versions a newer
change has replaced (the payload of an object's newest version stays, so
a later resync or a new target finds it built), and the per-attempt
history of deliveries."""

from django.core.cache import cache
from django.db.models import Exists, OuterRef
from django.utils import timezone

from cms.models import ContentChange
from sync.conf import conf
from sync.models import DeliveryAttempt, Payload

PRUNE_KEY = "samverkan-sync:pruned"


def sync_prune(*, every_seconds: int = 3600) -> int:
    """At most once per `every_seconds` (across workers): delete payloads of
    versions older than their object's newest change, and attempts older
    than ATTEMPT_HISTORY_DAYS. Returns the number of rows deleted."""
    if not cache.add(PRUNE_KEY, 1, timeout=every_seconds):
        return 0
    newer = ContentChange.objects.filter(
        object_id=OuterRef("change__object_id"), id__gt=OuterRef("change_id")
    )
    payloads, _ = Payload.objects.filter(Exists(newer)).delete()
    cutoff = timezone.now() - timezone.timedelta(days=conf("ATTEMPT_HISTORY_DAYS"))
    attempts, _ = DeliveryAttempt.objects.filter(at__lt=cutoff).delete()
    return payloads + attempts
