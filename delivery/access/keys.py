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


def api_key_identify(secret: str) -> KeyIdentity:
    """The key's identity, or InvalidApiKey for a malformed, unknown or
    revoked key."""
    parts = secret.split("_", 2)
    if len(parts) != 3 or parts[0] != KEY_PREFIX or not parts[1].isalnum():
        raise InvalidApiKey
    prefix = parts[1]
    entry = cache.get(LOOKUP_CACHE + prefix)
    if entry is None:
        row = (
            PartnerApiKey.objects.filter(prefix=prefix, revoked_at=None)
            .values("id", "name", "key_hash", "requests_per_minute", "region__slug")
            .first()
        )
        entry = row or {}
        cache.set(LOOKUP_CACHE + prefix, entry, LOOKUP_SECONDS)
    if not entry or not hmac.compare_digest(entry["key_hash"], _hash(secret)):
        raise InvalidApiKey
    if cache.add(f"{LOOKUP_CACHE}used:{entry['id']}", 1, LAST_USED_EVERY):
        PartnerApiKey.objects.filter(pk=entry["id"]).update(last_used_at=timezone.now())
    return KeyIdentity(
        id=entry["id"],
        name=entry["name"],
        requests_per_minute=entry["requests_per_minute"],
        region_slug=entry.get("region__slug") or "",
    )
