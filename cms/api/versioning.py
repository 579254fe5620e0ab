"""The delivery API's content version: one counter in the cache, bumped
whenever published content changes. ETags and cached responses are keyed by
it, so a publish, unpublish or delete invalidates every cached response at
once, and a conditional GET costs one cache read and no SQL."""

import hashlib

from django.core.cache import cache
from django.utils import timezone
from django.utils.http import http_date

VERSION_KEY = "samverkan:api:content-version"


def content_version() -> dict:
    version = cache.get(VERSION_KEY)
    if version is None:
        version = {"number": 1, "changed_at": timezone.now().timestamp()}
        cache.add(VERSION_KEY, version, timeout=None)
        version = cache.get(VERSION_KEY, version)
    return version


def content_version_bump() -> dict:
    number = content_version()["number"] + 1
    version = {"number": number, "changed_at": timezone.now().timestamp()}
    cache.set(VERSION_KEY, version, timeout=None)
    return version


def etag_for(*, path: str, version: dict) -> str:
    digest = hashlib.sha256(f"{version['number']}:{path}".encode()).hexdigest()[:32]
    return f'"{digest}"'


def last_modified_for(version: dict) -> str:
    return http_date(version["changed_at"])
