"""Conditional GET and response caching for the delivery API.

Every list and detail response carries a strong ETag and Last-Modified
derived from the content version and the language served (`?locale=` or
Accept-Language; `Vary: Accept, Accept-Language`). Conditional requests are matched by
Django's `get_conditional_response` as HTTP defines it (RFC 9110): weak
validators (`W/"…"`, which nginx makes of our ETag when it compresses) and
`*` match, `If-Modified-Since` is honoured when there is no
`If-None-Match` (to the second: a change within the second a client last
read may wait for the next change or the ETag). A match answers 304 before
any serialisation or SQL; otherwise a rendered response is served from the cache
when present, or rendered once and stored (while one request renders it,
the others asking for the same answer wait for it: delivery.api.render_once)."""

import time
import uuid
from functools import wraps

from django.core.cache import cache
from django.http import HttpResponse
from django.utils.cache import (
    get_conditional_response,
    patch_cache_control,
    patch_vary_headers,
)
from django.utils.http import http_date

from cms.changes.list_membership import list_kinds
from cms.changes.version import (
    SHARED_KEY,
    content_version,
    etag_for,
    list_version_key,
    object_version_key,
    versions_combined,
    versions_read,
)
from cms.infra.clocks import Clock, period_of, period_start
from delivery.api.languages import language_for_cache_key
from delivery.api.regions import region_slug_of
from delivery.api.render_once import (
    render_claim,
    render_release,
    rendered_meanwhile,
)
from delivery.conf import api_setting

CACHE_PREFIX = "samverkan:api:response:"


def conditional_cached(
    view_func=None,
    *,
    clock: Clock | None = None,
    kind: str | None = None,
    by_municipality: bool = False,
):
    """Wrap a view with ETag/304 and the response cache. Views whose content
    moves with the clock pass it (cms.infra.clocks): seconds for "upcoming"
    meetings, `DAY` for what depends on today's date (review states, seats
    held today), so their ETag also changes with each period. The list
    and detail views of one kind of object (intervention, news...) pass
    `kind`: a detail by stable id then follows its object's version and a
    list its kind's (cms.changes.version), not every change. A list view
    that narrows by `?municipality=` says so (`by_municipality`): narrowed
    to one, it follows that municipality's lists only."""
    if view_func is None:
        return lambda func: conditional_cached(
            func,
            clock=clock,
            kind=kind,
            by_municipality=by_municipality,
        )

    @wraps(view_func)  # keeps .cls and .actions for the OpenAPI generator
    def wrapped(request, *args, **kwargs):
        # A per-region root's slug is read by delivery.api.regions, not the view.
        kwargs.pop("region", None)
        if request.method not in ("GET", "HEAD"):
            return view_func(request, *args, **kwargs)
        municipalities = request.GET.getlist("municipality") if by_municipality else []
        version = _version(kind, kwargs, municipalities)
        # The region read (named, or the API key's) is part of the ETag.
        path = f"{request.get_full_path()}#region={region_slug_of(request)}"
        if "application/ld+json" in request.headers.get("Accept", ""):
            path += "#jsonld"  # the same URL negotiated to JSON-LD
        # The language comes from ?locale= or Accept-Language (delivery.api.languages).
        path += f"#lang={language_for_cache_key(request)}"
        last_modified = int(version["changed_at"])
        if clock is not None:  # the content moves with the clock too
            period = period_of(clock, time.time())
            path += f"#t{period}"
            last_modified = max(last_modified, int(period_start(clock, period)))
        etag = etag_for(path=path, version=version)
        headers = {"ETag": etag, "Last-Modified": http_date(last_modified)}
        answered = get_conditional_response(
            request, etag=etag, last_modified=last_modified
        )
        if answered is not None:  # 304, or 412 for a failed If-Match
            return _with_headers(answered, headers)
        key = CACHE_PREFIX + etag.strip('"')
        use_cache = api_setting("RESPONSE_CACHE")
        cached = cache.get(key) if use_cache else None
        claimed = use_cache and cached is None and render_claim(key)
        if use_cache and cached is None and not claimed:
            cached = rendered_meanwhile(key)  # another request renders it
        if cached is not None:
            response = HttpResponse(cached["body"], content_type=cached["content_type"])
            if cached.get("content_language"):
                response["Content-Language"] = cached["content_language"]
            response["X-Cache"] = "hit"
            return _with_headers(response, headers)
        try:
            response = _rendered(view_func, request, args, kwargs, key, use_cache)
        finally:
            if claimed:
                render_release(key)
        if response.status_code == 200:
            _with_headers(response, headers)
        return response

    return wrapped


def _rendered(view_func, request, args, kwargs, key: str, use_cache: bool):
    """The view's answer, rendered; a 200 is stored under `key`."""
    response = view_func(request, *args, **kwargs)
    if hasattr(response, "render") and callable(response.render):
        response = response.render()
    if response.status_code == 200:
        if use_cache:
            cache.set(
                key,
                {
                    "body": response.content,
                    "content_type": response["Content-Type"],
                    "content_language": response.get("Content-Language", ""),
                },
                timeout=api_setting("RESPONSE_CACHE_SECONDS"),
            )
        response["X-Cache"] = "miss"
    return response


def _version(kind: str | None, kwargs: dict, municipalities: list[str]) -> dict:
    """The version an answer is keyed by: for a kind's list, the shared
    and the list's versions (one municipality's lists when narrowed to one,
    cms.changes.list_membership); for a detail named by its
    stable id (a UUID, the URL's `lookup` or, in HSDS, `id`), the shared
    and the object's version; else (a slug, other views) the content
    version, which moves on every change."""
    if kind is None:
        return content_version()
    lookup = kwargs.get("lookup", kwargs.get("id"))
    if lookup is None:
        kinds = list_kinds(kind, municipalities)
        keys = [SHARED_KEY, *map(list_version_key, kinds)]
    else:
        try:
            object_id = uuid.UUID(str(lookup).strip())
        except ValueError:
            return content_version()
        keys = [SHARED_KEY, object_version_key(object_id)]
    found = versions_read(keys)
    return versions_combined(found[key] for key in keys)


def _with_headers(response, headers):
    for name, value in headers.items():
        response[name] = value
    patch_cache_control(response, public=True, max_age=api_setting("MAX_AGE"))
    # What a key may read depends on the key.
    patch_vary_headers(
        response, ["Accept", "Accept-Language", "Authorization", "X-Api-Key"]
    )
    return response
