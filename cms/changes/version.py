"""The delivery API's content version: one counter in the cache, bumped
whenever published content changes. ETags and cached responses are keyed by
it, so a publish, unpublish or delete invalidates every cached response at
once, and a conditional GET costs one cache read and no SQL."""

import hashlib
import time

from django.core.cache import cache
from django.utils import timezone

VERSION_KEY = "samverkan:api:content-version"


def _new_version() -> dict:
    # A time-based number: if the cache loses the key, the next version can
    # never equal an old one whose responses may still be cached.
    return {"number": time.time_ns(), "changed_at": timezone.now().timestamp()}


def content_version() -> dict:
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, _new_version(), timeout=None)
        version = cache.get(VERSION_KEY) or _new_version()
    return version


def content_version_bump() -> dict:
    version = _new_version()
    cache.set(VERSION_KEY, version, timeout=None)
    return version


def content_version_catch_up() -> bool:
    """Bump the version if a change was recorded after it: a bump lost
    while the cache (Redis) was unreachable, whose old version came back
    with a Redis that keeps its data. Run every minute by beat, so cached
    answers are at most about a minute stale after such an outage. True if
    it bumped."""
    from cms.models.changes import ContentChange

    newest = ContentChange.objects.order_by("-id").values("modified_at").first()
    if newest is None:
        return False
    if newest["modified_at"].timestamp() <= content_version()["changed_at"]:
        return False
    content_version_bump()
    return True


def etag_for(*, path: str, version: dict) -> str:
    digest = hashlib.sha256(f"{version['number']}:{path}".encode()).hexdigest()[:32]
    return f'"{digest}"'
