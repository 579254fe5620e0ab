"""Load test: ten times a plausible partner load on the feeds and the API,
for two minutes, with locust (headless) against gunicorn.

The partner load: 20 partner sites (portals of municipalities, the public
employment service, national directories) each make 13 requests a minute
(benchmarks/locust/partner_load.py): the changes feed from their cursor,
two intervention list pages, five intervention details, a page of HSDS
services, the news and event lists, news RSS and events iCal, all but the
changes feed as conditional GETs with their stored ETag. That is 260
requests a minute (4.3/s); ten times it is 200 sites, 2,600 requests a
minute (43/s). Meanwhile an editor publishes a changed intervention every
minute (a busy hour in a region), which empties the API's response cache,
so partners fetch fresh pages.

The data: 3,000 live interventions in 20 organisations (each with a
category, two languages, two municipalities served, a location and an
opening time), 60 news items and 30 meetings, the change log backfilled and
one API key per partner site. The project runs under gunicorn with 5 sync
workers (2 x 2 cores + 1) on PostgreSQL and Redis, with the settings of the
test suite (response cache on, rate limits high); locust runs on the same
two cores.

Targets (issue 9): no errors, p95 under 200 ms. The last line printed is
the JSON result: `ours` is the requests per second served, `peer` the rate
offered by the load model (so `ratio` 1.0 means it kept up), plus p50, p95,
p99, the error rate, the targets and whether they were met, and what one
request costs without queueing (`single_*_ms`: an intervention detail
rendered afresh, from the response cache, and a 304).

Before the run every address the users read (every intervention's detail,
list, HSDS page, feed, sampled public page and bank) is read once
(LOAD_WARM_CACHES=0 skips it), so that the response and page
caches hold what they hold after some minutes of this load; gunicorn's CPU
inside each request is reported by endpoint, status and cache hit or miss
(benchmarks/measure/gunicorn_cpu.py).

Run: make bench, or .venv/bin/python benchmarks/load.py. Environment:
LOAD_SECONDS (120), LOAD_PARTNERS (20), LOAD_FACTOR (10),
LOAD_INTERVENTIONS (3000). It starts its own PostgreSQL and Redis through
scripts/with-services.sh when DATABASE_URL is not set, and installs locust
into the virtualenv from requirements-bench.lock when it is missing.
"""

import contextlib
import csv
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from measure import gunicorn_cpu
from measure.proc_cpu import (
    CpuMeter,
    machine_busy_seconds,
    pid_of_argument,
    postgres_pid,
    redis_pid,
)

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.locust.load_fixture import Editor, fixture_build  # noqa: E402

SECONDS = int(os.environ.get("LOAD_SECONDS", "120"))
PARTNERS = int(os.environ.get("LOAD_PARTNERS", "20"))
FACTOR = int(os.environ.get("LOAD_FACTOR", "10"))
INTERVENTIONS = int(os.environ.get("LOAD_INTERVENTIONS", "3000"))
ORGANISATIONS = int(os.environ.get("LOAD_ORGANISATIONS", "20"))
REQUESTS_PER_PARTNER_MINUTE = 13
PUBLIC_REQUESTS_PER_READER_MINUTE = 5
GUNICORN_WORKERS = int(
    os.environ.get("LOAD_GUNICORN_WORKERS", str(2 * (os.cpu_count() or 2) + 1))
)
EDIT_EVERY_SECONDS = float(os.environ.get("LOAD_EDIT_EVERY", "60"))
# People reading the public site beside the partners (benchmarks/locust).
PUBLIC_READERS = int(os.environ.get("LOAD_PUBLIC_READERS", "0"))
PUBLIC_PAGE_SAMPLE = 500
# Walk every intervention through the API before the run, so that the
# stored representations exist, as in an installation that has run a while.
PREBUILD = os.environ.get("LOAD_PREBUILD", "1") == "1"
# Read every address the users read once before the run (every detail,
# list, HSDS page, feed, sampled public page and bank), so that the
# response and page caches hold them as they do after ten minutes of this
# load: 2,000 partner sites read 10,000 details a minute among 20,000 (each
# about every 2 minutes; the response cache keeps an answer 10 minutes, so
# 1 - e^-5 = 99 % are there), 300 readers 600 public pages and 300 banks a
# minute among 500 and 220 (a bank is read about every 45 seconds).
# Publishes during the run then move what they move. 0: start with both
# caches empty.
WARM_CACHES = os.environ.get("LOAD_WARM_CACHES", "1") == "1"
# gunicorn instances (the workers split between them) behind haproxy
# (Debian's package) on one port: the scale-out of the web tier.
GUNICORN_INSTANCES = int(os.environ.get("LOAD_GUNICORN_INSTANCES", "1"))
HAPROXY = "/usr/sbin/haproxy"
# The users start evenly over this many seconds (each makes its first
# request when it starts, so starting them all at once would offer a burst
# the steady load never has); the statistics, and the CPU measured, begin
# when they have all started (locust --reset-stats) and run LOAD_SECONDS.
RAMP_SECONDS = int(os.environ.get("LOAD_RAMP_SECONDS", "60"))
# Locust worker processes (0: one process): one Python process tops out
# below the national load's request rate.
LOCUST_PROCESSES = int(os.environ.get("LOAD_LOCUST_PROCESSES", "0"))
TARGET_P95_MS = 200
# Sent with the benchmark's own requests (warm-up, single-request timings) so
# that the per-endpoint CPU (benchmarks/measure/gunicorn_cpu.py) counts only
# the load.
WARM_UP = {"X-Load-Phase": "warm-up"}


def _locust_binary() -> str:
    binary = Path(sys.executable).parent / "locust"
    if not binary.exists():
        print("load: installing locust from requirements-bench.lock", file=sys.stderr)
        subprocess.run(
            [
                str(Path(sys.executable).parent / "uv"),
                "pip",
                "install",
                "--quiet",
                "--python",
                sys.executable,
                "--require-hashes",
                "--no-deps",
                "-r",
                str(ROOT / "requirements-bench.lock"),
            ],
            check=True,
        )
    return str(binary)


def _setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def _warm_up(base: str) -> None:
    """Wait until gunicorn's workers answer (the port opens before they have
    loaded Django), then touch every endpoint once."""
    import requests

    session = requests.Session()
    session.headers.update(WARM_UP)
    deadline = time.monotonic() + 120
    while True:
        try:
            if session.get(f"{base}/api/v1/news/", timeout=10).status_code == 200:
                break
        except requests.RequestException:
            pass
        if time.monotonic() > deadline:
            raise RuntimeError("gunicorn did not answer")
        time.sleep(0.5)
    for _worker in range(GUNICORN_WORKERS * 2):
        for path in ("/api/v1/interventions/", "/api/hsds/services", "/feeds/news.rss"):
            session.get(base + path, timeout=30)
    if PREBUILD:
        # A running installation has built its representations (at their
        # first read since publish): walk every intervention once.
        url = f"{base}/api/v1/interventions/?page_size=100"
        while url:
            url = session.get(url, timeout=120).json()["next"]


def _warm_caches(base: str, fixture: dict) -> None:
    """Read every address the users read (with a partner's key for the
    partners' ones, as they do) once, in parallel: every intervention's
    detail, list, HSDS page and feed, every sampled public page, bank and
    listing. The changes feed is read from each partner's own cursor."""
    from concurrent.futures import ThreadPoolExecutor

    import requests

    partner = {**WARM_UP, "Authorization": f"Api-Key {fixture['keys'][0]}"}
    reads = [
        (f"{base}/api/v1/interventions/{uuid}/", partner)
        for uuid in fixture["interventions"]
    ]
    partner_paths = [
        fixture["intervention_list"],
        *fixture["municipality_lists"],
        *fixture["hsds_pages"],
        *fixture["feeds"],
    ]
    reads += [(base + path, partner) for path in partner_paths]
    public_paths = [
        *fixture["public_pages"],
        *fixture["bank_pages"],
        *fixture["listings"],
    ]
    reads += [(base + path, WARM_UP) for path in public_paths]

    def read(url_and_headers):
        url, headers = url_and_headers
        requests.get(url, headers=headers, timeout=60).raise_for_status()

    with ThreadPoolExecutor(max_workers=GUNICORN_WORKERS) as pool:
        list(pool.map(read, reads))


@contextlib.contextmanager
def _haproxy(servers: list[str], out: Path):
    """One port in front of the gunicorn instances (round robin), as a
    standard proxy would be in production: yields its base URL and pid."""
    from tests.integration.web_server import free_port

    port = free_port()
    backends = "\n".join(
        f"    server web{n} {server.removeprefix('http://')}"
        for n, server in enumerate(servers)
    )
    config = out / "haproxy.cfg"
    config.write_text(
        "global\n    maxconn 8192\n"
        "defaults\n    mode http\n    timeout connect 5s\n"
        "    timeout client 60s\n    timeout server 60s\n"
        f"frontend web\n    bind 127.0.0.1:{port}\n    default_backend web\n"
        f"backend web\n    balance roundrobin\n{backends}\n"
    )
    process = subprocess.Popen(
        [HAPROXY, "-db", "-f", str(config)],
        stdout=(out / "haproxy.log").open("w"),
        stderr=subprocess.STDOUT,
    )
    try:
        yield f"http://127.0.0.1:{port}", process.pid
    finally:
        process.terminate()
        process.wait()


def _single_client(base: str, fixture: dict) -> dict:
    """Median milliseconds of one request at a time (no queueing): a detail
    rendered afresh, the same detail from the response cache, and a 304."""
    import statistics

    import requests

    session = requests.Session()
    session.headers.update(WARM_UP)
    session.headers["Authorization"] = f"Api-Key {fixture['keys'][0]}"
    times = {"uncached": [], "cached": [], "not_modified": []}
    for uuid in fixture["interventions"][-20:]:
        url = f"{base}/api/v1/interventions/{uuid}/"
        for kind in ("uncached", "cached"):
            started = time.monotonic()
            etag = session.get(url, timeout=30).headers["ETag"]
            times[kind].append(time.monotonic() - started)
        started = time.monotonic()
        assert session.get(url, headers={"If-None-Match": etag}).status_code == 304
        times["not_modified"].append(time.monotonic() - started)
    return {
        f"single_{kind}_ms": round(statistics.median(values) * 1000, 1)
        for kind, values in times.items()
    }


def _run_locust(base: str, fixture: Path, out: Path) -> None:
    users = PARTNERS * FACTOR + PUBLIC_READERS
    subprocess.run(
        [
            _locust_binary(),
            "--locustfile",
            str(ROOT / "benchmarks" / "locust" / "partner_load.py"),
            "--headless",
            "--host",
            base,
            "--users",
            str(users),
            "--spawn-rate",
            f"{max(1.0, users / max(1, RAMP_SECONDS)):.2f}",
            "--run-time",
            f"{RAMP_SECONDS + SECONDS}s",
            "--reset-stats",
            "--csv",
            str(out / "load"),
            "--only-summary",
            *(["--processes", str(LOCUST_PROCESSES)] if LOCUST_PROCESSES else []),
            "--loglevel",
            os.environ.get("LOAD_LOCUST_LOGLEVEL", "WARNING"),
        ],
        check=False,  # locust exits 1 when any request failed; we report it
        cwd=ROOT,
        env={**os.environ, "LOAD_FIXTURE": str(fixture)},
    )


def _summary(out: Path) -> dict:
    with (out / "load_stats.csv").open() as file:
        rows = {row["Name"]: row for row in csv.DictReader(file)}
    total = rows["Aggregated"]
    requests = int(total["Request Count"])
    failures = int(total["Failure Count"])
    return {
        "rps": round(float(total["Requests/s"]), 1),
        "requests": requests,
        "errors": failures,
        "error_rate": round(failures / requests, 5) if requests else None,
        "p50_ms": float(total["50%"]),
        "p95_ms": float(total["95%"]),
        "p99_ms": float(total["99%"]),
        "per_endpoint_p95_ms": {
            name: float(row["95%"])
            for name, row in rows.items()
            if name != "Aggregated" and row["95%"] != "N/A"  # none measured
        },
    }


def main() -> None:
    if not os.environ.get("DATABASE_URL"):
        script = ROOT / "scripts" / "with-services.sh"
        os.execv(str(script), [str(script), sys.executable, *sys.argv])
    os.environ.setdefault("SAMVERKAN_VAR_DIR", tempfile.mkdtemp(prefix="load-bench-"))
    _locust_binary()  # installed before anything is built
    _setup()
    from tests.integration.web_server import gunicorn_serving

    started = time.monotonic()
    fixture = fixture_build(
        interventions=INTERVENTIONS,
        organisations=ORGANISATIONS,
        partner_keys=PARTNERS * FACTOR,
        public_sample=PUBLIC_PAGE_SAMPLE,
    )
    print(
        f"data: {INTERVENTIONS} interventions in {time.monotonic() - started:.1f} s",
        file=sys.stderr,
    )
    out = Path(tempfile.mkdtemp(prefix="load-"))
    (out / "fixture.json").write_text(json.dumps(fixture))
    load_before = os.getloadavg()[0]
    editor = Editor(every_seconds=EDIT_EVERY_SECONDS)
    with contextlib.ExitStack() as stack:
        servers = [
            stack.enter_context(
                gunicorn_serving(
                    environment={
                        "SAMVERKAN_API_RESPONSE_CACHE": "1",
                        "SAMVERKAN_WEB_PAGE_CACHE": "1",
                        # Counts sent every second, as in production.
                        "SAMVERKAN_COUNTS_SEND_SECONDS": "1",
                        "GUNICORN_CMD_ARGS": f"--config={gunicorn_cpu.__file__}",
                        "GUNICORN_CPU_DIR": str(out / "cpu"),
                    },
                    workers=max(1, GUNICORN_WORKERS // GUNICORN_INSTANCES),
                    log_path=out / f"gunicorn-{n}.log",
                )
            )
            for n in range(GUNICORN_INSTANCES)
        ]
        trees = {
            f"gunicorn_{n}": pid_of_argument(f"--bind={base.removeprefix('http://')}")
            for n, base in enumerate(servers)
        }
        base = servers[0]
        if GUNICORN_INSTANCES > 1:
            base, trees["haproxy"] = stack.enter_context(_haproxy(servers, out))
        _warm_up(base)
        single = _single_client(base, fixture)
        if WARM_CACHES:
            started = time.monotonic()
            _warm_caches(base, fixture)
            print(
                f"caches warmed in {time.monotonic() - started:.0f} s", file=sys.stderr
            )
        meter = CpuMeter({**trees, "postgresql": postgres_pid(), "redis": redis_pid()})
        editor.start()
        measured = {}

        def measure_from_now():  # when every user has started
            meter.start()
            measured.update(busy=machine_busy_seconds(), started=time.monotonic())

        threading.Timer(RAMP_SECONDS, measure_from_now).start()
        _run_locust(base, out / "fixture.json", out)
        meter.stop()
        busy = machine_busy_seconds() - measured["busy"]
        available = (time.monotonic() - measured["started"]) * (os.cpu_count() or 1)
        editor.stopped.set()
    summary = _summary(out)
    by_endpoint = gunicorn_cpu.summary(out / "cpu")
    # Answers of 500 and above over the whole run, the start included
    # (locust's own figures begin after it).
    server_errors = sum(
        figures["requests"]
        for name, figures in by_endpoint.items()
        if int(name.split()[1]) >= 500
    )
    for name, figures in by_endpoint.items():
        print(
            f"{name:36} {figures['requests']:6} requests, CPU {figures['cpu_ms']:6.1f}"
            f" ms (wall {figures['wall_ms']:6.1f}), {figures['cpu_share']:.0%} of it",
            file=sys.stderr,
        )
    for name, p95 in summary.pop("per_endpoint_p95_ms").items():
        print(f"{name:32} p95 {p95:.0f} ms", file=sys.stderr)
    offered = (
        PARTNERS * FACTOR * REQUESTS_PER_PARTNER_MINUTE
        + PUBLIC_READERS * PUBLIC_REQUESTS_PER_READER_MINUTE
    ) / 60
    print(
        json.dumps(
            {
                "benchmark": "load",
                "ours": summary["rps"],
                "peer": round(offered, 1),
                "unit": "requests/s served (peer: offered by the load model)",
                "ratio": round(summary["rps"] / offered, 2),
                **summary,
                **single,
                "partners": PARTNERS * FACTOR,
                "public_readers": PUBLIC_READERS,
                "seconds": SECONDS,
                "ramp_seconds": RAMP_SECONDS,
                "server_errors_whole_run": server_errors,
                "publishes": editor.published,
                "targets": {"errors": 0, "p95_ms": TARGET_P95_MS},
                "meets_targets": summary["errors"] == 0
                and server_errors == 0
                and summary["p95_ms"] < TARGET_P95_MS,
                "gunicorn_workers": GUNICORN_WORKERS,
                "gunicorn_instances": GUNICORN_INSTANCES,
                # CPU milliseconds per request served, of each server's
                # process tree (from /proc), over the locust run.
                "cpu_ms_per_request": meter.per(summary["requests"] or 1),
                "cpu_seconds": meter.spent,
                # The whole machine over the same time: busy CPU seconds,
                # of the cores' seconds, and what the servers above did not
                # take (locust, the editor, the system).
                "machine_cpu_busy_seconds": round(busy, 1),
                "machine_cpu_seconds": round(available, 1),
                "other_cpu_seconds": round(busy - sum(meter.spent.values()), 1),
                # gunicorn's CPU inside each request, by endpoint and status.
                "gunicorn_cpu_by_endpoint": by_endpoint,
                "interventions": INTERVENTIONS,
                "organisations": ORGANISATIONS,
                "edit_every_seconds": EDIT_EVERY_SECONDS,
                "locust_processes": LOCUST_PROCESSES,
                "prebuilt": PREBUILD,
                "caches_warmed": WARM_CACHES,
                "load_average_before": round(load_before, 2),
                "load_average_after": round(os.getloadavg()[0], 2),
            }
        )
    )


if __name__ == "__main__":
    main()
