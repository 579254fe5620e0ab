"""One render per answer: when a publish moves a version, the next
requests for the same list all miss the response cache at once (a list or
an HSDS page asked for by many partners). The first takes a short claim
on the answer's key and renders it; the others wait for it to be stored,
polling the cache, instead of rendering the same answer side by side.

A claim lasts at most CLAIM_SECONDS (a worker that dies while rendering
holds it no longer), and a waiter waits at most WAIT_SECONDS, then
renders the answer itself. With the cache unreachable a claim cannot be
taken (TolerantRedisCache answers False) and nothing is polled: every
request renders, as before."""

import time

from django.core.cache import cache

CLAIM_SECONDS = 10
WAIT_SECONDS = 2.0
POLL_SECONDS = 0.01


def render_claim(key: str) -> bool:
    """True when this request is the one to render the answer under `key`."""
    return bool(cache.add(_claim_key(key), 1, timeout=CLAIM_SECONDS))


def render_release(key: str) -> None:
    cache.delete(_claim_key(key))


def rendered_meanwhile(key: str, *, etag: str | None = None):
    """The answer another request is rendering under `key`, once stored
    (with `etag`, once the answer stored there carries that ETag: the
    address may hold another version's); None if it is not there within
    WAIT_SECONDS, or the claim is gone (that render failed or answered
    something not to keep)."""
    deadline = time.monotonic() + WAIT_SECONDS
    while time.monotonic() < deadline:
        time.sleep(POLL_SECONDS)
        found = cache.get_many([key, _claim_key(key)])
        stored = found.get(key)
        if stored is not None and (etag is None or stored.get("etag") == etag):
            return stored
        if _claim_key(key) not in found:
            return None
    return None


def _claim_key(key: str) -> str:
    return f"{key}:rendering"
