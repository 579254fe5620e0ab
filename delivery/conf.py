"""The SAMVERKAN_API settings of the delivery app (the delivery API, HSDS
and the feeds), read when used (never at import time); the keys a host
sets override DEFAULTS. (The HSDS view's own settings: delivery/hsds/conf.py.)

- RESPONSE_CACHE: keep rendered API responses in the cache, keyed by the
  versions of what they show (cms.changes.version), so a repeated request
  costs no query.
- RESPONSE_CACHE_SECONDS: how long a cached response is kept at most.
- FRAGMENTS: assemble lists and details from each object's stored
  representation (delivery.api.fragments), built once per version of the
  object; FRAGMENT_SECONDS: how long one is kept at most.
- MAX_AGE: Cache-Control max-age of API responses (seconds).
- PARTNER_PATHS: path prefixes that are partner endpoints: API keys, rate
  limits, CORS and usage counts (delivery.access).
- ANONYMOUS_REQUESTS_PER_MINUTE: requests per minute per client address
  without an API key; KEY_REQUESTS_PER_MINUTE: per API key with one (a key
  may have its own limit).
"""

from django.conf import settings

DEFAULTS = {
    "RESPONSE_CACHE": True,
    "RESPONSE_CACHE_SECONDS": 600,
    "FRAGMENTS": True,
    "FRAGMENT_SECONDS": 24 * 3600,
    "MAX_AGE": 60,
    "PARTNER_PATHS": ("/api/v1/", "/api/hsds/", "/feeds/"),
    "ANONYMOUS_REQUESTS_PER_MINUTE": 120,
    "KEY_REQUESTS_PER_MINUTE": 1200,
}


def api_setting(name: str):
    return getattr(settings, "SAMVERKAN_API", {}).get(name, DEFAULTS[name])
