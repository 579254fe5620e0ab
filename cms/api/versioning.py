"""The delivery API's content versions: counters in the cache, bumped when
published content changes. ETags and cached responses are keyed by them, so
a conditional GET costs one cache read and no SQL.

- The content version moves on every change. Lists, feeds and everything
  else that may show any object are keyed by it.
- A detail response (one intervention, news item, meeting, organisation,
  HSDS service... by its stable id) is keyed by the shared version and its
  object's version. A publish or unpublish of an intervention, news item or
  meeting moves only the versions of the objects whose detail shows it
  (`detail_objects_shown_by`); any other change (organisations, people,
  categories, groups, moves, deletions, view restrictions, reviews, a
  changed URL) moves the shared version, so every detail changes with it.
  An edit of one intervention thus leaves the ETags and cached responses of
  the other details valid."""

import hashlib
import time
import uuid

from django.core.cache import cache
from django.utils import timezone
from django.utils.http import http_date

VERSION_KEY = "samverkan:api:content-version"
SHARED_KEY = "samverkan:api:shared-version"
OBJECT_KEY = "samverkan:api:object-version:{object_id}"
# An object's version may be forgotten (it then starts anew, which is safe);
# this keeps the versions of deleted objects from piling up.
OBJECT_VERSION_SECONDS = 30 * 24 * 3600


def _new_version() -> dict:
    # A time-based number: if the cache loses the key, the next version can
    # never equal an old one whose responses may still be cached.
    return {"number": time.time_ns(), "changed_at": timezone.now().timestamp()}


def _version(key: str, timeout: int | None = None) -> dict:
    version = cache.get(key)
    if version is None:
        cache.add(key, _new_version(), timeout=timeout)
        version = cache.get(key) or _new_version()
    return version


def content_version() -> dict:
    return _version(VERSION_KEY)


def content_version_bump(*, objects=None) -> dict:
    """Published content changed: any of it, or with `objects` (stable ids)
    only what the details of those objects show (and so every list)."""
    version = _new_version()
    cache.set(VERSION_KEY, version, timeout=None)
    if objects is None:
        cache.set(SHARED_KEY, version, timeout=None)
    else:
        cache.set_many(
            {_object_key(object_id): version for object_id in objects},
            timeout=OBJECT_VERSION_SECONDS,
        )
    return version


def detail_version(object_id: uuid.UUID) -> dict:
    """The version of the detail response of one object."""
    key = _object_key(object_id)
    found = cache.get_many([SHARED_KEY, key])
    shared = found.get(SHARED_KEY) or _version(SHARED_KEY)
    own = found.get(key) or _version(key, timeout=OBJECT_VERSION_SECONDS)
    return {
        "number": f"{shared['number']}.{own['number']}",
        "changed_at": max(shared["changed_at"], own["changed_at"]),
    }


def detail_objects_shown_by(page) -> list[str] | None:
    """The stable ids of the objects whose detail responses show `page`
    (a specific page being published or unpublished), or None when its
    change may show anywhere (organisations, other pages)."""
    from cms.models import InterventionPage, MeetingPage, NewsPage

    if isinstance(page, InterventionPage):
        # News items list their related interventions (id and title).
        news = NewsPage.objects.filter(related_interventions=page).values_list(
            "translation_key", flat=True
        )
        return [str(page.uuid), *(str(key) for key in news)]
    if isinstance(page, NewsPage | MeetingPage):
        return [str(page.translation_key)]
    return None


def _object_key(object_id) -> str:
    return OBJECT_KEY.format(object_id=str(object_id).lower())


def etag_for(*, path: str, version: dict) -> str:
    digest = hashlib.sha256(f"{version['number']}:{path}".encode()).hexdigest()[:32]
    return f'"{digest}"'


def last_modified_for(version: dict) -> str:
    return http_date(version["changed_at"])
