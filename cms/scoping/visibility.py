"""Which pages the public may see: live pages outside every section behind
a view restriction (private, password or group pages, and their subtrees).

Wagtail's `PageQuerySet.public()` reads every view restriction with its
page each time a queryset is built. The delivery API builds two per
request (the objects and the organisations they serve), and in the
national load test of 5 December that lookup was a fifth of gunicorn's
samples (py-spy). The restricted sections change only when a restriction
is saved or deleted, or a page is moved or deleted, and each of those
moves the shared content version (cms.signal_handlers). So their paths
are kept in the cache stamped with that version and read together with
it, in one round trip; a stamp that is not current (or an unreachable
cache) reads the database as Wagtail does; so does a read inside a
transaction, which stores nothing.

A GET or HEAD request builds several such querysets (an API detail four):
it reads the sections from the cache once and keeps them until it ends
(`request_memo_open` and `request_memo_close`, on Django's request_started
and request_finished). A request that may write (POST and the rest) and
work outside a request (Celery tasks, commands) read the cache each time."""

from contextvars import ContextVar

from django.core.cache import cache
from django.db import connection
from django.db.models import Q

from wagtail.models import PageManager, PageViewRestriction
from wagtail.query import PageQuerySet

from cms.changes.version import SHARED_KEY, versions_read

RESTRICTED_KEY = "samverkan:restricted-sections"
RESTRICTED_SECONDS = 24 * 3600
# What this GET or HEAD request read ({} until it has read), else None.
_read_in_request: ContextVar[dict | None] = ContextVar(
    "restricted_paths_in_request", default=None
)


def request_memo_open(*, environ=None, **kwargs) -> None:
    """A request started: a GET or HEAD keeps what it reads until it ends."""
    method = (environ or {}).get("REQUEST_METHOD")
    _read_in_request.set({} if method in ("GET", "HEAD") else None)


def request_memo_close(**kwargs) -> None:
    _read_in_request.set(None)


def restricted_paths() -> list[str]:
    """The tree paths of the pages that carry a view restriction."""
    if connection.in_atomic_block:
        # Inside a transaction the rows may still roll back (a restriction
        # saved and then abandoned), and the change that moves the version
        # may not have happened yet: read them, store nothing.
        return _restricted_paths_read()
    memo = _read_in_request.get()
    if memo is not None and "paths" in memo:
        return memo["paths"]
    paths = _restricted_paths_cached()
    if memo is not None:
        memo["paths"] = paths
    return paths


def _restricted_paths_cached() -> list[str]:
    found = cache.get_many([SHARED_KEY, RESTRICTED_KEY])
    shared = found.get(SHARED_KEY) or versions_read([SHARED_KEY])[SHARED_KEY]
    stored = found.get(RESTRICTED_KEY)
    if stored is not None and stored["stamp"] == shared["number"]:
        return stored["paths"]
    paths = _restricted_paths_read()
    cache.set(
        RESTRICTED_KEY,
        {"stamp": shared["number"], "paths": paths},
        timeout=RESTRICTED_SECONDS,
    )
    return paths


def _restricted_paths_read() -> list[str]:
    return sorted(set(PageViewRestriction.objects.values_list("page__path", flat=True)))


class VisibilityPageQuerySet(PageQuerySet):
    def private_q(self):
        """As Wagtail's: the restricted sections, each page inclusive (a
        tree path starts with its ancestors' paths)."""
        q = Q()
        for path in restricted_paths():
            q |= Q(path__startswith=path)
        return q if q else Q(pk__in=[])


class VisibilityPageManager(PageManager.from_queryset(VisibilityPageQuerySet)):
    """The manager of our page types: `.public()` and `.private()` read the
    restricted sections from the cache."""
