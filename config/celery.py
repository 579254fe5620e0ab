"""The Celery application of the host project.

The apps ship only `@shared_task` functions; this module wires them to the
broker named in the settings (CELERY_* keys).
"""

import gc
import os
from pathlib import Path

from celery import Celery
from celery.signals import celeryd_init, worker_process_init, worker_ready

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")

app = Celery("samverkan")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@app.on_after_configure.connect
def _create_filesystem_broker_folders(sender, **kwargs):
    """Kombu's file-system transport (the embedded default) needs its folders."""
    options = sender.conf.broker_transport_options or {}
    for key in (
        "data_folder_in",
        "data_folder_out",
        "processed_folder",
        "control_folder",
    ):
        if key in options:
            Path(options[key]).mkdir(parents=True, exist_ok=True)


@celeryd_init.connect
def _survive_redis_restarts(**kwargs):
    """A Redis restart must not end the worker (cms/infra/broker_patch.py)."""
    from cms.infra.broker_patch import redis_channel_close_patch

    redis_channel_close_patch()


@worker_ready.connect
def _record_first_heartbeat(sender, **kwargs):
    """Report the worker alive at once instead of after the first beat."""
    from cms.http.health import heartbeat_record

    heartbeat_record(token="worker-ready")


@worker_process_init.connect
def _freeze_startup_objects(**kwargs):
    """Keep what Django and Wagtail loaded at start-up out of the garbage
    collector's full collections, which otherwise walk all of it again and
    again while a task builds many model instances (about a third of the
    time of building a chunk of HSDS payloads; docs/operations/benchmark-sync.md)."""
    gc.freeze()
