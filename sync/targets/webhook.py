"""Generic webhook: one event per request, Standard Webhooks headers.

Body: {"type": "intervention.updated", "timestamp": ..., "data": {"id": the
object's stable id, "version": n, "action": created|updated|unpublished|
deleted, "locale": the language that changed (sv, ar, ...), "modified_at":
..., "object": the delivery API (/api/v1/) representation in that
language, or null for a tombstone}}. Every language of an object has its own
events under the object's one id."""

from django.utils import timezone

from sync.payloads import delivery_api_representation
from sync.targets.base import AdapterBase, json_object


class WebhookAdapter(AdapterBase):
    batched = False
    object_types = ("intervention", "news")
    payload_format = "api.2"  # 2: objects name their locale and translations
    languages = "each"

    def fragments(self, *, object_type, pages, changes):
        return delivery_api_representation(object_type=object_type, pages=pages)

    def body(self, items):
        (item,) = items
        change = item.change
        data = json_object(
            {
                "id": str(change.object_id),
                "version": change.version,
                "action": change.action,
                "locale": change.locale,
                "modified_at": change.modified_at.isoformat(),
            },
            raw={"object": item.fragment or "null"},
        )
        return json_object(
            {
                "type": f"{change.object_type}.{change.action}",
                "timestamp": timezone.now().isoformat(),
            },
            raw={"data": data},
        )
