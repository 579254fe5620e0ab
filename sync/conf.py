"""The SAMVERKAN_SYNC settings, read when used (never at import time).

Keys (defaults in DEFAULTS; config/settings/base.py fills them from the
environment):
- CREDENTIALS_KEY: Fernet key encrypting target credentials; when empty a
  key is derived from SECRET_KEY.
- RETRY_SCHEDULE: seconds to wait before each retry; after the last one a
  delivery is marked failed.
- JITTER: +/- fraction of random jitter added to each wait.
- AUTO_DISABLE_AFTER: seconds a target may fail without any success before
  it is disabled and its region's central administrators are told.
- CONNECT_TIMEOUT, READ_TIMEOUT: seconds, for every request.
- LEASE_SECONDS: a delivery being sent is due again after this long (a
  killed worker's deliveries are swept up then).
- DRAIN_SECONDS: how long one task sends for one target before handing on.
- QUEUE: the Celery queue of the sync tasks (a worker pool of its own for
  outbound HTTP if wanted; "celery" is Celery's default queue).
- INSECURE_HOSTS: host names allowed over plain http and on private
  addresses (tests and local stubs only).
- CLAIM_CHUNK: deliveries a one-event-per-request drain claims at a time
  (their payloads are loaded or built together, their outcomes written in
  one UPDATE). Batching adapters claim the target's batch size.
- RECORD_SUCCESSES_EVERY: accepted one-event requests are written to the
  database in one UPDATE at least this often (and at the end of each
  chunk). A drain that dies before writing (worker killed, database
  outage) sends at most this many accepted events again per drain (and a
  batching adapter's last batch); partners drop them by webhook-id.
- ATTEMPT_HISTORY_DAYS: per-attempt history kept this long.
- ADAPTERS: {name a target stores: dotted path of its AdapterBase subclass}
  (sync/targets/registry.py).
"""

from django.conf import settings

DEFAULTS = {
    "CREDENTIALS_KEY": "",
    "RETRY_SCHEDULE": [5, 300, 1800, 7200, 18000, 36000, 50400, 72000, 86400],
    "JITTER": 0.2,
    "AUTO_DISABLE_AFTER": 3 * 24 * 3600,
    "CONNECT_TIMEOUT": 5.0,
    "READ_TIMEOUT": 15.0,
    "LEASE_SECONDS": 120,
    "DRAIN_SECONDS": 60,
    "QUEUE": "celery",
    "INSECURE_HOSTS": [],
    "CLAIM_CHUNK": 200,
    "RECORD_SUCCESSES_EVERY": 10,
    "ATTEMPT_HISTORY_DAYS": 30,
    "ADAPTERS": {
        "webhook": "sync.targets.webhook.WebhookAdapter",
        "hsds": "sync.targets.hsds.HsdsAdapter",
        "informationsverige": "sync.targets.informationsverige.InformationsverigeAdapter",
    },
}


def conf(name: str):
    return getattr(settings, "SAMVERKAN_SYNC", {}).get(name, DEFAULTS[name])
