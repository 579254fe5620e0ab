"""Partner API keys: created with a secret shown once, stored as a hash,
looked up through the cache so a keyed request costs no SQL."""

import hashlib
import hmac
import secrets
from dataclasses import dataclass

from django.core.cache import cache
from django.utils import timezone

from delivery.models import PartnerApiKey

KEY_PREFIX = "svk"
LOOKUP_CACHE = "samverkan:api:key:"
LOOKUP_SECONDS = 60
LAST_USED_EVERY = 3600  # seconds between writes of last_used_at


@dataclass(frozen=True)
class KeyIdentity:
    id: int
    name: str
    requests_per_minute: int | None
    region_slug: str = ""  # "" for an installation-wide key


class InvalidApiKey(Exception):
    pass


def _hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def api_key_create(
    *,
    name: str,
    region=None,
    contact_email: str = "",
    requests_per_minute: int | None = None,
) -> tuple[PartnerApiKey, str]:
    """Create a key of a region (None: installation-wide); returns the row
    and the key itself, which is not stored and cannot be shown again."""
    prefix = secrets.token_hex(4)
    secret = f"{KEY_PREFIX}_{prefix}_{secrets.token_urlsafe(32)}"
    key = PartnerApiKey.objects.create(
        name=name,
        region=region,
        contact_email=contact_email,
        requests_per_minute=requests_per_minute,
        prefix=prefix,
        key_hash=_hash(secret),
    )
    return key, secret


def api_key_revoke(*, key: PartnerApiKey) -> None:
    PartnerApiKey.objects.filter(pk=key.pk, revoked_at=None).update(
        revoked_at=timezone.now()
    )
    api_key_forget(prefix=key.prefix)


def api_key_forget(*, prefix: str) -> None:
    """Drop the cached lookup (after a revocation or a change of limits)."""
    cache.delete(LOOKUP_CACHE + prefix)


@dataclass(frozen=True)
class KeyCacheKeys:
    """The cache keys a request presenting this key reads, known from the
    key alone (so they can go into one round trip with the rate limit)."""

    lookup: str  # the key's row, by its prefix
    first_use: str  # set once an hour, when last_used_at is written
    bucket: str  # the key's rate-limit bucket


_UNREAD = object()


def api_key_cache_keys(secret: str) -> KeyCacheKeys:
    """InvalidApiKey for a malformed key. The first-use marker and the rate
    bucket are named by the key's digest, not its prefix: a stranger who
    knows a prefix cannot spend its owner's limit with made-up keys."""
    parts = secret.split("_", 2)
    if len(parts) != 3 or parts[0] != KEY_PREFIX or not parts[1].isalnum():
        raise InvalidApiKey
    digest = _hash(secret)[:32]
    return KeyCacheKeys(
        lookup=LOOKUP_CACHE + parts[1],
        first_use=f"{LOOKUP_CACHE}used:{digest}",
        bucket=f"key:{digest}",
    )


def api_key_identify(
    secret: str, *, cached=_UNREAD, first_use: bool | None = None
) -> KeyIdentity:
    """The key's identity, or InvalidApiKey for a malformed, unknown or
    revoked key. A caller that read the cache for it already passes what it
    found under the lookup key (`cached`, None for nothing) and whether it
    set the first-use marker (`first_use`)."""
    names = api_key_cache_keys(secret)
    entry = cache.get(names.lookup) if cached is _UNREAD else cached
    if entry is None:
        row = (
            PartnerApiKey.objects.filter(
                prefix=names.lookup.removeprefix(LOOKUP_CACHE), revoked_at=None
            )
            .values("id", "name", "key_hash", "requests_per_minute", "region__slug")
            .first()
        )
        entry = row or {}
        cache.set(names.lookup, entry, LOOKUP_SECONDS)
    if not entry or not hmac.compare_digest(entry["key_hash"], _hash(secret)):
        raise InvalidApiKey
    if first_use is None:
        first_use = cache.add(names.first_use, 1, LAST_USED_EVERY)
    if first_use:
        PartnerApiKey.objects.filter(pk=entry["id"]).update(last_used_at=timezone.now())
    return KeyIdentity(
        id=entry["id"],
        name=entry["name"],
        requests_per_minute=entry["requests_per_minute"],
        region_slug=entry.get("region__slug") or "",
    )
