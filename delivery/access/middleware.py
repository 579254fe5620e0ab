"""One middleware for the partner endpoints (/api/v1/, /api/hsds/, /feeds/):
identifies the caller by API key, enforces the rate limit, answers CORS
(any origin, never credentials) and counts usage. It runs before the views,
so cached responses and 304s are limited and counted too, and gives those
itself: the rest of the middleware chain runs only when a view renders."""

from django.http import HttpResponse, JsonResponse
from django.urls import Resolver404, resolve
from django.utils.translation import gettext as _

from cms.http.client import client_bucket
from cms.http.ratelimit import rate_limit_decide, rate_limit_window
from cms.infra.counter_buffer import counters_count
from cms.infra.redis_cache import cache_round_trip
from cms.models import ReadSource
from cms.statistics.counting import intervention_read_counts
from delivery.access import keys, usage
from delivery.api.regions import region_slug_asked
from delivery.conf import api_setting

CORS_HEADERS = {
    "Access-Control-Allow-Origin": "*",
    "Access-Control-Expose-Headers": (
        "ETag, Last-Modified, Retry-After, RateLimit-Limit, "
        "RateLimit-Remaining, RateLimit-Reset, Link"
    ),
}
INTERVENTION_DETAIL = "api-v1:intervention-detail"
PREFLIGHT_HEADERS = {
    "Access-Control-Allow-Methods": "GET, HEAD, OPTIONS",
    "Access-Control-Allow-Headers": (
        "Authorization, X-Api-Key, If-None-Match, If-Modified-Since, Accept"
    ),
    "Access-Control-Max-Age": "86400",
}


class PartnerAccessMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path.startswith(tuple(api_setting("PARTNER_PATHS"))):
            return self.get_response(request)
        if request.method == "OPTIONS":
            return _with(HttpResponse(status=204), CORS_HEADERS, PREFLIGHT_HEADERS)
        match = _resolve(request)
        endpoint = (match.view_name if match else "") or "unknown"
        secret = _presented_key(request)
        key_region = ""
        try:
            names = keys.api_key_cache_keys(secret) if secret is not None else None
            decision, identity = _counted(request, secret, names)
        except keys.InvalidApiKey:
            response = JsonResponse(
                {"detail": _("Unknown or revoked API key.")}, status=401
            )
            response["WWW-Authenticate"] = 'Api-Key realm="samverkan"'
            return _with(response, CORS_HEADERS)
        if identity is not None:
            client = f"key:{identity.name}"
            key_region = identity.region_slug
        else:
            client = "anonymous"
        region, refusal = _region_read(request, match, key_region=key_region)
        rate_headers = {
            "RateLimit-Limit": str(decision.limit),
            "RateLimit-Remaining": str(decision.remaining),
            "RateLimit-Reset": str(decision.reset_in),
        }
        if not decision.allowed:
            usage.usage_count(
                client=client, endpoint=endpoint, region=key_region, kind="throttled"
            )
            response = JsonResponse(
                {
                    "detail": _(
                        "Too many requests. Try again in %(seconds)d seconds, "
                        "or ask for an API key with a higher limit."
                    )
                    % {"seconds": decision.reset_in}
                },
                status=429,
            )
            response["Retry-After"] = str(decision.reset_in)
            return _with(response, CORS_HEADERS, rate_headers)
        if refusal is not None:
            return _with(refusal, CORS_HEADERS, rate_headers)
        request.partner_client = client
        request.partner_region_slug = region
        response = _answered_from_cache(request, match) or self.get_response(request)
        # A region named by the caller counts only once it proved real (an
        # unknown slug answers 404), so callers cannot grow the counters.
        counted = {
            "client": client,
            "endpoint": endpoint,
            "region": region if response.status_code < 400 else key_region,
        }
        kinds = ["requests"] + (["not_modified"] if response.status_code == 304 else [])
        counts = [usage.usage_counts(**counted, kinds=kinds)]
        if (
            endpoint == INTERVENTION_DETAIL
            and request.method == "GET"
            and response.status_code == 200
        ):
            # A read of the intervention (usage statistics): counted here,
            # so reads answered from the response cache count too.
            key = match.kwargs["lookup"]
            counts.append(intervention_read_counts(source=ReadSource.API, key=key))
        counters_count(counts)  # sent with others (cms.infra.counter_buffer)
        return _with(response, CORS_HEADERS, rate_headers)


def _answered_from_cache(request, match):
    """The view's 304 or stored answer (delivery.api.conditional), given
    without the rest of the middleware chain: sessions, CSRF, users and
    two-factor have nothing to do for a partner's read. None when the view
    has to run."""
    answered = getattr(match.func, "answered_from_cache", None) if match else None
    return answered(request, match.kwargs) if answered is not None else None


def _counted(request, secret, names):
    """The rate-limit decision and the key's identity (None without a key),
    from one cache round trip: the key's cached row and its hourly
    first-use marker, the window's counter made (add) and counted (incr).
    InvalidApiKey for a malformed, unknown or revoked key."""
    bucket = names.bucket if names else f"ip:{client_bucket(request)}"
    window_key, now = rate_limit_window(
        limit_name="api", bucket=bucket, window_seconds=60
    )
    steps = [("add", window_key, 0, 120), ("incr", window_key)]
    if names:
        steps = [
            ("get", names.lookup),
            ("add", names.first_use, 1, keys.LAST_USED_EVERY),
            *steps,
        ]
    answers = cache_round_trip(steps)
    identity = None
    limit = api_setting("ANONYMOUS_REQUESTS_PER_MINUTE")
    if names:
        identity = keys.api_key_identify(
            secret, cached=answers[0], first_use=answers[1]
        )
        limit = identity.requests_per_minute or api_setting("KEY_REQUESTS_PER_MINUTE")
    decision = rate_limit_decide(
        count=answers[-1], limit=limit, window_seconds=60, now=now
    )
    return decision, identity


def _region_read(request, match, *, key_region: str):
    """The slug of the region the request reads ("" for all), or a refusal:
    a per-region root and `?region=` naming two regions, or a key of one
    region asking for another."""
    root, query = region_slug_asked(request, match.kwargs if match else {})
    if root and query and root != query:
        return "", JsonResponse(
            {"region": [_("The address and ?region= name different regions.")]},
            status=400,
        )
    asked = root or query
    if key_region and asked and asked != key_region:
        return "", JsonResponse(
            {
                "detail": _("This API key reads only the region “%(region)s”.")
                % {"region": key_region}
            },
            status=403,
        )
    return asked or key_region, None


def _presented_key(request) -> str | None:
    header = request.headers.get("Authorization", "")
    scheme, _sep, value = header.partition(" ")
    if scheme.lower() == "api-key" and value.strip():
        return value.strip()
    value = request.headers.get("X-Api-Key", "").strip()
    return value or None


def _resolve(request):
    try:
        return resolve(request.path_info)
    except Resolver404:
        return None


def _with(response, *header_sets):
    for headers in header_sets:
        for name, value in headers.items():
            response[name] = value
    return response
