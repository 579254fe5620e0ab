"""Settings of the partner endpoints, read lazily from `SAMVERKAN_API`."""

from django.conf import settings

DEFAULTS = {
    # Path prefixes that are partner endpoints: keys, limits, CORS, usage.
    "PARTNER_PATHS": ("/api/v1/", "/api/hsds/", "/feeds/"),
    # Requests per minute: per client IP without a key, per key with one.
    "ANONYMOUS_REQUESTS_PER_MINUTE": 120,
    "KEY_REQUESTS_PER_MINUTE": 1200,
}


def api_setting(name: str):
    return getattr(settings, "SAMVERKAN_API", {}).get(name, DEFAULTS[name])
