"""What a host's Celery app connects for Samverkan's workers
(docs/operations/install.md): call `worker_signals_connect()` once, beside
`app.autodiscover_tasks()`."""

import gc

from celery.signals import celeryd_init, worker_process_init, worker_ready


def survive_redis_restarts(**kwargs):
    """A Redis restart must not end the worker (cms/infra/broker_patch.py)."""
    from cms.infra.broker_patch import redis_channel_close_patch

    redis_channel_close_patch()


def record_first_heartbeat(sender, **kwargs):
    """Report the worker alive at once (/health/) instead of after the
    first beat."""
    from cms.http.health import heartbeat_record

    heartbeat_record(token="worker-ready")


def freeze_startup_objects(**kwargs):
    """Keep what Django and Wagtail loaded at start-up out of the garbage
    collector's full collections, which otherwise walk all of it again and
    again while a task builds many model instances (about a third of the
    time of building a chunk of HSDS payloads; docs/operations/benchmark-sync.md)."""
    gc.freeze()


def worker_signals_connect() -> None:
    celeryd_init.connect(survive_redis_restarts, dispatch_uid="samverkan-redis")
    worker_ready.connect(record_first_heartbeat, dispatch_uid="samverkan-heartbeat")
    worker_process_init.connect(
        freeze_startup_objects, dispatch_uid="samverkan-gc-freeze"
    )
