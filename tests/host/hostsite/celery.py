"""The host's Celery app: Samverkan's apps ship `@shared_task`s only."""

import os

from celery import Celery

from samverkan.workers import worker_signals_connect

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.host.hostsite.settings")

app = Celery("hostsite")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
worker_signals_connect()
