"""A gunicorn configuration file for the load test: CPU time of each
request, summed by endpoint, so the report says which requests the
server's CPU went to (not only how much it was in all).

Loaded with `--config` (benchmarks/load.py). Every worker adds the CPU
time of its process (user + system, `time.process_time`) between
`pre_request` and `post_request` to its endpoint's total, and writes the
totals to `<GUNICORN_CPU_DIR>/<pid>.json` when it exits. Wall time of the
same requests is summed beside it; the difference is time spent waiting
(on PostgreSQL, Redis, the network).

Endpoints are named as benchmarks/locust/partner_load.py names them:
identifiers in paths become [id] or [page], and the query string is
dropped; the status follows, and whether the answer came from the response
or page cache (`X-Cache: hit` or `miss`) where the answer says. Requests that carry the header `X-Load-Phase: warm-up` (the load
test's own warm-up and single-request timings) are not counted."""

import json
import os
import re
import time
from pathlib import Path

_OUT = Path(os.environ.get("GUNICORN_CPU_DIR", "."))
_UUID = re.compile(r"/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/")
# A page two levels down outside the site's own sections (the public pages
# of interventions, news and meetings, below their owner's page).
_PUBLIC_PAGE = re.compile(
    r"^/(?!api/|feeds/|insatser/|nyheter/|moten/|admin/|static/|[a-z]{2,3}/)"
    r"[^/]+/[^/]+/$"
)
_totals: dict[str, list[float]] = {}


def endpoint(path: str) -> str:
    """The name a request's path is counted under."""
    path = _UUID.sub("/[id]/", path.split("?", 1)[0])
    if path.startswith("/insatser/") and path.count("/") > 2:
        return "/insatser/[page]"
    if _PUBLIC_PAGE.match(path):  # an intervention's page: /<owner>/<slug>/
        return "/[owner]/[page]"
    return path


def pre_request(worker, req):
    req.cpu_started = (time.process_time(), time.monotonic())


def post_request(worker, req, environ, resp):
    if environ.get("HTTP_X_LOAD_PHASE") == "warm-up":
        return
    cpu, wall = req.cpu_started
    # "hit" or "miss" of the response and page caches (X-Cache), if said.
    cached = next((value for name, value in resp.headers if name == "X-Cache"), "")
    name = f"{endpoint(req.path)} {resp.status_code} {cached}".rstrip()
    total = _totals.setdefault(name, [0, 0, 0])
    total[0] += 1
    total[1] += time.process_time() - cpu
    total[2] += time.monotonic() - wall


def worker_exit(server, worker):
    _OUT.mkdir(parents=True, exist_ok=True)
    (_OUT / f"{os.getpid()}.json").write_text(json.dumps(_totals))


def summary(directory: Path) -> dict[str, dict]:
    """Every worker's totals added up: per endpoint and status, the count,
    the CPU and wall milliseconds per request, and the endpoint's share of
    all the requests' CPU."""
    totals: dict[str, list[float]] = {}
    for file in directory.glob("*.json"):
        for name, (count, cpu, wall) in json.loads(file.read_text()).items():
            total = totals.setdefault(name, [0, 0.0, 0.0])
            total[0] += count
            total[1] += cpu
            total[2] += wall
    all_cpu = sum(cpu for _count, cpu, _wall in totals.values()) or 1
    return {
        name: {
            "requests": count,
            "cpu_ms": round(cpu * 1000 / count, 2),
            "wall_ms": round(wall * 1000 / count, 2),
            "cpu_share": round(cpu / all_cpu, 3),
        }
        for name, (count, cpu, wall) in sorted(
            totals.items(), key=lambda item: -item[1][1]
        )
    }
