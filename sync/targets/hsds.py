"""HSDS push: many services per request, each the fully nested HSDS 3
service of /api/hsds/services/<id>/ (the same serializer).

Body: {"hsds_version": "3.0", "services": [service, ...], "versions": {id:
version}, "deleted": [{"id": ..., "version": ...}]}. A receiver upserts every
service and removes every deleted id whose version is newer than what it
holds."""

from cms.api.hsds import HSDS_VERSION, ServiceDetailSerializer, organisations_context
from sync.targets.base import AdapterBase


class HsdsAdapter(AdapterBase):
    batched = True
    object_types = ("intervention",)

    def prepare(self, items):
        pages = [item.page for item in items if not item.is_tombstone]
        self.context = organisations_context(pages)

    def body(self, items):
        services, versions, deleted = [], {}, []
        for item in items:
            object_id = str(item.change.object_id)
            if item.is_tombstone:
                deleted.append({"id": object_id, "version": item.change.version})
                continue
            services.append(
                ServiceDetailSerializer(item.page, context=self.context).data
            )
            versions[object_id] = item.change.version
        return {
            "hsds_version": HSDS_VERSION,
            "services": services,
            "versions": versions,
            "deleted": deleted,
        }
