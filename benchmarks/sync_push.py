"""Benchmark: pushing the intervention bank to a partner.

A full resync of 10,000 interventions to a stub partner served by gunicorn
on loopback, in one run:
(a) `ours`: deliveries per second through our whole path with the webhook
    adapter (delivery rows written by the resync, drained by a real Celery
    worker, one signed request per event, every outcome recorded), with the
    payloads already built; `ours_cold`: the same while building them (the
    first delivery of each version in a format builds and stores its
    payload; every later one, to any partner, reuses it);
(b) `batched`, `batched_cold`: the same with the HSDS push adapter (500
    services per request); payloads are built when a change is published
    (in the formats of the enabled targets, after the commit), so a resync
    normally finds them built: `batched` is that case, `batched_cold` a format never built
    before (content published before sync was set up and
    `sync_build_payloads` not run);
(c) `peer`: the limit, a bare loop of one `requests.post` per item with no
    bookkeeping;
(d) `p50_s`, `p99_s`: publish (commit) to the stub receiving it, idle worker;
(e) `prebuild`: versions per second whose payloads are built in all three
    formats (`sync_build_payloads`; publishing builds the formats of the
    enabled targets only), one process.

SYNC_BENCH_PROCESSES=2 runs it all with two worker processes on the sync
queue instead of one (4 task processes in all either way), as two machines
would; `duplicate_arrivals` counts the requests a target was sent twice
(0: the work split, nothing was sent twice).

Uses DATABASE_URL/REDIS_URL when set (e.g. scripts/with-services.sh), else a
throw-away SQLite file and Kombu's file-system broker. The last line printed
is the JSON result.

Run: scripts/with-services.sh .venv/bin/python benchmarks/sync_push.py
"""

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
COUNT = int(os.environ.get("SYNC_BENCH_COUNT", "10000"))
LATENCY_SAMPLES = int(os.environ.get("SYNC_BENCH_LATENCY_SAMPLES", "40"))
# Worker processes on the sync queue, sharing 4 task processes between them
# (SYNC_BENCH_PROCESSES=2: two workers of 2, as on two machines): the
# deliveries are claimed from the database, so none is sent twice.
PROCESSES = int(os.environ.get("SYNC_BENCH_PROCESSES", "1"))
CONCURRENCY = 4


# -- the stub partner (imported by gunicorn: keep this part light) -----------
def stub_app(environ, start_response):
    """Accept every POST; log webhook-id, arrival time and item count."""
    length = int(environ.get("CONTENT_LENGTH") or 0)
    body = environ["wsgi.input"].read(length)
    log = os.environ.get("SYNC_STUB_LOG")
    if log and environ.get("HTTP_WEBHOOK_ID"):
        try:
            document = json.loads(body)
            items = (
                1
                if "data" in document
                else len(document.get("services", ()))
                + len(document.get("deleted", ()))
            )
        except ValueError:
            items = 0
        path = environ.get("PATH_INFO", "/")
        line = f"{environ['HTTP_WEBHOOK_ID']} {time.time():.6f} {items} {path}\n"
        with open(log, "a") as handle:
            handle.write(line)
    start_response("200 OK", [("Content-Length", "0")])
    return [b""]


# -- set-up -------------------------------------------------------------------
def _free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _environment(tmp: Path) -> dict:
    env = {
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "SAMVERKAN_SYNC_INSECURE_HOSTS": "127.0.0.1",
        "SAMVERKAN_SYNC_QUEUE": "sync-bench",
        "SAMVERKAN_VAR_DIR": str(tmp / "var"),
        "LOG_LEVEL": "WARNING",
    }
    if not os.environ.get("DATABASE_URL"):
        env["DATABASE_URL"] = f"sqlite:///{tmp / 'bench.sqlite3'}"
    return env


def _start_stub(tmp: Path):
    port = _free_port()
    log = tmp / "stub.log"
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "--chdir",
            str(ROOT / "benchmarks"),
            "-b",
            f"127.0.0.1:{port}",
            "-w",
            "2",
            "-k",
            "gthread",
            "--threads",
            "4",
            "--log-level",
            "warning",
            "sync_push:stub_app",
        ],
        env={**os.environ, "SYNC_STUB_LOG": str(log)},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    import requests

    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        try:
            requests.post(f"http://127.0.0.1:{port}/", data=b"{}", timeout=1)
            break
        except requests.ConnectionError:
            time.sleep(0.1)
    return process, f"http://127.0.0.1:{port}/hook", log


def _start_worker(tmp: Path, concurrency: int, number: int = 0):
    log = open(tmp / f"worker-{number}.log", "w")  # noqa: SIM115 - closed at exit
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "tests.integration.sync_worker_app",
            "worker",
            "--pool=prefork",
            f"--concurrency={concurrency}",
            "--loglevel=WARNING",
            "--without-gossip",
            "--without-mingle",
            "-n",
            f"sync-bench-{number}@%h",
            "-Q",
            "sync-bench",
        ],
        cwd=ROOT,
        env=os.environ.copy(),
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    time.sleep(6)
    return process


def _make_interventions(count: int):
    """`count` live interventions under one organisation, written in bulk
    (a template page published the normal way, then copies of its rows) and
    one change-log row each, as publishing would have written."""
    import uuid

    from django.db import transaction
    from django.utils import timezone

    from cms.models import ChangeAction, ContentChange, InterventionPage
    from tests.factories import (
        InterventionPageFactory,
        OrganisationPageFactory,
        publish,
    )

    organisation = OrganisationPageFactory(title="Benchkommun", slug="benchkommun")
    template = publish(InterventionPageFactory(parent=organisation, title="Mall"))
    alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"

    def step(number: int) -> str:
        digits = ""
        for _ in range(4):
            number, rest = divmod(number, 36)
            digits = alphabet[rest] + digits
        return digits

    page_fields = [
        f for f in InterventionPage._meta.concrete_fields if not f.primary_key
    ]
    local_fields = InterventionPage._meta.local_concrete_fields
    now = timezone.now()
    # As the template's own change row has them: the language (adapters that
    # send each language look the page up in it) and the region.
    region_id = (
        ContentChange.objects.filter(page_id=template.pk).values_list(
            "region_id", flat=True
        )
    ).first()
    with transaction.atomic():
        for start in range(0, count, 1000):
            pages = []
            for number in range(start, min(count, start + 1000)):
                page = InterventionPage()
                for field in page_fields:
                    setattr(page, field.attname, getattr(template, field.attname))
                page.pk = page.page_ptr_id = None
                page.id = None
                page.uuid = uuid.uuid4()
                page.translation_key = uuid.uuid4()
                page.title = page.draft_title = f"Insats {number}"
                page.slug = f"insats-bench-{number}"
                page.path = organisation.path + step(number + 2)
                page.url_path = f"{organisation.url_path}{page.slug}/"
                page.live_revision_id = page.latest_revision_id = None
                pages.append(page)
            from wagtail.models import Page

            base = Page.objects.bulk_create(
                [
                    Page(
                        **{
                            f.attname: getattr(p, f.attname)
                            for f in Page._meta.concrete_fields
                            if not f.primary_key
                        }
                    )
                    for p in pages
                ]
            )
            for page, row in zip(pages, base, strict=True):
                page.page_ptr_id = page.id = row.pk
            InterventionPage.objects._insert(
                pages, fields=list(local_fields), using="default"
            )
            ContentChange.objects.bulk_create(
                [
                    ContentChange(
                        object_type="intervention",
                        object_id=page.uuid,
                        locale=template.locale.language_code,
                        page_id=page.pk,
                        region_id=region_id,
                        action=ChangeAction.CREATED,
                        version=1,
                        modified_at=now,
                    )
                    for page in pages
                ]
            )
        Page.objects.filter(pk=organisation.pk).update(numchild=count + 1)
    return organisation


def _wait_delivered(target, expected: int, timeout: float = 900) -> float:
    from sync.models import Delivery, DeliveryStatus

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        done = Delivery.objects.filter(
            target=target, resync=True, status=DeliveryStatus.DELIVERED
        ).count()
        if done >= expected:
            return time.monotonic()
        time.sleep(0.1)
    raise RuntimeError(f"only {done} of {expected} delivered")


def main():
    tmp = Path(tempfile.mkdtemp(prefix="sync-bench-"))
    os.environ.update(_environment(tmp))
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from config.celery import app

    app.conf.task_always_eager = False

    import requests

    from cms.models import OrganisationPage, RegionPage
    from sync.models import Target
    from sync.services import target_resync, target_save
    from tests.factories import InterventionPageFactory, publish

    stub, url, stub_log = _start_stub(tmp)
    workers = [
        _start_worker(tmp, concurrency=max(1, CONCURRENCY // PROCESSES), number=n)
        for n in range(PROCESSES)
    ]
    try:
        _make_interventions(COUNT)
        region = RegionPage.objects.first()
        secret = "whsec_" + "MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"

        names = []

        def resync_rate(name: str, keep: bool = False, **fields) -> float:
            """Items per second of a full resync to a new target, from the
            resync call until the stub has everything (the target is then
            disabled unless kept)."""
            # A path of its own per target: the stub's log tells them apart.
            target_url = f"{url}/{len(names)}"
            names.append(name)
            target = target_save(
                target=Target(
                    region=region,
                    name=name,
                    url=target_url,
                    max_concurrency=4,
                    **fields,
                ),
                secret=secret,
            )
            started = time.monotonic()
            queued = target_resync(target=target)
            rate = queued / (_wait_delivered(target, queued) - started)
            Target.objects.filter(pk=target.pk).update(enabled=keep)
            return rate

        # Each adapter twice: the first resync builds (and stores) the
        # payloads of all 10,000 versions in its format, the second, to
        # another partner, finds them built, as every delivery after the
        # first of a version does (other partners, retries, later resyncs).
        # (a) webhook: one signed request per event.
        ours_cold = resync_rate("webhook")
        ours = resync_rate("webhook 2", keep=True)  # for (d)
        # (b) HSDS push: 500 services per request.
        batched_cold = resync_rate("hsds", adapter="hsds", batch_size=500)
        batched = resync_rate("hsds 2", adapter="hsds", batch_size=500)

        # (e) what publishing adds: each version's payloads in every format
        # are built once, after the commit; here all 10,000 at once, as
        # `manage.py sync_build_payloads` does (one process).
        from sync.models import Payload
        from sync.services import payloads_build_missing

        Payload.objects.all().delete()
        started = time.monotonic()
        payloads_build_missing()
        prebuild = COUNT / (time.monotonic() - started)

        # (c) the bare loop, no bookkeeping.
        body = json.dumps(
            {
                "type": "intervention.updated",
                "data": {
                    "id": "x" * 36,
                    "object": {"title": "Insats", "summary": "x" * 800},
                },
            }
        ).encode()
        started = time.monotonic()
        for _ in range(COUNT):
            requests.post(url.replace("/hook", "/bare"), data=body, timeout=5)
        peer = COUNT / (time.monotonic() - started)

        # (d) publish to partner, idle worker.
        time.sleep(1)
        organisation = OrganisationPage.objects.get(slug="benchkommun")
        published_at = {}
        from cms.models import ContentChange

        for number in range(LATENCY_SAMPLES):
            page = InterventionPageFactory(parent=organisation, title=f"Ny {number}")
            publish(page)
            published_at[page.uuid] = time.time()
            time.sleep(0.25)
        time.sleep(3)
        events = {
            str(c.event_id): published_at[c.object_id]
            for c in ContentChange.objects.filter(object_id__in=published_at)
        }
        arrivals = {}
        for line in stub_log.read_text().splitlines():
            message_id, moment, *_ = line.split()
            if message_id in events and message_id not in arrivals:
                arrivals[message_id] = float(moment) - events[message_id]
        latencies = sorted(arrivals.values())
        p50 = statistics.median(latencies)
        p99 = latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))]
        # Nothing arrived twice: every request carries its event (webhook)
        # or batch id once per target, whichever worker process sent it.
        sent = [
            (fields[3], fields[0])
            for fields in map(str.split, stub_log.read_text().splitlines())
        ]
        duplicates = len(sent) - len(set(sent))
    finally:
        for worker in workers:
            os.killpg(worker.pid, 15)
        stub.terminate()
        for worker in workers:
            worker.wait(timeout=30)
        stub.wait(timeout=30)

    print(  # noqa: T201
        json.dumps(
            {
                "benchmark": "sync_push",
                "ours": round(ours, 1),
                "peer": round(peer, 1),
                "unit": "items/s",
                "ratio": round(ours / peer, 3),
                "batched": round(batched, 1),
                "batched_ratio": round(batched / peer, 2),
                "ours_cold": round(ours_cold, 1),
                "batched_cold": round(batched_cold, 1),
                "batched_cold_ratio": round(batched_cold / peer, 2),
                "prebuild": round(prebuild, 1),
                "p50_s": round(p50, 3),
                "p99_s": round(p99, 3),
                "items": COUNT,
                "worker_processes": PROCESSES,
                "worker_concurrency": CONCURRENCY,
                "duplicate_arrivals": duplicates,
                "latency_samples": len(latencies),
                "database": os.environ["DATABASE_URL"].split(":")[0],
            }
        )
    )


if __name__ == "__main__":
    main()
