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
the others asking for the same answer wait for it: delivery.api.render_once).

An answer is stored at its address (path, region, language, negotiated
format, clock period) with its ETag inside, so that a request without
If-None-Match or If-Modified-Since reads the versions and the stored answer
in one cache round trip; an answer stored for another version is not
served. The partner middleware (delivery.access) asks a wrapped view for
its 304 or stored answer first (`answered_from_cache`) and gives it
without the rest of the middleware chain."""

import hashlib
import time
import uuid
from dataclasses import dataclass
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
    VERSION_KEY,
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

    def answer_of(request, kwargs) -> _Answer:
        return _answer(
            request, kwargs, clock=clock, kind=kind, by_municipality=by_municipality
        )

    @wraps(view_func)  # keeps .cls and .actions for the OpenAPI generator
    def wrapped(request, *args, **kwargs):
        # A per-region root's slug is read by delivery.api.regions, not the view.
        kwargs.pop("region", None)
        if request.method not in ("GET", "HEAD"):
            return view_func(request, *args, **kwargs)
        answer = getattr(request, "conditional_answer", None)
        if answer is None:  # not asked by the partner middleware first
            answer = answer_of(request, kwargs)
            early = answer.early(request)
            if early is not None:
                return early
        use_cache = api_setting("RESPONSE_CACHE")
        cached = answer.stored_read() if use_cache else None
        claimed = use_cache and cached is None and render_claim(answer.key)
        if use_cache and cached is None and not claimed:
            # Another request renders it.
            cached = rendered_meanwhile(answer.key, etag=answer.etag)
        if cached is not None:
            return answer.served(cached)
        try:
            response = _rendered(view_func, request, args, kwargs, answer, use_cache)
        finally:
            if claimed:
                render_release(answer.key)
        if response.status_code == 200:
            _with_headers(response, answer.headers)
        return response

    def answered_from_cache(request, kwargs):
        """A 304 or the stored answer for this request, else None: for the
        partner middleware (delivery.access), which gives it without the
        rest of the middleware chain. The answer worked out stays on the
        request for the view, which then need not work it out again."""
        if request.method not in ("GET", "HEAD"):
            return None
        kwargs = {name: value for name, value in kwargs.items() if name != "region"}
        request.conditional_answer = answer_of(request, kwargs)
        return request.conditional_answer.early(request)

    wrapped.answered_from_cache = answered_from_cache
    return wrapped


@dataclass
class _Answer:
    """What a request's answer is keyed by, and what is stored for it."""

    etag: str
    last_modified: int
    key: str  # where the answer at this address is stored (any version's)
    stored: dict | None  # this version's answer, if read along with the versions
    read_along: bool  # whether it was

    @property
    def headers(self) -> dict:
        return {"ETag": self.etag, "Last-Modified": http_date(self.last_modified)}

    def early(self, request):
        """A 304 (or 412 for a failed If-Match), else the stored answer read
        along with the versions, else None."""
        answered = get_conditional_response(
            request, etag=self.etag, last_modified=self.last_modified
        )
        if answered is not None:
            return _with_headers(answered, self.headers)
        if self.stored is not None:
            return self.served(self.stored)
        return None

    def stored_read(self) -> dict | None:
        """This version's stored answer, read now (a conditional request
        that did not match has not read it along)."""
        if not self.read_along:
            self.stored = _this_version(cache.get(self.key), self.etag)
            self.read_along = True
        return self.stored

    def served(self, stored: dict) -> HttpResponse:
        response = HttpResponse(stored["body"])
        for name, value in stored["headers"].items():
            response[name] = value
        response["Content-Length"] = str(len(stored["body"]))
        response["X-Cache"] = "hit"
        return _with_headers(response, self.headers)


def _answer(request, kwargs, *, clock, kind, by_municipality) -> _Answer:
    """The request's ETag and Last-Modified from the versions it follows,
    and (for a request without If-None-Match or If-Modified-Since) the
    answer stored at its address: in one cache round trip."""
    municipalities = request.GET.getlist("municipality") if by_municipality else []
    # The region read (named, or the API key's) is part of the ETag.
    path = f"{request.get_full_path()}#region={region_slug_of(request)}"
    if "application/ld+json" in request.headers.get("Accept", ""):
        path += "#jsonld"  # the same URL negotiated to JSON-LD
    # The language comes from ?locale= or Accept-Language (delivery.api.languages).
    path += f"#lang={language_for_cache_key(request)}"
    period_started = 0
    if clock is not None:  # the content moves with the clock too
        period = period_of(clock, time.time())
        path += f"#t{period}"
        period_started = int(period_start(clock, period))
    key = CACHE_PREFIX + hashlib.sha256(path.encode()).hexdigest()
    conditional = "If-None-Match" in request.headers or (
        "If-Modified-Since" in request.headers
    )
    read_along = api_setting("RESPONSE_CACHE") and not conditional
    version_keys = _version_keys(kind, kwargs, municipalities)
    found = cache.get_many([*version_keys, key] if read_along else version_keys)
    stored = found.pop(key, None)
    versions = versions_read(version_keys, found=found)
    version = versions_combined(versions[name] for name in version_keys)
    etag = etag_for(path=path, version=version)
    return _Answer(
        etag=etag,
        last_modified=max(int(version["changed_at"]), period_started),
        key=key,
        stored=_this_version(stored, etag),
        read_along=read_along,
    )


def _this_version(stored: dict | None, etag: str) -> dict | None:
    return stored if stored is not None and stored.get("etag") == etag else None


def _rendered(view_func, request, args, kwargs, answer: _Answer, use_cache: bool):
    """The view's answer, rendered; a 200 is stored at its address."""
    response = view_func(request, *args, **kwargs)
    if hasattr(response, "render") and callable(response.render):
        response = response.render()
    if response.status_code == 200:
        if use_cache:
            cache.set(
                answer.key,
                {
                    "etag": answer.etag,
                    "body": response.content,
                    # The view's own (Content-Type, Content-Language, Allow,
                    # Link...): the middleware's are added to every answer.
                    "headers": dict(response.items()),
                },
                timeout=api_setting("RESPONSE_CACHE_SECONDS"),
            )
        response["X-Cache"] = "miss"
    return response


def _version_keys(kind: str | None, kwargs: dict, municipalities: list[str]):
    """The versions an answer is keyed by: for a kind's list, the shared
    and the list's versions (one municipality's lists when narrowed to one,
    cms.changes.list_membership); for a detail named by its
    stable id (a UUID, the URL's `lookup` or, in HSDS, `id`), the shared
    and the object's version; else (a slug, other views) the content
    version, which moves on every change."""
    if kind is None:
        return [VERSION_KEY]
    lookup = kwargs.get("lookup", kwargs.get("id"))
    if lookup is None:
        kinds = list_kinds(kind, municipalities)
        return [SHARED_KEY, *map(list_version_key, kinds)]
    try:
        object_id = uuid.UUID(str(lookup).strip())
    except ValueError:
        return [VERSION_KEY]
    return [SHARED_KEY, object_version_key(object_id)]


def _with_headers(response, headers):
    for name, value in headers.items():
        response[name] = value
    patch_cache_control(response, public=True, max_age=api_setting("MAX_AGE"))
    # What a key may read depends on the key.
    patch_vary_headers(
        response, ["Accept", "Accept-Language", "Authorization", "X-Api-Key"]
    )
    return response
