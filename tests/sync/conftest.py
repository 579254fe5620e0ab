import base64

import pytest

from sync.http import clients_clear
from tests.sync.partner_stub import PartnerStub

SECRET = "whsec_" + base64.b64encode(b"partner-secret-of-32-bytes-long!").decode()


@pytest.fixture(autouse=True)
def _fresh_clients():
    """No connection kept by one test is reused by the next (target ids
    repeat between tests on SQLite)."""
    clients_clear()
    yield
    clients_clear()


@pytest.fixture
def sync_settings(settings):
    settings.SAMVERKAN_SYNC = {
        **settings.SAMVERKAN_SYNC,
        "INSECURE_HOSTS": ["127.0.0.1", "localhost"],
        "RETRY_SCHEDULE": [1, 2, 4],
        "JITTER": 0.0,
        "CONNECT_TIMEOUT": 1.0,
        "READ_TIMEOUT": 1.0,
        "LEASE_SECONDS": 30,
        "DRAIN_SECONDS": 10,
    }
    return settings


@pytest.fixture
def partner(sync_settings):
    stub = PartnerStub(secret=SECRET, slow_seconds=1.5).start()
    yield stub
    stub.stop()
