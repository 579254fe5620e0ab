"""Fault: PostgreSQL stopped and started again (a restart, a failover, a
crashed host) while gunicorn answers API requests and real Celery workers
run. Neither the web server nor the workers are restarted: they must come
back on their own, answer quickly (not hang) while the database is away,
and lose nothing that was committed.

Redis restarts are covered by test_sync_chaos.py (the sync outbox) and
test_newsletter_crash.py (a newsletter send); this file covers PostgreSQL."""

import threading
import time

import pytest
import requests

from django.db import connections

from delivery.models import ApiUsageDay
from delivery.tasks import api_usage_flush
from sync.models import Delivery, DeliveryStatus
from sync.tasks import sync_sweep
from tests.factories import InterventionPageFactory, PersonFactory, publish
from tests.integration.conftest import _database_url
from tests.integration.postgres_server import PostgresServer, postgres_controllable
from tests.integration.sync_fixtures import sync_worker_factory  # noqa: F401
from tests.integration.web_server import gunicorn_serving
from tests.sync.conftest import SECRET
from tests.sync.factories import target_for
from tests.sync.partner_stub import PartnerStub

pytestmark = [
    pytest.mark.integration,
    pytest.mark.own_services,  # restarts PostgreSQL
    pytest.mark.skipif(
        not postgres_controllable(),
        reason="needs the PostgreSQL of scripts/with-services.sh (make test)",
    ),
]

OUTAGE_SECONDS = 3
# A request may take this long while the database is away; more is a hang.
PROMPT_SECONDS = 5
SYNC_WORKER_ENVIRONMENT = {
    "SAMVERKAN_SYNC_INSECURE_HOSTS": "127.0.0.1",
    "SAMVERKAN_SYNC_RETRY_SCHEDULE": "1,1,1,1,1,1,1,1,1,1",
    "SAMVERKAN_SYNC_CONNECT_TIMEOUT": "1",
    "SAMVERKAN_SYNC_READ_TIMEOUT": "1",
    "SAMVERKAN_SYNC_LEASE_SECONDS": "5",
}


class Poller(threading.Thread):
    """A partner polling one URL every 0.1 s, recording (when, status,
    seconds) of each request; status is the exception's name when there
    was no HTTP answer. Each tick also calls `also` (beat's sweep)."""

    def __init__(self, url: str, also=None):
        super().__init__(daemon=True)
        self.url = url
        self.also = also
        self.results = []
        self.stopped = threading.Event()

    def run(self):
        session = requests.Session()
        while not self.stopped.wait(0.1):
            started = time.monotonic()
            try:
                status = session.get(self.url, timeout=30).status_code
            except requests.RequestException as error:
                status = type(error).__name__
            self.results.append((started, status, time.monotonic() - started))
            if self.also:
                self.also()

    def between(self, start: float, end: float) -> list:
        return [r for r in self.results if start <= r[0] < end]

    def first_success_after(self, moment: float, timeout: float) -> float | None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for started, status, _ in self.results:
                if started >= moment and status == 200:
                    return started
            time.sleep(0.1)
        return None


class Sweeps:
    """Beat's `sync-sweep`, once a second, on the test's sync queue."""

    def __init__(self, queue: str):
        self.queue = queue
        self.last = 0.0

    def __call__(self):
        if time.monotonic() - self.last >= 1:
            self.last = time.monotonic()
            sync_sweep.apply_async(queue=self.queue)


def test_web_and_workers_recover_from_a_postgresql_restart(
    transactional_db,
    region,
    org_a,
    celery_worker,
    sync_worker_factory,  # noqa: F811 - the fixture imported above
    settings,
    tmp_path,
):
    sync_worker = sync_worker_factory(SYNC_WORKER_ENVIRONMENT)
    settings.SAMVERKAN_SYNC = {
        **settings.SAMVERKAN_SYNC,
        "QUEUE": sync_worker.queue,
        "INSECURE_HOSTS": ["127.0.0.1"],
    }
    partner = PartnerStub(secret=SECRET).start()
    target_for(region, partner.url, name="Partner")
    owner = PersonFactory(organisation=org_a)
    before = publish(
        InterventionPageFactory(parent=org_a, title="Före", responsible_owner=owner)
    )
    postgres = PostgresServer()
    web = gunicorn_serving(
        environment={
            "DJANGO_SETTINGS_MODULE": "config.settings.test",
            "DATABASE_URL": _database_url(),
            # Every request reads the database (no cached answers).
            "SAMVERKAN_API_RESPONSE_CACHE": "0",
        },
        workers=1,
        log_path=tmp_path / "gunicorn.log",
    )
    with web as base:
        sync_worker.start()  # while gunicorn's workers boot
        poller = Poller(f"{base}/api/v1/interventions/", also=Sweeps(sync_worker.queue))
        poller.start()
        try:
            assert poller.first_success_after(0, timeout=20)
            assert partner.wait_for(lambda s: str(before.uuid) in s.state, 20)

            # The last publish before the outage; the partner refuses its
            # first two attempts, so its delivery is still waiting when the
            # database goes away.
            partner.script.extend(["500", "500"])
            last = publish(
                InterventionPageFactory(
                    parent=org_a, title="Sist före avbrottet", responsible_owner=owner
                )
            )
            postgres.stop()
            down = time.monotonic()
            during_outage = api_usage_flush.delay()
            time.sleep(OUTAGE_SECONDS)
            # Requests from here on may find it up again (it accepts
            # connections before pg_ctl returns).
            restarting = time.monotonic()
            postgres.start()
            up = time.monotonic()
            connections.close_all()  # this process's connection died too

            # The web answers again, without a restart of gunicorn.
            back = poller.first_success_after(up, timeout=15)
            assert back is not None, (tmp_path / "gunicorn.log").read_text()[-3000:]
            # The delivery that was waiting reaches the partner.
            assert partner.wait_for(lambda s: str(last.uuid) in s.state, 20), (
                sync_worker.log_text()[-3000:]
            )
        finally:
            poller.stopped.set()
            poller.join()
            partner.stop()

    outage = poller.between(down + 0.5, restarting)
    assert outage, "no request was made while the database was down"
    # While it was down: a prompt 503 (come back shortly, cms/http/errors.py),
    # never a hang, never a success from nowhere.
    assert {status for _, status, _ in outage} == {503}, outage
    assert max(seconds for _, _, seconds in outage) < PROMPT_SECONDS
    assert back - up < 10

    # The long-lived worker process runs database work again.
    assert api_usage_flush.delay().get(timeout=30) >= 0
    assert ApiUsageDay.objects.exists()
    # The task that ran while the database was away failed visibly (Celery
    # does not retry it; the next beat run does the same work).
    with pytest.raises(Exception):  # noqa: B017, PT011 - psycopg's error
        during_outage.get(timeout=30)

    assert not Delivery.objects.filter(status=DeliveryStatus.FAILED).exists()
    assert set(partner.applied.values()) == {1}
    print(  # noqa: T201 - figures worth seeing in the test log
        f"postgres down {up - down:.1f}s: {len(outage)} requests answered "
        f"{sorted({status for _, status, _ in outage})} within "
        f"{max(seconds for _, _, seconds in outage):.2f}s; "
        f"200 again {back - up:.1f}s after the start"
    )
