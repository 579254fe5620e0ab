"""HSDS push: many services per request, each the fully nested HSDS 3
service of /api/hsds/services/<id>/ (the same serializer).

Body: {"hsds_version": "3.0", "services": [service, ...], "versions": {id:
version}, "deleted": [{"id": ..., "version": ...}]}. A receiver upserts every
service and removes every deleted id whose version is newer than what it
holds."""

from delivery.hsds import HSDS_VERSION, ServiceDetailSerializer, organisations_context
from sync.targets.base import AdapterBase, json_object, json_text


class HsdsAdapter(AdapterBase):
    batched = True
    object_types = ("intervention",)
    payload_format = "hsds.1"

    def fragments(self, *, object_type, pages, changes):
        serializer = ServiceDetailSerializer(context=organisations_context(pages))
        return {page.pk: serializer.to_representation(page) for page in pages}

    def body(self, items):
        services, versions, deleted = [], {}, []
        for item in items:
            object_id = str(item.change.object_id)
            if item.is_tombstone:
                deleted.append({"id": object_id, "version": item.change.version})
                continue
            services.append(item.fragment)
            versions[object_id] = item.change.version
        return json_object(
            {"hsds_version": HSDS_VERSION},
            raw={
                "services": "[" + ",".join(services) + "]",
                "versions": json_text(versions),
                "deleted": json_text(deleted),
            },
        )
