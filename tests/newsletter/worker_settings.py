"""Settings of the Celery workers the newsletter's integration tests and
benchmark start: the test settings, but tasks queued by tasks go over the
broker, as in production (the test settings run them eagerly, in-process).
SAMVERKAN_NEWSLETTER_OVERRIDES (JSON) changes newsletter settings for one
test, such as a short retry backoff."""

import json
import os

from config.settings.test import *  # noqa: F403

CELERY_TASK_ALWAYS_EAGER = False
SAMVERKAN_NEWSLETTER = {
    **SAMVERKAN_NEWSLETTER,  # noqa: F405
    **json.loads(os.environ.get("SAMVERKAN_NEWSLETTER_OVERRIDES", "{}")),
}
