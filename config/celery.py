"""The Celery application of the host project.

The apps ship only `@shared_task` functions; this module wires them to the
broker named in the settings (CELERY_* keys).
"""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")

app = Celery("samverkan")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
