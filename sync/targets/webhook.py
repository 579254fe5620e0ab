"""Generic webhook: one event per request, Standard Webhooks headers.

Body: {"type": "intervention.updated", "timestamp": ..., "data": {"id": the
object's stable id, "version": n, "action": created|updated|unpublished|
deleted, "modified_at": ..., "object": the delivery API (/api/v1/)
representation, or null for a tombstone}}."""

from django.utils import timezone

from sync.payloads import delivery_api_representation
from sync.targets.base import AdapterBase


class WebhookAdapter(AdapterBase):
    batched = False
    object_types = ("intervention", "news")

    def prepare(self, items):
        self.represented = {}
        for object_type in {item.change.object_type for item in items}:
            pages = [
                item.page
                for item in items
                if not item.is_tombstone and item.change.object_type == object_type
            ]
            if pages:
                self.represented.update(
                    delivery_api_representation(object_type=object_type, pages=pages)
                )

    def body(self, items):
        (item,) = items
        change = item.change
        return {
            "type": f"{change.object_type}.{change.action}",
            "timestamp": timezone.now().isoformat(),
            "data": {
                "id": str(change.object_id),
                "version": change.version,
                "action": change.action,
                "modified_at": change.modified_at.isoformat(),
                "object": None if item.is_tombstone else self.represented[item.page.pk],
            },
        }
