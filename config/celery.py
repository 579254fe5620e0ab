"""The Celery application of the host project.

The apps ship only `@shared_task` functions; this module wires them to the
broker named in the settings (CELERY_* keys), as any host's Celery app does
(docs/operations/install.md).
"""

import os
from pathlib import Path

from celery import Celery

from samverkan.workers import worker_signals_connect

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")

app = Celery("samverkan")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
# Redis restarts survived, the first heartbeat at once, start-up objects
# frozen (samverkan/workers.py), as the install guide tells every host.
worker_signals_connect()


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
