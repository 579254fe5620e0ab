"""Benchmark: public pages from our page cache (web/caching.py) against
Wagtail's own uncached serve() of the same pages, in the same gunicorn.

The data: PUBLIC_BENCH_COUNT live interventions (2,000 by default), built
as benchmarks/api_list.py builds them: 20 municipalities of one region at
the root of the default site, each intervention with a category, two
languages, two municipalities served, a location and an opening time. One gunicorn (2 sync workers, PostgreSQL and Redis) serves
with the page cache on; requests that carry the header named by
SAMVERKAN_WEB_BYPASS_HEADER skip the cache, so the same process renders
them through Wagtail's serve() (the intervention page) or our listing view
(the filtered bank) every time. wrk (keep-alive, 4 connections) loads each
case for a few seconds, one after the other, in one run:

- `intervention`: one intervention page, cached vs uncached;
- `listing`: the bank filtered to Arabic and one municipality, cached vs
  uncached;
- `not_modified`: the intervention page's 304 for a client with its ETag.

Besides: HTML bytes of each page (target <= 60 KB) and SQL queries per
uncached page (the listing's at two result counts: constant is the target).
`ours`/`peer` are requests per second of the cached and the uncached
intervention page (target: ratio >= 20). The last line is the JSON result.

Run: make bench, or .venv/bin/python benchmarks/public_pages.py (starts its
own PostgreSQL and Redis through scripts/with-services.sh when DATABASE_URL
is not set; installs wrk from Debian when missing).
"""

import json
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks import api_list  # noqa: E402
from benchmarks.api_list import _load, _ratio  # noqa: E402

COUNT = int(os.environ.get("PUBLIC_BENCH_COUNT", "2000"))
BYPASS = "X-Bench-Uncached"
TARGET_RATIO = 20
TARGET_BYTES = 60_000


def _build() -> dict:
    """The API benchmark's data (benchmarks/api_list.py: COUNT interventions
    in 20 municipalities of a region at the root of the default site);
    returns the paths to load."""
    from cms.models import InterventionPage, Language

    api_list.COUNT = COUNT
    api_list._build()
    assert "ar" in Language.objects.order_by("code").values_list("code", flat=True)[:10]
    page = InterventionPage.objects.order_by("pk")[COUNT // 2]
    return {
        "intervention": page.get_url(),
        "listing": "/insatser/?language=ar&municipality=kommun-3",
        "listing_narrow": "/insatser/?language=ar&municipality=kommun-3&q=Insats+3",
    }


def _uncached(path: str) -> dict:
    """Queries and HTML bytes of one uncached rendering."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(HTTP_HOST="127.0.0.1")
    client.get(path)  # per-process memos warm, as in a running server
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200, (path, response.status_code)
    return {"queries": len(queries), "bytes": len(response.content)}


def main() -> None:
    if not os.environ.get("DATABASE_URL"):
        script = ROOT / "scripts" / "with-services.sh"
        os.execv(str(script), [str(script), sys.executable, *sys.argv])
    os.environ.setdefault("SAMVERKAN_VAR_DIR", tempfile.mkdtemp(prefix="public-bench-"))
    api_list._setup()
    started = time.monotonic()
    paths = _build()
    print(
        f"data: {COUNT} interventions in {time.monotonic() - started:.1f} s",
        file=sys.stderr,
    )
    pages = {name: _uncached(path) for name, path in paths.items()}

    import requests

    results = {}
    # The server's settings: page cache on, and the bypass header named.
    os.environ["SAMVERKAN_WEB_PAGE_CACHE"] = "1"
    os.environ["SAMVERKAN_WEB_BYPASS_HEADER"] = BYPASS
    process, base = api_list._gunicorn(response_cache=True)
    try:
        for name in ("intervention", "listing"):
            url = base + paths[name]
            results[f"{name}_cached"] = _load(url)
            assert requests.get(url, timeout=60).headers.get("X-Cache") == "hit"
            results[f"{name}_uncached"] = _load(url, {BYPASS: "1"})
        url = base + paths["intervention"]
        etag = requests.get(url, timeout=60).headers["ETag"]
        results["not_modified"] = _load(url, {"If-None-Match": etag})
    finally:
        process.terminate()
        process.wait()

    for name, figures in results.items():
        print(f"{name:24} {figures}", file=sys.stderr)
    print(f"uncached pages {pages}", file=sys.stderr)
    ours = results["intervention_cached"]["rps"]
    peer = results["intervention_uncached"]["rps"]
    listing_ratio = _ratio(
        results["listing_cached"]["rps"], results["listing_uncached"]["rps"]
    )
    print(
        json.dumps(
            {
                "benchmark": "public_pages",
                "ours": ours,
                "peer": peer,
                "unit": "requests/s (intervention page: our page cache vs "
                "Wagtail's serve() uncached, same gunicorn)",
                "ratio": _ratio(ours, peer),
                "target_ratio": TARGET_RATIO,
                "listing_cached": results["listing_cached"]["rps"],
                "listing_uncached": results["listing_uncached"]["rps"],
                "listing_ratio": listing_ratio,
                "not_modified": results["not_modified"]["rps"],
                "p50_ms_cached": results["intervention_cached"]["p50_ms"],
                "p99_ms_cached": results["intervention_cached"]["p99_ms"],
                "p50_ms_uncached": results["intervention_uncached"]["p50_ms"],
                "p99_ms_uncached": results["intervention_uncached"]["p99_ms"],
                "bytes_intervention": pages["intervention"]["bytes"],
                "bytes_listing": pages["listing"]["bytes"],
                "target_bytes": TARGET_BYTES,
                "queries_intervention": pages["intervention"]["queries"],
                "queries_listing": pages["listing"]["queries"],
                "queries_listing_narrow": pages["listing_narrow"]["queries"],
                "errors": sum(r["errors"] for r in results.values()),
                "interventions": COUNT,
            }
        )
    )


if __name__ == "__main__":
    main()
