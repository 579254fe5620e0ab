"""Settings of the public site, read lazily from SAMVERKAN_WEB. Every key
and its default is documented here and nowhere else."""

from django.conf import settings

DEFAULTS = {
    # Serve public pages (Wagtail pages and the web listings) from the cache
    # for visitors without a session; filled on the first request of a URL,
    # invalidated by any publish (cms.changes.version).
    "PAGE_CACHE": True,
    # How long a cached page is kept at most (seconds).
    "PAGE_CACHE_SECONDS": 600,
    # Pages show what moves with the clock (coming meetings, "open now"):
    # ETags and cache keys change at least this often (seconds).
    "TIME_BUCKET_SECONDS": 900,
    # Cache-Control max-age for anonymous visitors. 0 sends "no-cache": the
    # browser keeps the page but asks every time (a 304 from the cache), so
    # a published change shows on the next request.
    "MAX_AGE": 0,
    # Paths the page cache never looks at (served by other apps).
    "UNCACHED_PATHS": (
        "/admin/",
        "/api/",
        "/feeds/",
        "/newsletter/",
        "/documents/",
        "/health/",
        "/static/",
        "/media/",
    ),
    # A request header that makes a request skip the page cache (the
    # benchmark compares with Wagtail's own serve() in the same server).
    # Empty: none. Never set it in production: it lets anyone render pages.
    "BYPASS_HEADER": "",
}


def web_setting(name: str):
    return getattr(settings, "SAMVERKAN_WEB", {}).get(name, DEFAULTS[name])
