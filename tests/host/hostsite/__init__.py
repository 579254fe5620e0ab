"""A minimal Wagtail project, as `wagtail start` makes one, that installs
Samverkan the way docs/operations/install.md tells a host (tests/host/
test_host.py runs it). It has its own settings, URLs and Celery app and
nothing of the reference host in config/."""

from .celery import app as celery_app

__all__ = ["celery_app"]
