"""Settings of the Celery worker the newsletter's crash test starts: the
test settings, but tasks queued by tasks go over the broker, as in
production (the test settings run them eagerly, in-process)."""

from config.settings.test import *  # noqa: F403

CELERY_TASK_ALWAYS_EAGER = False
