"""Benchmark: listing interventions through our delivery API (/api/v1/)
against Wagtail's API v2 (/api/v2/pages/), the peer named in issue 5.

10,000 live interventions in 20 organisations, each with a category, two
languages, two organisations served, a location and an opening time. Both
APIs run in the same gunicorn (2 sync workers, PostgreSQL and Redis), and
wrk (keep-alive, 4 connections) loads each for a few seconds, one after
the other, in one run:

- `uncached`: a page of 100 interventions with our response cache off,
  against v2's `?type=...&fields=*&limit=100` (v2 has no cache);
- `warm`: the same request with our response cache on (v2 again uncached:
  it has nothing else);
- `not_modified`: our 304 for a client that sends its ETag (v2 sends no
  ETag, so its clients download the page again);
- `deep`: the page at item 9,900 (our cursor vs v2's offset);
- SQL queries per list request at 10 and at 100 items, for both.

`ours`/`peer` are requests per second of the `uncached` case (the fair
comparison: same data, no cache on either side); the rest are extra
figures. The last line printed is the JSON result.

Run: make bench, or .venv/bin/python benchmarks/api_list.py (it starts its
own PostgreSQL and Redis through scripts/with-services.sh when DATABASE_URL
is not set, and installs wrk from Debian when missing).
"""

import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

COUNT = int(os.environ.get("API_BENCH_COUNT", "10000"))
ORGANISATIONS = 20
SECONDS = int(os.environ.get("API_BENCH_SECONDS", "6"))
CONNECTIONS = 4
V2_TYPE = "samverkan_cms.InterventionPage"


def _setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def _build() -> None:
    """Region, organisations and COUNT live interventions, inserted straight
    into the page tables (publishing 10,000 pages one by one takes long and
    measures nothing of interest here)."""
    from django.db import connection

    from wagtail.models import Site

    from cms.models import (
        InterventionCategory,
        InterventionLocation,
        InterventionOpeningTime,
        InterventionPage,
        Language,
    )
    from tests.bulk_pages import interventions_bulk_insert
    from tests.factories import OrganisationPageFactory, RegionPageFactory, publish

    region = RegionPageFactory(title="Bänkregion", slug="bankregion", short_name="B")
    Site.objects.filter(is_default_site=True).update(root_page=region)
    organisations = [
        publish(
            OrganisationPageFactory(
                parent=region, title=f"Kommun {n}", slug=f"kommun-{n}"
            )
        )
        for n in range(ORGANISATIONS)
    ]
    categories = list(InterventionCategory.objects.all())
    languages = list(Language.objects.order_by("code")[:10])
    ids = interventions_bulk_insert(
        [
            (
                organisations[n % ORGANISATIONS],
                InterventionPage(
                    title=f"Insats {n}",
                    slug=f"insats-{n}",
                    summary="Samtal på svenska för nyanlända, varje vecka.",
                    description="<p>Välkommen till en öppen samtalsgrupp.</p>",
                    category=categories[n % len(categories)],
                    contact_email="kontakt@example.se",
                    min_age=16,
                    max_age=64,
                    completeness=80,
                ),
            )
            for n in range(COUNT)
        ]
    )
    InterventionPage.languages.through.objects.bulk_create(
        [
            InterventionPage.languages.through(
                interventionpage_id=pk, language_id=languages[(i + k) % 10].pk
            )
            for i, pk in enumerate(ids)
            for k in (0, 3)
        ],
        batch_size=5000,
    )
    InterventionPage.service_area.through.objects.bulk_create(
        [
            InterventionPage.service_area.through(
                interventionpage_id=pk,
                organisationpage_id=organisations[(i + k) % ORGANISATIONS].pk,
            )
            for i, pk in enumerate(ids)
            for k in (0, 1)
        ],
        batch_size=5000,
    )
    InterventionLocation.objects.bulk_create(
        [
            InterventionLocation(
                page_id=pk,
                sort_order=0,
                name="Biblioteket",
                street_address=f"Storgatan {i % 90 + 1}",
                postal_code="14730",
                city="Tumba",
            )
            for i, pk in enumerate(ids)
        ],
        batch_size=5000,
    )
    InterventionOpeningTime.objects.bulk_create(
        [
            InterventionOpeningTime(
                page_id=pk,
                sort_order=0,
                weekday=i % 5 + 1,
                opens="09:00",
                closes="12:00",
            )
            for i, pk in enumerate(ids)
        ],
        batch_size=5000,
    )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def _queries(path: str) -> int:
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    cache.clear()
    client = Client()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200, (path, response.status_code)
    return len(queries)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _gunicorn(*, response_cache: bool):
    port = _free_port()
    env = {
        **os.environ,
        "SAMVERKAN_API_RESPONSE_CACHE": "1" if response_cache else "0",
    }
    process = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "gunicorn"),
            "config.wsgi:application",
            "--workers=2",
            f"--bind=127.0.0.1:{port}",
            "--log-level=warning",
        ],
        cwd=ROOT,
        env=env,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return process, base
        except OSError:
            time.sleep(0.2)
    process.kill()
    raise RuntimeError("gunicorn did not start")


def _wrk_binary() -> str:
    found = shutil.which("wrk")
    if found:
        return found
    sudo = [] if os.geteuid() == 0 else ["sudo"]
    subprocess.run(
        [
            *sudo,
            "env",
            "DEBIAN_FRONTEND=noninteractive",
            "apt-get",
            "install",
            "-y",
            "wrk",
        ],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    return shutil.which("wrk")


def _load(url: str, headers: dict | None = None) -> dict:
    """wrk against one URL; requests/s, p50/p99 in ms and error count."""
    import requests

    warm = requests.get(url, headers=headers or {}, timeout=60)
    assert warm.status_code in (200, 304), (url, warm.status_code)
    command = [
        _wrk_binary(),
        f"-t{2}",
        f"-c{CONNECTIONS}",
        f"-d{SECONDS}s",
        "--latency",
        "--timeout=10s",
    ]
    for name, value in (headers or {}).items():
        command += ["-H", f"{name}: {value}"]
    out = subprocess.run(
        [*command, url], check=True, capture_output=True, text=True
    ).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    latencies = {
        pct: _ms(value, unit)
        for pct, value, unit in re.findall(r"\s(50|99)%\s+([\d.]+)(us|ms|s)\b", out)
    }
    errors = sum(
        int(n) for n in re.findall(r"Non-2xx or 3xx responses: (\d+)", out)
    ) + sum(int(n) for n in re.findall(r"(?:connect|read|write|timeout) (\d+)", out))
    return {
        "rps": round(rps, 1),
        "p50_ms": latencies.get("50"),
        "p99_ms": latencies.get("99"),
        "errors": errors,
        "bytes": len(warm.content),
    }


def _ms(value: str, unit: str) -> float:
    return round(float(value) * {"us": 0.001, "ms": 1, "s": 1000}[unit], 2)


def _cursor_near_end(base: str) -> str:
    """Our cursor for the page that starts near item COUNT - 100, as a
    partner that walked the list would hold it (taken from a request with
    page_size 100 after skipping ahead via the ordering)."""
    import requests

    from cms.models import InterventionPage

    pk = InterventionPage.objects.order_by("pk").values_list("pk", flat=True)[
        COUNT - 101
    ]
    # The cursor of DRF's CursorPagination is base64 of "p=<last pk>".
    import base64
    from urllib.parse import quote

    token = base64.b64encode(f"p={pk}".encode()).decode()
    url = f"{base}/api/v1/interventions/?page_size=100&cursor={quote(token)}"
    assert len(requests.get(url, timeout=60).json()["results"]) == 100
    return url


def _ratio(ours: float, peer: float) -> float | None:
    """None when the peer completed no request in the time given (raise
    API_BENCH_SECONDS)."""
    return round(ours / peer, 2) if peer else None


def main() -> None:
    if not os.environ.get("DATABASE_URL"):
        script = ROOT / "scripts" / "with-services.sh"
        os.execv(str(script), [str(script), sys.executable, *sys.argv])
    os.environ.setdefault("SAMVERKAN_VAR_DIR", tempfile.mkdtemp(prefix="api-bench-"))
    _setup()
    started = time.monotonic()
    _build()
    print(
        f"data: {COUNT} interventions in {time.monotonic() - started:.1f} s",
        file=sys.stderr,
    )

    ours_path = "/api/v1/interventions/?page_size=100"
    peer_path = f"/api/v2/pages/?type={V2_TYPE}&fields=*&limit=100"
    queries = {
        "ours_10": _queries("/api/v1/interventions/?page_size=10"),
        "ours_100": _queries(ours_path),
        "peer_10": _queries(f"/api/v2/pages/?type={V2_TYPE}&fields=*&limit=10"),
        "peer_100": _queries(peer_path),
    }

    results = {}
    process, base = _gunicorn(response_cache=False)
    try:
        results["uncached_ours"] = _load(base + ours_path)
        results["uncached_peer"] = _load(base + peer_path)
        results["deep_ours"] = _load(_cursor_near_end(base))
        results["deep_peer"] = _load(base + peer_path + f"&offset={COUNT - 100}")
    finally:
        process.terminate()
        process.wait()
    process, base = _gunicorn(response_cache=True)
    try:
        import requests

        results["warm_ours"] = _load(base + ours_path)
        etag = requests.get(base + ours_path, timeout=60).headers["ETag"]
        results["not_modified_ours"] = _load(base + ours_path, {"If-None-Match": etag})
    finally:
        process.terminate()
        process.wait()

    for name, figures in results.items():
        print(f"{name:20} {figures}", file=sys.stderr)
    print(f"queries {queries}", file=sys.stderr)
    ours = results["uncached_ours"]["rps"]
    peer = results["uncached_peer"]["rps"]
    print(
        json.dumps(
            {
                "benchmark": "api_list",
                "ours": ours,
                "peer": peer,
                "unit": "requests/s (page of 100 interventions, no cache)",
                "ratio": _ratio(ours, peer),
                "warm": results["warm_ours"]["rps"],
                "warm_ratio": _ratio(results["warm_ours"]["rps"], peer),
                "not_modified": results["not_modified_ours"]["rps"],
                "not_modified_ratio": _ratio(results["not_modified_ours"]["rps"], peer),
                "deep_ours": results["deep_ours"]["rps"],
                "deep_peer": results["deep_peer"]["rps"],
                "deep_ratio": _ratio(
                    results["deep_ours"]["rps"], results["deep_peer"]["rps"]
                ),
                "p50_ms": results["uncached_ours"]["p50_ms"],
                "p99_ms": results["uncached_ours"]["p99_ms"],
                "peer_p50_ms": results["uncached_peer"]["p50_ms"],
                "peer_p99_ms": results["uncached_peer"]["p99_ms"],
                "bytes_ours": results["uncached_ours"]["bytes"],
                "bytes_peer": results["uncached_peer"]["bytes"],
                "queries": queries,
                "errors": sum(r["errors"] for r in results.values()),
                "interventions": COUNT,
            }
        )
    )


if __name__ == "__main__":
    main()
