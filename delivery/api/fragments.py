"""Built representations of objects, stored per version: what the delivery
API's lists and details are assembled from, so that no serializer runs for
an object whose current version was built before.

A fragment is one object's JSON as the API serves it (one page: a
Swedish source or a published translation), stored in the cache under the
page, the language asked for and the address the request came to (links
in it are absolute), and stamped with the versions it was built from: the
shared version, its object's version (cms.changes.version) and the day
(`review_status` is a function of the day). A publish moves the object's
version, so its fragments are built again when next read; every other
object's fragments stay valid. The fragments and the versions they need
are read in one cache round trip (one MGET on Redis)."""

from django.core.cache import cache
from django.utils import timezone

from cms.changes.version import SHARED_KEY, object_version_key, versions_read
from cms.models import InterventionPage, MeetingPage, NewsPage, OrganisationPage
from delivery.conf import api_setting

FRAGMENT_KEY = "samverkan:api:fragment:{kind}:{pk}:{language}:{origin}"

# The kind each page model's fragments are stored under: read by the API's
# viewsets and by public pages (delivery.api.page_data) alike.
FRAGMENT_KINDS = {
    InterventionPage: "intervention",
    NewsPage: "news",
    MeetingPage: "event",
    OrganisationPage: "organisation",
}


def fragments_assemble(*, pages, kind: str, stable_ids, language: str, origin, build):
    """The representations of `pages` (in their order): stored ones whose
    stamp is current, the others built by `build(missing_pages)` (a list of
    representations in the same order) and stored."""
    pages = list(pages)
    if not pages:
        return []
    if not api_setting("FRAGMENTS"):
        return list(build(pages))
    object_keys = [object_version_key(object_id) for object_id in stable_ids]
    keys = [
        FRAGMENT_KEY.format(kind=kind, pk=page.pk, language=language, origin=origin)
        for page in pages
    ]
    found = cache.get_many([SHARED_KEY, *set(object_keys), *keys])
    absent = [key for key in {SHARED_KEY, *object_keys} if key not in found]
    if absent:
        found.update(versions_read(absent))
    shared, today = found[SHARED_KEY]["number"], timezone.localdate().isoformat()
    stamps = [(shared, found[key]["number"], today) for key in object_keys]
    result, missing = {}, []
    for page, key, stamp in zip(pages, keys, stamps, strict=True):
        stored = found.get(key)
        if stored is not None and stored["stamp"] == stamp:
            result[key] = stored["data"]
        else:
            missing.append((page, key, stamp))
    if missing:
        built = build([page for page, _key, _stamp in missing])
        fresh = {
            key: {"stamp": stamp, "data": data}
            for (_page, key, stamp), data in zip(missing, built, strict=True)
        }
        cache.set_many(fresh, timeout=api_setting("FRAGMENT_SECONDS"))
        result.update({key: entry["data"] for key, entry in fresh.items()})
    return [result[key] for key in keys]
