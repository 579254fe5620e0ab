"""Versions of published content, kept in the cache: ETags, cached
responses and stored representations are keyed by them, so a conditional
GET costs one cache read and no SQL.

- The content version moves on every change of published content. The
  public site, feeds, HSDS and everything else that may show any object
  are keyed by it.
- Object versions: one per object (its stable id), moved when that object
  is published or unpublished (in any language) and when an object it
  shows is (a news item relating an intervention shows its title).
- List versions: one per kind (intervention, news, event, organisation),
  moved when an object of that kind is published or unpublished.
- The shared version moves on every other change: organisations,
  categories, people, languages, groups, regions, moves, deletions, view
  restrictions, reviews. It may show anywhere, so every object-keyed
  answer follows it.

The delivery API keys a detail by (shared, its object's version) and a
list by (shared, its kind's list version): publishing one intervention
leaves the other details' ETags, cached responses and stored fragments
valid. (Tried once on 24 November for details only and reverted with that
session's load-test changes, the revert giving no reason; one flaw it had:
a translation's publish moved the translation page's own uuid, not its
Swedish source's, so the object's detail kept its old `translations`.)"""

import hashlib
import time

from django.core.cache import cache
from django.utils import timezone

VERSION_KEY = "samverkan:api:content-version"
SHARED_KEY = "samverkan:api:shared-version"
OBJECT_KEY = "samverkan:api:object-version:"
LIST_KEY = "samverkan:api:list-version:"
# An object's version may be forgotten (a new one is made when next read,
# which is safe); this keeps the versions of deleted objects from piling up.
OBJECT_VERSION_SECONDS = 30 * 24 * 3600


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


def content_version_bump(*, objects=None, kinds=()) -> dict:
    """Published content changed. With `objects` (stable ids) and `kinds`,
    only those objects and the lists of those kinds moved (besides the
    content version); without, anything may have: the shared version moves
    too."""
    version = _new_version()
    if objects is None:
        cache.set_many({VERSION_KEY: version, SHARED_KEY: version}, timeout=None)
        return version
    cache.set_many(
        {VERSION_KEY: version, **{LIST_KEY + kind: version for kind in kinds}},
        timeout=None,
    )
    cache.set_many(
        {object_version_key(object_id): version for object_id in objects},
        timeout=OBJECT_VERSION_SECONDS,
    )
    return version


def object_version_key(object_id) -> str:
    return OBJECT_KEY + str(object_id).lower()


def list_version_key(kind: str) -> str:
    return LIST_KEY + kind


def versions_read(keys: list[str], *, found: dict | None = None) -> dict[str, dict]:
    """The versions under these keys (VERSION_KEY, SHARED_KEY,
    object_version_key(), list_version_key()), in one cache round trip, or
    completed from `found` (what the caller read of them in its own round
    trip). A missing one is made anew, a number never used before, so
    nothing keyed by a forgotten version can be taken for current."""
    found = cache.get_many(keys) if found is None else dict(found)
    for key in keys:
        if key not in found:
            # Keys named by what a request asked for (an object's id, a
            # municipality's list) are forgotten after a while, so that
            # requests for ids or values that do not exist cannot pile them up.
            timeout = (
                None if key in (VERSION_KEY, SHARED_KEY) else OBJECT_VERSION_SECONDS
            )
            cache.add(key, _new_version(), timeout=timeout)
            found[key] = cache.get(key) or _new_version()
    return found


def versions_combined(versions) -> dict:
    """One version standing for several: its number changes when any of
    theirs does."""
    versions = list(versions)
    return {
        "number": ".".join(str(version["number"]) for version in versions),
        "changed_at": max(version["changed_at"] for version in versions),
    }


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
