"""Pruning what is kept only for a while: payloads of versions a newer
change has replaced (the payload of an object's newest version stays, so
a later resync or a new target finds it built), payloads of a format
revision no adapter uses any more, and the per-attempt history of
deliveries."""

from django.core.cache import cache
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from cms.models import ContentChange
from sync.conf import conf
from sync.models import DeliveryAttempt, Payload
from sync.targets import adapter_classes

PRUNE_KEY = "samverkan-sync:pruned"


def sync_prune(*, every_seconds: int = 3600) -> int:
    """At most once per `every_seconds` (across workers): delete payloads of
    versions older than their object's newest change, and attempts older
    than ATTEMPT_HISTORY_DAYS, and payloads of retired format revisions.
    Returns the number of rows deleted."""
    if not cache.add(PRUNE_KEY, 1, timeout=every_seconds):
        return 0
    newer = ContentChange.objects.filter(
        object_id=OuterRef("change__object_id"), id__gt=OuterRef("change_id")
    )
    formats = {cls.payload_format for cls in adapter_classes().values()}
    payloads, _ = Payload.objects.filter(
        Q(Exists(newer)) | ~Q(format__in=formats)
    ).delete()
    cutoff = timezone.now() - timezone.timedelta(days=conf("ATTEMPT_HISTORY_DAYS"))
    attempts, _ = DeliveryAttempt.objects.filter(at__lt=cutoff).delete()
    return payloads + attempts
