"""Benchmark: sending one newsletter issue to 20,000 subscribers.

The receiving server is Postfix's smtp-sink (accepts and discards mail, so
the sending side is what is measured). In one run, side by side:

- `ours`: our whole send path: the issue is started as the scheduler does
  (frozen rendering, 20,000 delivery rows), Celery chunk tasks over Redis in
  a real worker (concurrency WORKERS, one SMTP connection per chunk), every
  row claimed and marked sent in PostgreSQL. Messages per second from the
  start until the last row is marked sent.
- `peer`: the naive way, as django-newsletter sends: one loop, per
  subscriber render the templates and call Django's `send_mail` (a new SMTP
  connection each). Run on a sample of NAIVE_SAMPLE subscribers.
- `limit`: one raw smtplib connection sending one pre-rendered message in a
  tight loop (LIMIT_COUNT messages), the best of LIMIT_RUNS runs: what this
  machine and smtp-sink allow (a single short run swung from 1,300 to
  2,700 messages/s with the load of other work on a shared machine).

The last line printed is the JSON result.

Run: make bench, or .venv/bin/python benchmarks/newsletter_send.py (it runs
itself under scripts/with-services.sh for PostgreSQL and Redis when
DATABASE_URL is not set, and installs Debian's postfix for smtp-sink when
missing).
"""

import json
import os
import shutil
import smtplib
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from measure.proc_cpu import CpuMeter, postgres_pid, redis_pid

ROOT = Path(__file__).resolve().parent.parent
SUBSCRIBERS = int(os.environ.get("NEWSLETTER_BENCH_COUNT", "20000"))
# Sending waits on SMTP and PostgreSQL replies, so more processes than
# cores pay off: 4 on this 2-core machine (CELERY_CONCURRENCY in docker;
# 3, 4, 6 and 8 measured within the run-to-run noise of each other).
WORKERS = int(os.environ.get("NEWSLETTER_BENCH_WORKERS", "4"))
# Celery worker processes (instances) sharing those WORKERS: 2 shows the
# sending split over workers, as over machines (each row is claimed once).
PROCESSES = int(os.environ.get("NEWSLETTER_BENCH_PROCESSES", "1"))
NAIVE_SAMPLE = int(os.environ.get("NEWSLETTER_BENCH_NAIVE", "1000"))
LIMIT_COUNT = int(os.environ.get("NEWSLETTER_BENCH_LIMIT", "5000"))
LIMIT_RUNS = 3
SMTP_SINK = "/usr/sbin/smtp-sink"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _ensure_smtp_sink() -> None:
    if Path(SMTP_SINK).exists():
        return
    apt = ["apt-get", "install", "-y", "postfix"]
    if os.geteuid() != 0:
        apt = ["sudo", *apt]
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    subprocess.run(apt, env=env, check=True, stdout=subprocess.DEVNULL)


def _start_smtp_sink(port: int) -> subprocess.Popen:
    command = [SMTP_SINK]
    if os.geteuid() == 0:
        command += ["-u", "nobody"]
    process = subprocess.Popen(
        [*command, f"127.0.0.1:{port}", "1024"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            with smtplib.SMTP("127.0.0.1", port, timeout=1) as smtp:
                smtp.noop()
            return process
        except OSError:
            time.sleep(0.05)
    raise RuntimeError("smtp-sink did not start")


def _environment(tmp: Path, smtp_port: int) -> dict:
    return {
        "DJANGO_SETTINGS_MODULE": "tests.newsletter.worker_settings",
        "SAMVERKAN_VAR_DIR": str(tmp / "var"),
        "LOG_LEVEL": "WARNING",
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(smtp_port),
        "EMAIL_USE_TLS": "0",
        "EMAIL_USE_SSL": "0",
        "CELERY_RESULT_BACKEND": "",
        "SAMVERKAN_NEWSLETTER_RATE": "0",
    }


def _start_worker(tmp: Path, number: int = 0) -> subprocess.Popen:
    """A Celery worker with WORKERS // PROCESSES processes; on the queue
    "newsletter" when the tasks are routed to queues."""
    queues = (
        ["-Q", "newsletter"]
        if os.environ.get("SAMVERKAN_CELERY_QUEUES") == "split"
        else []
    )
    log_path = tmp / f"worker-{number}.log"
    with log_path.open("w") as log:
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "config",
                "worker",
                "--pool=prefork",
                f"--concurrency={max(1, WORKERS // PROCESSES)}",
                *queues,
                "--loglevel=INFO",
                "--without-gossip",
                "--without-mingle",
                "-n",
                f"newsletter-bench-{number}@%h",
            ],
            cwd=ROOT,
            env=os.environ.copy(),
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(log_path.read_text())
        if "ready." in log_path.read_text():
            return process
        time.sleep(0.2)
    raise RuntimeError("worker not ready")


def _make_data():
    import json as jsonlib

    from newsletter.models import NewsletterIssue
    from tests.newsletter.factories import (
        AudienceFactory,
        IssueFactory,
        confirmed_subscribers,
    )

    audience = AudienceFactory(slug="bench")
    confirmed_subscribers(SUBSCRIBERS, audience, prefix="bench")
    paragraph = (
        "<p>Samverkan för nyanlända: språkcaféer, jobbspår och "
        "samhällsorientering i kommunerna. "
        '<a href="/insatser/sprakcafe/">Läs mer om språkcaféet</a>.</p>'
    )
    # About 23 KB as sent: the size the issue's raw-loop figure refers to.
    body = [{"type": "intro", "value": paragraph * 2}]
    body += [
        {"type": "text", "value": {"heading": f"Nyhet {n}", "text": paragraph * 3}}
        for n in range(5)
    ]
    issue = IssueFactory(subject="Nyhetsbrev december", body=jsonlib.dumps(body))
    issue.audiences.set([audience])
    return issue, NewsletterIssue


def _ours(issue, NewsletterIssue) -> tuple[float, int, float]:
    from django.urls import get_resolver
    from django.utils import timezone

    from newsletter.models import Delivery
    from newsletter.services.sending import issue_start_sending

    # The scheduler runs in a long-lived worker whose URL configuration is
    # loaded: load it here too, so the timing leaves out an import (0.5 s).
    get_resolver().url_patterns  # noqa: B018 - loads it
    NewsletterIssue.objects.filter(pk=issue.pk).update(
        status=NewsletterIssue.Status.SCHEDULED, scheduled_at=timezone.now()
    )
    started = time.perf_counter()
    issue_start_sending(issue_id=issue.pk)
    start_seconds = time.perf_counter() - started
    while True:
        issue.refresh_from_db()
        if issue.status == NewsletterIssue.Status.SENT:
            break
        time.sleep(0.1)
    elapsed = time.perf_counter() - started
    sent = Delivery.objects.filter(issue=issue, status=Delivery.Status.SENT).count()
    assert sent == SUBSCRIBERS, sent
    return SUBSCRIBERS / elapsed, len(issue.html_frozen.encode()), start_seconds


def _naive(issue) -> float:
    """django-newsletter's way: per subscriber, render the templates, then
    send_mail (which opens and closes a connection for each message)."""
    from django.core.mail import send_mail
    from django.template import Context, Template

    from newsletter.models import Subscriber
    from newsletter.rendering import PREFERENCES, UNSUBSCRIBE

    issue.refresh_from_db()

    def as_template(content: str) -> Template:
        return Template(
            content.replace(UNSUBSCRIBE, "{{ unsubscribe_url }}").replace(
                PREFERENCES, "{{ preferences_url }}"
            )
        )

    html_template = as_template(issue.html_frozen)
    text_template = as_template(issue.text_frozen)
    subscribers = list(Subscriber.objects.order_by("pk")[:NAIVE_SAMPLE])
    started = time.perf_counter()
    for subscriber in subscribers:
        context = Context(
            {
                "unsubscribe_url": f"http://localhost/u/{subscriber.token}/",
                "preferences_url": f"http://localhost/p/{subscriber.token}/",
            }
        )
        send_mail(
            issue.subject,
            text_template.render(context),
            "Samverkan <noreply@localhost>",
            [subscriber.email],
            html_message=html_template.render(context),
        )
    return len(subscribers) / (time.perf_counter() - started)


def _limit(port: int, message: bytes) -> float:
    rates = []
    for _run in range(LIMIT_RUNS):
        with smtplib.SMTP("127.0.0.1", port) as smtp:
            started = time.perf_counter()
            for n in range(LIMIT_COUNT):
                smtp.sendmail("noreply@localhost", [f"limit{n}@example.org"], message)
            rates.append(LIMIT_COUNT / (time.perf_counter() - started))
    return max(rates)


def _one_message(issue) -> bytes:
    from newsletter.rendering import issue_rendered_for_sending
    from newsletter.services.messages import NewsletterMessage

    issue.refresh_from_db()
    return NewsletterMessage(
        rendered=issue_rendered_for_sending(issue=issue),
        subject=issue.subject,
        from_email="Samverkan <noreply@localhost>",
    ).as_bytes(
        to="limit@example.org",
        unsubscribe_url="http://localhost/u/x/",
        preferences_url="http://localhost/p/x/",
        message_id="<limit@localhost>",
    )


def main() -> None:
    if not (os.environ.get("DATABASE_URL") and os.environ.get("REDIS_URL")):
        script = str(ROOT / "scripts" / "with-services.sh")
        os.execv(script, [script, sys.executable, str(Path(__file__).resolve())])
    _ensure_smtp_sink()
    tmp = Path(tempfile.mkdtemp(prefix="newsletter-bench-"))
    port = _free_port()
    os.environ.update(_environment(tmp, port))
    sys.path.insert(0, str(ROOT))
    sink = _start_smtp_sink(port)
    workers = []
    try:
        import django

        django.setup()
        from django.core.management import call_command

        call_command("migrate", verbosity=0)
        from config.celery import app

        app.conf.task_always_eager = False
        issue, NewsletterIssue = _make_data()
        workers = [_start_worker(tmp, number) for number in range(PROCESSES)]
        load_before = os.getloadavg()[0]
        meter = CpuMeter(
            {
                **{f"worker_{n}": worker.pid for n, worker in enumerate(workers)},
                "postgresql": postgres_pid(),
                "redis": redis_pid(),
                "smtp_sink": sink.pid,
            }
        )
        meter.start()
        own_cpu = time.process_time()
        ours, html_bytes, start_seconds = _ours(issue, NewsletterIssue)
        meter.stop()
        own_cpu = time.process_time() - own_cpu
        from newsletter.models import Delivery

        # Rows claimed more than once: a message sent twice (none expected).
        resent = Delivery.objects.filter(issue=issue, attempts__gt=1).count()
        message = _one_message(issue)
        peer = _naive(issue)
        limit = _limit(port, message)
    finally:
        for worker in workers:
            worker.terminate()
            worker.wait()
        sink.terminate()
        sink.wait()
        shutil.rmtree(tmp, ignore_errors=True)
    result = {
        "benchmark": "newsletter_send",
        "ours": round(ours, 1),
        "peer": round(peer, 1),
        "unit": "messages/s",
        "ratio": round(ours / peer, 2),
        "limit": round(limit, 1),
        "limit_ratio": round(ours / limit, 2),
        "subscribers": SUBSCRIBERS,
        "worker_concurrency": WORKERS,
        "worker_processes": PROCESSES,
        "queues": os.environ.get("SAMVERKAN_CELERY_QUEUES", "") or "default",
        "sent_more_than_once": resent,
        "message_bytes": len(message),
        "html_bytes": html_bytes,
        "peer_sample": NAIVE_SAMPLE,
        # Of `ours`: seconds to freeze the issue and write its delivery rows
        # (issue_start_sending), and CPU milliseconds per message of each
        # process tree from /proc (benchmark = this process alone: the
        # start, the dispatch and the polling).
        "start_seconds": round(start_seconds, 3),
        "cpu_ms_per_message": {
            **meter.per(SUBSCRIBERS),
            "benchmark": round(own_cpu * 1000 / SUBSCRIBERS, 3),
        },
        # The 1-minute load average before and after: others' work on a
        # shared machine moves every figure.
        "load_average": [round(load_before, 2), round(os.getloadavg()[0], 2)],
    }
    print(json.dumps(result))


if __name__ == "__main__":
    main()
