"""Public pages from the cache, per region, until what they show changes.

A public page (a Wagtail page or a web listing) answered to a visitor
without a session is stored once under a key made of the request's
language, scheme, host (so: the region) and full path, stamped with the
period of the clock it follows (web.cache_dependencies.page_clock: the
quarter-hour for pages that show coming meetings, the day for the
others). With it are stored the versions of what it shows
(web.cache_dependencies: for an intervention's page its own version and
the shared one; for most pages the content version, which any publish,
unpublish, move, deletion or restriction change moves), read when it was
rendered. A stored page is served while those versions are still current,
so publishing one intervention renders only its own page and the bank again.
The ETag is a digest of the key, the period and the versions; Last-Modified
is when the newest of them or the period began. The next visitor gets the stored bytes
without a query, or a 304 through Django's get_conditional_response: two
cache round trips (the page, then its versions).

A page whose versions moved while it was rendered (a publish meanwhile) is
answered but not stored, and without an ETag.

Never cached, never served from the cache: requests with a session cookie
(editors, previews, password-page visitors), methods other than GET/HEAD,
anything but a 200 without cookies and without `private`/`no-store`, and a
Wagtail page with a view restriction (private or password). Cached pages
carry no Set-Cookie and no `Vary: Cookie`; visitors with a session get
`private, no-cache`.

Seam for usage statistics: web.signals.public_page_served is sent for every
public page answered (also cache hits and 304s), see there.
"""

import hashlib
import time

from django.conf import settings
from django.core.cache import cache
from django.http import (
    HttpResponse,
    HttpResponsePermanentRedirect,
    HttpResponseRedirect,
)
from django.urls import reverse
from django.utils.cache import (
    cc_delim_re,
    get_conditional_response,
    patch_cache_control,
)
from django.utils.http import http_date
from django.utils.translation import get_language, override

from cms.changes.version import (
    VERSION_KEY,
    content_version,
    versions_combined,
    versions_read,
)
from cms.infra.clocks import Clock, period_of, period_start
from cms.models.regions import front_end_base
from web.cache_dependencies import DAY, QUARTER, page_clock, page_depends_on
from web.conf import web_setting
from web.regions import region_for_request
from web.signals import public_page_served

CACHE_PREFIX = "samverkan:web:page:"
WAGTAIL_SERVE = "wagtail_serve"
# Headers the cache sets itself or that must never be replayed.
NOT_STORED = {
    "set-cookie",
    "etag",
    "last-modified",
    "cache-control",
    "expires",
    "x-cache",
    "content-length",
    "date",
    "content-security-policy",
}


def page_cache_key(request, *, now: float | None = None) -> tuple[str, int]:
    """(cache key, quarter-hour bucket) of this request's page. The bucket
    is not part of the key: it is part of a stored page's stamp when the
    page follows the quarter-hour (`page_clock`)."""
    now = time.time() if now is None else now
    address = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
    # The language is in the path already (/ar/...); named too, so that a
    # key never serves a page rendered in another language.
    digest = hashlib.sha256(f"{get_language()}:{address}".encode()).hexdigest()[:32]
    return CACHE_PREFIX + digest, _bucket(QUARTER, now)


def _bucket(clock: str, now: float) -> int:
    """The number of the clock's current period: quarter-hours (of
    TIME_BUCKET_SECONDS) or days (local dates)."""
    return period_of(_clock_of(clock), now)


def _bucket_start(clock: str, bucket: int) -> float:
    return period_start(_clock_of(clock), bucket)


def _clock_of(clock: str) -> Clock:
    return DAY if clock == DAY else web_setting("TIME_BUCKET_SECONDS")


def _validators(
    key: str, clock: str, bucket: int, versions: dict
) -> tuple[str, str, float]:
    """(stamp, ETag, Last-Modified timestamp) of a page under `key` rendered
    in this period of its clock, at these versions of what it shows."""
    combined = versions_combined(versions[name] for name in sorted(versions))
    stamp = f"{bucket}:{combined['number']}"
    etag = hashlib.sha256(f"{key}:{stamp}".encode()).hexdigest()[:32]
    last_modified = max(combined["changed_at"], _bucket_start(clock, bucket))
    return stamp, f'"{etag}"', last_modified


def _has_session(request) -> bool:
    return settings.SESSION_COOKIE_NAME in request.COOKIES


def _may_use_cache(request) -> bool:
    if not web_setting("PAGE_CACHE") or request.method not in ("GET", "HEAD"):
        return False
    if request.path.startswith(tuple(web_setting("UNCACHED_PATHS"))):
        return False
    bypass = web_setting("BYPASS_HEADER")
    if bypass and bypass in request.headers:
        return False
    return not _has_session(request)


def _public_view(request) -> bool:
    match = getattr(request, "resolver_match", None)
    if match is None:
        return False
    if match.url_name == WAGTAIL_SERVE:
        return hasattr(request, "_samverkan_page")
    return match.namespace == "web"


def _served_page(request):
    return getattr(request, "_samverkan_page", None)


def _storable(request, response) -> bool:
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    control = response.get("Cache-Control", "").lower()
    if "private" in control or "no-store" in control:
        return False
    page = _served_page(request)
    return page is None or not page.get_view_restrictions().exists()


def _without_cookie_vary(value: str) -> str:
    return ", ".join(
        field for field in cc_delim_re.split(value) if field.lower() != "cookie"
    )


def _stored_headers(response) -> dict:
    headers = {
        name: value
        for name, value in response.items()
        if name.lower() not in NOT_STORED
    }
    if "Vary" in headers:
        headers["Vary"] = _without_cookie_vary(headers["Vary"])
        if not headers["Vary"]:
            del headers["Vary"]
    return headers


def _public_headers(response, *, etag: str, last_modified: float) -> None:
    response["ETag"] = etag
    response["Last-Modified"] = http_date(last_modified)
    if "Vary" in response:
        vary = _without_cookie_vary(response["Vary"])
        if vary:
            response["Vary"] = vary
        else:
            del response["Vary"]
    max_age = web_setting("MAX_AGE")
    if max_age:
        patch_cache_control(response, public=True, max_age=max_age)
    else:
        patch_cache_control(response, public=True, no_cache=True)


def _served(request, response, *, page_id, from_cache: bool):
    if response.status_code in (200, 304):
        public_page_served.send(
            sender=PublicPageCacheMiddleware,
            request=request,
            page_id=page_id,
            status_code=response.status_code,
            from_cache=from_cache,
        )
    return response


class PublicPageCacheMiddleware:
    """Place after the content-security middleware and before the session
    middleware: a hit skips everything below it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not _may_use_cache(request):
            response = self.get_response(request)
            if _public_view(request):
                if _has_session(request):
                    patch_cache_control(response, private=True, no_cache=True)
                page = _served_page(request)
                _served(request, response, page_id=page and page.pk, from_cache=False)
            return response

        now = time.time()
        key, _quarter = page_cache_key(request, now=now)
        entry = cache.get(key)
        if entry is not None:
            clock = entry.get("clock", QUARTER)
            stamp, etag, last_modified = _validators(
                key, clock, _bucket(clock, now), versions_read(entry["depends_on"])
            )
            if stamp == entry["stamp"]:
                return self._hit(request, entry, etag, last_modified)

        before = content_version()
        response = self.get_response(request)
        if not _public_view(request):
            return response
        page = _served_page(request)
        page_id = page.pk if page is not None else None
        if request.method == "GET" and _storable(request, response):
            if hasattr(response, "render") and callable(response.render):
                response = response.render()
            depends_on = page_depends_on(request, page)
            clock = page_clock(request, page)
            current = versions_read(list(dict.fromkeys([*depends_on, VERSION_KEY])))
            response["X-Cache"] = "miss"
            if current[VERSION_KEY]["number"] != before["number"]:
                # Published meanwhile: this may show the old content.
                patch_cache_control(response, public=True, no_cache=True)
                return _served(request, response, page_id=page_id, from_cache=False)
            versions = {name: current[name] for name in depends_on}
            stamp, etag, last_modified = _validators(
                key, clock, _bucket(clock, now), versions
            )
            cache.set(
                key,
                {
                    "body": response.content,
                    "headers": _stored_headers(response),
                    "page_id": page_id,
                    "depends_on": depends_on,
                    "clock": clock,
                    "stamp": stamp,
                },
                timeout=web_setting("PAGE_CACHE_SECONDS"),
            )
            _public_headers(response, etag=etag, last_modified=last_modified)
            response = get_conditional_response(
                request, etag=etag, last_modified=last_modified, response=response
            )
        return _served(request, response, page_id=page_id, from_cache=False)

    def _hit(self, request, entry, etag, last_modified):
        response = HttpResponse(entry["body"])
        for name, value in entry["headers"].items():
            response[name] = value
        response["Content-Length"] = str(len(entry["body"]))
        response["X-Cache"] = "hit"
        _public_headers(response, etag=etag, last_modified=last_modified)
        response = get_conditional_response(
            request, etag=etag, last_modified=last_modified, response=response
        )
        return _served(request, response, page_id=entry["page_id"], from_cache=True)

    def process_view(self, request, view_func, view_args, view_kwargs):
        """A listing of a region with its own front end: 301 there (Wagtail
        pages are sent on by web.wagtail_hooks)."""
        match = request.resolver_match
        if match is None or match.namespace != "web":
            return None
        region = region_for_request(request)
        base = front_end_base(region, request) if region is not None else None
        if base:
            return HttpResponsePermanentRedirect(base + request.get_full_path())
        if region is not None and region.locale.language_code != get_language():
            # The region's site is not translated into this language: the
            # listing in Swedish.
            return HttpResponseRedirect(_in_language(request, region))
        return None


def _in_language(request, region) -> str:
    """The same listing's address in the region page's language."""
    match = request.resolver_match
    with override(region.locale.language_code):
        path = reverse(match.view_name, args=match.args, kwargs=match.kwargs)
    query = request.META.get("QUERY_STRING", "")
    return f"{path}?{query}" if query else path


def external_redirect(page, request):
    """301 to the page on its region's own front end, or None."""
    if front_end_base(page, request):
        url = page.get_full_url(request)
        query = request.META.get("QUERY_STRING", "")
        return HttpResponsePermanentRedirect(f"{url}?{query}" if query else url)
    return None
